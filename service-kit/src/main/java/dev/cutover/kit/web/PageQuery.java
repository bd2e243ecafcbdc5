package dev.cutover.kit.web;

import dev.cutover.contracts.paging.PageLimits;
import dev.cutover.kit.problem.ProblemException;

/**
 * The paging parameters of a list request: how many items, and the id after which to continue.
 *
 * @param limit         1..100
 * @param startingAfter the id of the last item of the previous page, or {@code null} for the first page
 */
public record PageQuery(int limit, String startingAfter) {

    public PageQuery {
        if (!PageLimits.isValid(limit)) {
            throw ProblemException.invalidField("limit",
                    "must be between " + PageLimits.MIN + " and " + PageLimits.MAX);
        }
        if (startingAfter != null && startingAfter.isBlank()) {
            startingAfter = null;
        }
    }

    /** From the raw query parameters; a missing limit means the default. */
    public static PageQuery of(Integer limit, String startingAfter) {
        return new PageQuery(limit == null ? PageLimits.DEFAULT : limit, startingAfter);
    }

    /** The number of rows to fetch: one more than the limit tells whether another page exists. */
    public int fetchSize() {
        return limit + 1;
    }
}
