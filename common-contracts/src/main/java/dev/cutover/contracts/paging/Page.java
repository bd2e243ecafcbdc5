package dev.cutover.contracts.paging;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One page of a list, newest first: serialised as {@code {"data": [...], "has_more": bool}}.
 *
 * @param data    the items of this page
 * @param hasMore whether older items exist after the last one
 */
public record Page<T>(List<T> data, boolean hasMore) {

    public Page {
        data = List.copyOf(Objects.requireNonNull(data, "data"));
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(data.stream().<R>map(mapper).toList(), hasMore);
    }

    /**
     * Builds a page from a query that fetched one row more than the limit, the usual way of knowing
     * whether another page exists without counting.
     */
    public static <T> Page<T> fromLookahead(List<T> rowsUpToLimitPlusOne, int limit) {
        boolean more = rowsUpToLimitPlusOne.size() > limit;
        return new Page<>(more ? rowsUpToLimitPlusOne.subList(0, limit) : rowsUpToLimitPlusOne, more);
    }
}
