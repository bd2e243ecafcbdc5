package dev.cutover.gateway.routing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code ROUTING_MODE}: whether the per-domain weights apply, or every domain is pinned to one side. */
public enum RoutingMode {

    LEGACY_ONLY("legacy_only"),
    GRADUAL_MIGRATION("gradual_migration"),
    NEW_ONLY("new_only");

    public static final String VARIABLE = "ROUTING_MODE";

    private final String value;

    RoutingMode(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** The weight this mode forces on every domain, if it forces one. */
    public OptionalInt forcedWeight() {
        return switch (this) {
            case LEGACY_ONLY -> OptionalInt.of(Weights.MIN);
            case NEW_ONLY -> OptionalInt.of(Weights.MAX);
            case GRADUAL_MIGRATION -> OptionalInt.empty();
        };
    }

    public static Optional<RoutingMode> fromValue(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String wanted = raw.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.value.equals(wanted)).findFirst();
    }

    public static String allowedValues() {
        return String.join(" | ", Arrays.stream(values()).map(RoutingMode::value).toList());
    }
}
