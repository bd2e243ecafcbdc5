package dev.cutover.gateway.routing;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where each side lives: one legacy monolith for every domain, one new service per domain.
 *
 * @param legacy   {@code LEGACY_UPSTREAM}
 * @param services {@code PAYMENTS_UPSTREAM}, {@code IDENTITY_UPSTREAM}, {@code LEDGER_UPSTREAM}
 */
public record Upstreams(URI legacy, Map<Domain, URI> services) {

    /** The upstream name of the legacy monolith, also its circuit breaker's name. */
    public static final String LEGACY = "legacy";

    public Upstreams {
        Objects.requireNonNull(legacy, "legacy");
        services = new EnumMap<>(services);
        for (Domain domain : Domain.values()) {
            Objects.requireNonNull(services.get(domain), domain.upstreamVariable());
        }
    }

    public URI uri(Domain domain, Side side) {
        return side == Side.LEGACY ? legacy : services.get(domain);
    }

    /** The name of the upstream a side of a domain goes to: {@code legacy} or the domain's key. */
    public static String name(Domain domain, Side side) {
        return side == Side.LEGACY ? LEGACY : domain.key();
    }

    /** Every upstream by name, legacy first. */
    public Map<String, URI> byName() {
        Map<String, URI> all = new java.util.LinkedHashMap<>();
        all.put(LEGACY, legacy);
        for (Domain domain : Domain.values()) {
            all.put(domain.key(), services.get(domain));
        }
        return all;
    }
}
