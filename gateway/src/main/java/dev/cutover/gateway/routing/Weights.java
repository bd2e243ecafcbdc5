package dev.cutover.gateway.routing;

import java.util.OptionalInt;

/** A weight is the percentage (0–100) of a domain's callers served by the new service. */
public final class Weights {

    public static final int MIN = 0;
    public static final int MAX = 100;

    private Weights() {
    }

    public static boolean isValid(int weight) {
        return weight >= MIN && weight <= MAX;
    }

    /** Parses a weight written as plain decimal digits, e.g. from an environment variable; empty when it is not one. */
    public static OptionalInt parse(String raw) {
        if (raw == null) {
            return OptionalInt.empty();
        }
        String trimmed = raw.trim();
        if (trimmed.isEmpty() || trimmed.length() > 3 || !trimmed.chars().allMatch(Character::isDigit)) {
            return OptionalInt.empty();
        }
        int weight = Integer.parseInt(trimmed);
        return isValid(weight) ? OptionalInt.of(weight) : OptionalInt.empty();
    }
}
