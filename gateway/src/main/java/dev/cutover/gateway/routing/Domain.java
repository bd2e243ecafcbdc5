package dev.cutover.gateway.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A slice of the public API that migrates as one unit (SPEC §5). Each domain has one new service and a
 * weight; the paths are fixed by the contract, so they live here rather than in configuration.
 */
public enum Domain {

    PAYMENTS("payments", List.of(
            "/api/v1/transactions/**", "/api/v1/payment-methods/**", "/api/v1/refunds/**")),
    IDENTITY("identity", List.of(
            "/api/v1/users/**", "/api/v1/auth/**", "/api/v1/kyc-records/**", "/api/v1/verifications/**",
            "/.well-known/jwks.json")),
    LEDGER("ledger", List.of(
            "/api/v1/accounts/**", "/api/v1/entries/**", "/api/v1/balances/**", "/api/v1/ledger/**"));

    private final String key;
    private final List<String> pathPatterns;

    Domain(String key, List<String> pathPatterns) {
        this.key = key;
        this.pathPatterns = pathPatterns;
    }

    /** The lower-case name used in URLs, JSON, metrics and Redis, e.g. {@code payments}. */
    public String key() {
        return key;
    }

    public List<String> pathPatterns() {
        return pathPatterns;
    }

    /** The environment variable holding this domain's default weight, e.g. {@code TRAFFIC_SPLIT_PAYMENTS}. */
    public String weightVariable() {
        return "TRAFFIC_SPLIT_" + name();
    }

    /** The environment variable holding this domain's new service, e.g. {@code PAYMENTS_UPSTREAM}. */
    public String upstreamVariable() {
        return name() + "_UPSTREAM";
    }

    public static Optional<Domain> fromKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String wanted = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.key.equals(wanted)).findFirst();
    }
}
