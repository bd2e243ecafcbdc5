package dev.cutover.gateway.control;

import dev.cutover.gateway.routing.Domain;
import dev.cutover.gateway.routing.RoutingMode;
import dev.cutover.gateway.routing.Weights;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the environment and configuration file say, before any ops change.
 *
 * @param mode       {@code ROUTING_MODE}
 * @param modeSource environment or configuration
 * @param weights    the default weight of every domain, with where it came from
 */
public record ConfiguredRouting(RoutingMode mode, WeightSource modeSource, Map<Domain, Configured> weights) {

    public ConfiguredRouting {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(modeSource, "modeSource");
        weights = new EnumMap<>(weights);
        for (Domain domain : Domain.values()) {
            Objects.requireNonNull(weights.get(domain), domain.weightVariable());
        }
    }

    public Configured of(Domain domain) {
        return weights.get(domain);
    }

    /** @param source {@link WeightSource#ENVIRONMENT} or {@link WeightSource#CONFIGURATION} */
    public record Configured(int weight, WeightSource source) {

        public Configured {
            if (!Weights.isValid(weight)) {
                throw new IllegalArgumentException("weight out of range: " + weight);
            }
            if (source != WeightSource.ENVIRONMENT && source != WeightSource.CONFIGURATION) {
                throw new IllegalArgumentException("a configured weight comes from the environment or configuration");
            }
        }
    }
}
