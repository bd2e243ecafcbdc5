package dev.cutover.payments.carddata;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LuhnTest {

    @ParameterizedTest
    @CsvSource({"4242424242424242, true", "4111111111111111, true", "5555555555554444, true", "378282246310005, true",
        "4242424242424241, false", "1234567812345678, false", "abc, false", "'', false"})
    void knownNumbers(String digits, boolean valid) {
        assertThat(Luhn.isValid(digits)).isEqualTo(valid);
    }
}
