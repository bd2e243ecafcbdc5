package dev.cutover.gateway.routing;

import java.util.EnumMap;
import java.util.Map;

/**
 * The weights in force on this replica, read on every request without locking. Whoever resolves the
 * weights (the control plane) publishes a new snapshot; until then every domain is on legacy.
 */
public final class RoutingTable {

    private volatile int[] weights = new int[Domain.values().length];

    public int weightOf(Domain domain) {
        return weights[domain.ordinal()];
    }

    public Map<Domain, Integer> snapshot() {
        int[] current = weights;
        Map<Domain, Integer> copy = new EnumMap<>(Domain.class);
        for (Domain domain : Domain.values()) {
            copy.put(domain, current[domain.ordinal()]);
        }
        return copy;
    }

    public void publish(Map<Domain, Integer> effective) {
        int[] next = new int[Domain.values().length];
        for (Domain domain : Domain.values()) {
            Integer weight = effective.get(domain);
            if (weight == null || !Weights.isValid(weight)) {
                throw new IllegalArgumentException("no valid weight for " + domain.key() + ": " + weight);
            }
            next[domain.ordinal()] = weight;
        }
        weights = next;
    }
}
