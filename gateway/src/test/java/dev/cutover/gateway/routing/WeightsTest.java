package dev.cutover.gateway.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class WeightsTest {

    @ParameterizedTest
    @CsvSource({"0,0", "1,1", "50,50", "100,100", "' 7 ',7", "007,7"})
    void wholeNumbersFromZeroToOneHundredAreWeights(String raw, int expected) {
        assertThat(Weights.parse(raw)).hasValue(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "101", "abc", "", " ", "50.5", "1e2", "+5", "0x10", "1000"})
    void anythingElseIsRejected(String raw) {
        assertThat(Weights.parse(raw)).isEmpty();
    }
}
