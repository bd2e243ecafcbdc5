package dev.cutover.gateway.edge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"req-1", "0d2c6a3e-2b7e-4d6e-9f0c-1b2a3c4d5e6f", "trace:abc.def_1"})
    void plainIdsAreAcceptedAsTheyCome(String id) {
        assertThat(RequestIdFilter.isWellFormed(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "new\nline", "quote\"d", "<script>"})
    void idsThatCouldCorruptLogsAreReplaced(String id) {
        assertThat(RequestIdFilter.isWellFormed(id)).isFalse();
    }

    @Test
    void overlongIdsAreReplaced() {
        assertThat(RequestIdFilter.isWellFormed("a".repeat(129))).isFalse();
        assertThat(RequestIdFilter.isWellFormed(null)).isFalse();
    }
}
