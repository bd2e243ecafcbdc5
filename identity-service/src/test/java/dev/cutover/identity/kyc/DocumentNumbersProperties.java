package dev.cutover.identity.kyc;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The mask shows five stars and the last four characters, and nothing else, whatever the document number. */
class DocumentNumbersProperties {

    @Property(tries = 300)
    void theMaskIsFiveStarsAndTheLastFourCharacters(@ForAll("documentNumbers") String number) {
        String masked = DocumentNumbers.mask(number);
        String normalized = number.replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);

        assertThat(masked).hasSize(9).startsWith("*****").endsWith(normalized.substring(normalized.length() - 4));
        assertThat(masked).matches("\\*{5}[A-Z0-9]{4}");
    }

    @Property(tries = 300)
    void theMaskDependsOnTheLastFourCharactersAlone(@ForAll("documentNumbers") String number,
            @ForAll("prefixes") String prefix) {
        String longer = prefix + number;

        assertThat(DocumentNumbers.mask(longer)).isEqualTo(DocumentNumbers.mask(number));
        assertThat(DocumentNumbers.mask(longer).replace("*", "")).hasSize(4);
    }

    @Property(tries = 300)
    void separatorsAndCaseDoNotChangeTheMask(@ForAll("documentNumbers") String number) {
        String plain = DocumentNumbers.normalize(number);

        assertThat(DocumentNumbers.mask(number.toLowerCase(Locale.ROOT))).isEqualTo(DocumentNumbers.mask(plain));
    }

    @Example
    void theSpecExample() {
        assertThat(DocumentNumbers.mask("X99871234")).isEqualTo("*****1234");
        assertThat(DocumentNumbers.mask("ab-12 34")).isEqualTo("*****1234");
    }

    @Example
    void tooShortOrMalformedNumbersAreNotAcceptable() {
        assertThat(DocumentNumbers.isAcceptable("1234")).isFalse();
        assertThat(DocumentNumbers.isAcceptable("12--345")).isFalse();
        assertThat(DocumentNumbers.isAcceptable(" 12345")).isFalse();
        assertThat(DocumentNumbers.isAcceptable("12345;")).isFalse();
        assertThat(DocumentNumbers.isAcceptable("12345")).isTrue();
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.strings().withCharRange('A', 'Z').withCharRange('0', '9').ofMinLength(1).ofMaxLength(15);
    }

    @Provide
    Arbitrary<String> documentNumbers() {
        Arbitrary<Character> alphanumeric = Arbitraries.chars().range('A', 'Z').range('a', 'z').range('0', '9');
        Arbitrary<String> separator = Arbitraries.of("", "", "", " ", "-");
        return alphanumeric.list().ofMinSize(5).ofMaxSize(20).flatMap(chars -> separator.list().ofSize(chars.size() - 1)
                .map(separators -> {
                    StringBuilder out = new StringBuilder();
                    for (int i = 0; i < chars.size(); i++) {
                        out.append(chars.get(i));
                        if (i < separators.size()) {
                            out.append(separators.get(i));
                        }
                    }
                    return out.toString();
                }))
                .filter(DocumentNumbers::isAcceptable);
    }
}
