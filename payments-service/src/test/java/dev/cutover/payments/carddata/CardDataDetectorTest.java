package dev.cutover.payments.carddata;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CardDataDetectorTest {

    @Property
    void everyLuhnValidCardNumberIsFoundWhereverItHides(@ForAll("cardNumbers") String pan, @ForAll("hidingPlaces") String template) {
        String body = template.formatted(pan);

        assertThat(CardDataDetector.containsCardData(body.getBytes(StandardCharsets.UTF_8))).as(body).isTrue();
    }

    @Property
    void numbersFailingTheLuhnCheckPass(@ForAll("cardNumbers") String pan) {
        char last = pan.charAt(pan.length() - 1);
        String broken = pan.substring(0, pan.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);

        assertThat(CardDataDetector.containsCardNumber(broken)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"amount\": 99999999999}", "{\"order\": \"1234567890123\"}", "{\"phone\": \"+41 44 668 18 00\"}",
        "{\"id\": \"txn_01m88zh6qbjcpbfm00rkmba8r6\"}", "{\"n\": \"12345678901234567890123\"}", "{}", ""
    })
    void ordinaryBodiesPass(String body) {
        assertThat(CardDataDetector.containsCardData(body.getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"number", "card_number", "cardNumber", "CVC", "cvv", "security-code", "pan", "track2"})
    void cardFieldNamesAreRefusedWhateverTheirValue(String field) {
        assertThat(CardDataDetector.containsCardData(("{\"x\": {\"" + field + "\": null}}").getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Provide
    Arbitrary<String> cardNumbers() {
        return Arbitraries.integers().between(13, 19).flatMap(length ->
                Arbitraries.strings().numeric().ofLength(length - 1).map(CardDataDetectorTest::withCheckDigit));
    }

    @Provide
    Arbitrary<String> hidingPlaces() {
        return Arbitraries.of(
                "{\"token\": \"%s\"}", "{\"a\": {\"b\": [\"x\", \"%s\"]}}", "{\"note\": \"card %s thanks\"}", "{\"n\": %s}",
                "garbage %s {", "{\"k\": \"%s\"}");
    }

    static String withCheckDigit(String payload) {
        for (int check = 0; check <= 9; check++) {
            if (Luhn.isValid(payload + check)) {
                return payload + check;
            }
        }
        throw new IllegalStateException("no check digit");
    }
}
