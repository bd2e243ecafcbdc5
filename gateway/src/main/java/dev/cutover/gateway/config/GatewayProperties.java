package dev.cutover.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * {@code cutover.gateway.*} as written in {@code gateway.yml}, each fed by an environment variable.
 * Values an operator types into the environment are bound as text and checked by {@link GatewaySettings},
 * so that a bad one stops startup with a message naming the variable rather than a binder stack trace.
 */
@ConfigurationProperties("cutover.gateway")
public record GatewayProperties(
        Upstreams upstreams,
        Routing routing,
        UpstreamHeader upstreamHeader,
        Security security,
        RateLimit rateLimit,
        DataSize maxBodySize,
        String trustedProxies,
        Duration healthProbeTimeout,
        State state) {

    /** {@code LEGACY_UPSTREAM}, {@code PAYMENTS_UPSTREAM}, {@code IDENTITY_UPSTREAM}, {@code LEDGER_UPSTREAM}. */
    public record Upstreams(String legacy, String payments, String identity, String ledger) {
    }

    /** {@code ROUTING_MODE} and {@code TRAFFIC_SPLIT_<DOMAIN>}. */
    public record Routing(String mode, Weights weights) {
    }

    public record Weights(String payments, String identity, String ledger) {
    }

    /** {@code UPSTREAM_HEADER_ENABLED}, {@code UPSTREAM_HEADER_NAME}. */
    public record UpstreamHeader(boolean enabled, String name) {
    }

    /**
     * {@code IDENTITY_JWKS_URI}, {@code LEGACY_JWKS_URI} (the monolith's keys; blank: its tokens are not accepted),
     * {@code JWT_ISSUER}; {@code jwksTimeout} bounds each key-set fetch, {@code jwksRefresh} ({@code JWKS_REFRESH})
     * how old a fetched key set may get; {@code verifiedTokenCacheSize} ({@code JWT_CACHE_SIZE}, 0 turns it off) how
     * many verified tokens are remembered.
     */
    public record Security(String jwksUri, String legacyJwksUri, String issuer, Duration jwksTimeout, Duration jwksRefresh,
                           int verifiedTokenCacheSize) {
    }

    /**
     * {@code RATE_LIMIT_ENABLED}, {@code RATE_LIMIT_PER_SECOND}, {@code RATE_LIMIT_BURST}; {@code leaseFor}
     * ({@code RATE_LIMIT_LEASE_FOR}, 0 = off) how long tokens taken ahead from Redis may be spent by this replica.
     */
    public record RateLimit(boolean enabled, String replenishPerSecond, String burst, Duration redisTimeout, Duration leaseFor) {
    }

    /**
     * The routing state store.
     *
     * @param redis         whether Redis holds it; derived at startup from {@code REDIS_URL} / {@code spring.data.redis.*}
     * @param keyPrefix     {@code REDIS_KEY_PREFIX}: every key the gateway writes starts with it
     * @param pollInterval  {@code ROUTING_POLL_INTERVAL}: how often a replica re-reads the shared weights
     * @param auditRetention {@code AUDIT_RETENTION}: how many audit entries are kept
     */
    public record State(boolean redis, String keyPrefix, Duration pollInterval, int auditRetention,
                        Duration redisTimeout, Duration startupWait) {
    }
}
