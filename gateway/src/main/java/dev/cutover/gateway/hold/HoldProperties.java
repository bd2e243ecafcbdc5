package dev.cutover.gateway.hold;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The hold of a moved caller's request after a weight change or the kill switch (SPEC §7, ADR 67).
 *
 * @param max          {@code HOLD_MAX}: the longest a request waits for the sync before 503 + {@code Retry-After}
 * @param poll         how often a waiting fence is asked about (one question per fence, whoever waits)
 * @param clientId     {@code GATEWAY_SERVICE_CLIENT_ID}: the gateway's own client at identity (scope {@code service})
 * @param clientSecret {@code GATEWAY_SERVICE_CLIENT_SECRET}; blank turns the hold off (logged at startup)
 * @param tokenUri     {@code GATEWAY_SERVICE_TOKEN_URI}: identity's token endpoint, called directly, never routed
 */
@ConfigurationProperties("cutover.gateway.hold")
public record HoldProperties(
        @DefaultValue("2s") Duration max,
        @DefaultValue("50ms") Duration poll,
        @DefaultValue("gateway") String clientId,
        @DefaultValue("") String clientSecret,
        String tokenUri) {

    public boolean enabled() {
        return clientSecret != null && !clientSecret.isBlank();
    }
}
