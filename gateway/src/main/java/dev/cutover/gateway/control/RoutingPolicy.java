package dev.cutover.gateway.control;

import dev.cutover.gateway.routing.Domain;

import java.util.OptionalInt;

/**
 * Which weight is in force, highest precedence first:
 * <ol>
 *   <li>the kill switch (it must win over everything, {@code ROUTING_MODE=new_only} included);</li>
 *   <li>{@code ROUTING_MODE=legacy_only|new_only};</li>
 *   <li>a runtime change by ops;</li>
 *   <li>{@code TRAFFIC_SPLIT_<DOMAIN>} or the configuration file.</li>
 * </ol>
 */
public final class RoutingPolicy {

    private RoutingPolicy() {
    }

    public static Effective resolve(Domain domain, ConfiguredRouting configured, WeightRecord runtime) {
        if (runtime != null && runtime.source() == WeightSource.KILL_SWITCH) {
            return new Effective(domain, runtime.weight(), WeightSource.KILL_SWITCH);
        }
        OptionalInt forced = configured.mode().forcedWeight();
        if (forced.isPresent()) {
            return new Effective(domain, forced.getAsInt(), WeightSource.ROUTING_MODE);
        }
        if (runtime != null) {
            return new Effective(domain, runtime.weight(), WeightSource.RUNTIME);
        }
        ConfiguredRouting.Configured fallback = configured.of(domain);
        return new Effective(domain, fallback.weight(), fallback.source());
    }

    /** The weight in force for a domain and where it came from. */
    public record Effective(Domain domain, int weight, WeightSource source) {
    }
}
