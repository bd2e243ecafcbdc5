package dev.cutover.contracts.money;

/**
 * The bounds of an {@code amount} in a request: an integer number of minor units (cents), never a float.
 */
public final class Amounts {

    /** The smallest amount a request may carry. */
    public static final long MIN = 1L;

    /** The largest amount a request may carry: 99 999 999 999 minor units. */
    public static final long MAX = 99_999_999_999L;

    private Amounts() {
    }

    public static boolean isValid(long minorUnits) {
        return minorUnits >= MIN && minorUnits <= MAX;
    }
}
