package dev.cutover.kit.idempotency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param retention how long a completed key is kept and replayed (at least 24 h per the public API)
 * @param staleAfter after how long an in-flight claim whose request died is taken over by a retry;
 *                   longer than any request may run, so a live request is never overtaken
 * @param purgeInterval how often expired keys are deleted
 */
@ConfigurationProperties("cutover.idempotency")
public record IdempotencyProperties(
        @DefaultValue("24h") Duration retention,
        @DefaultValue("60s") Duration staleAfter,
        @DefaultValue("10m") Duration purgeInterval) {

    public IdempotencyProperties {
        if (retention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("cutover.idempotency.retention must be at least 24h, was " + retention);
        }
    }
}
