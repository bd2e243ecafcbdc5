package dev.cutover.gateway.control;

import java.util.Arrays;
import java.util.Optional;

/** Where the weight in force for a domain came from, highest precedence first: see {@link RoutingPolicy}. */
public enum WeightSource {

    /** The kill switch sent the domain to legacy; only a later ops change lifts it. */
    KILL_SWITCH("kill_switch"),
    /** {@code ROUTING_MODE=legacy_only|new_only} pins every domain. */
    ROUTING_MODE("routing_mode"),
    /** Set by ops through the control API. */
    RUNTIME("runtime"),
    /** {@code TRAFFIC_SPLIT_<DOMAIN>} is set in the environment. */
    ENVIRONMENT("environment"),
    /** The configuration file's default. */
    CONFIGURATION("configuration");

    private final String value;

    WeightSource(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<WeightSource> fromValue(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
