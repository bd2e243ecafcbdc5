package dev.cutover.gateway.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallerKeyTest {

    @Test
    void stickyRoutingPrefersTheVerifiedSubjectThenTheClientIdThenTheAddress() {
        assertThat(new CallerKey("usr_1", "app-7", "203.0.113.9").routingKey()).isEqualTo("usr_1");
        assertThat(new CallerKey(null, "app-7", "203.0.113.9").routingKey()).isEqualTo("app-7");
        assertThat(new CallerKey(null, null, "203.0.113.9").routingKey()).isEqualTo("203.0.113.9");
    }

    @Test
    void rateLimitsNeverCountAgainstAClientChosenId() {
        assertThat(new CallerKey("usr_1", "app-7", "203.0.113.9").rateLimitKey()).isEqualTo("sub:usr_1");
        assertThat(new CallerKey(null, "app-7", "203.0.113.9").rateLimitKey()).isEqualTo("addr:203.0.113.9");
    }
}
