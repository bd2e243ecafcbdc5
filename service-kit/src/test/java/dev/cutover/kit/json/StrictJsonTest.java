package dev.cutover.kit.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictJsonTest {

    record Payment(Long amount, String currency, Boolean capture, Map<String, String> metadata) {
    }

    record Stamped(Instant createdAt) {
    }

    private final JsonMapper mapper = StrictJson.mapper();

    @Test
    void wellFormedSnakeCaseBinds() {
        Payment payment = mapper.readValue("{\"amount\": 1250, \"currency\": \"USD\", \"capture\": true, \"metadata\": {\"k\": \"v\"}}", Payment.class);

        assertThat(payment).isEqualTo(new Payment(1250L, "USD", true, Map.of("k", "v")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"amount\": 10.5}", "{\"amount\": 10.0}", "{\"amount\": 1e3}", "{\"amount\": \"10\"}", "{\"amount\": true}",
        "{\"currency\": 840}", "{\"currency\": 8.4}", "{\"currency\": false}",
        "{\"capture\": \"true\"}", "{\"capture\": 1}",
        "{\"amount\": 1, \"amount\": 2}",
        "{\"amount\": 1, \"status\": \"succeeded\"}",
        "{\"amount\": 1} {\"amount\": 2}",
        "{\"metadata\": {\"k\": 1}}"
    })
    void anythingButTheExactTypeIsRefused(String json) {
        assertThatThrownBy(() -> mapper.readValue(json, Payment.class)).isInstanceOf(JacksonException.class);
    }

    @Test
    void instantsAreWrittenInUtcWithExactlyMilliseconds() {
        assertThat(mapper.writeValueAsString(new Stamped(Instant.parse("2026-11-25T08:30:00Z"))))
                .isEqualTo("{\"created_at\":\"2026-11-25T08:30:00.000Z\"}");
        assertThat(mapper.writeValueAsString(new Stamped(Instant.parse("2026-11-25T08:30:00.123456Z"))))
                .isEqualTo("{\"created_at\":\"2026-11-25T08:30:00.123Z\"}");
    }
}
