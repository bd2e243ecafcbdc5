package dev.cutover.contracts.paging;

/** The bounds of the {@code limit} query parameter of every list endpoint. */
public final class PageLimits {

    public static final int MIN = 1;
    public static final int MAX = 100;
    public static final int DEFAULT = 20;

    private PageLimits() {
    }

    public static boolean isValid(int limit) {
        return limit >= MIN && limit <= MAX;
    }
}
