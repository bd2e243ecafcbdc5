package dev.cutover.kit.problem;

import dev.cutover.contracts.error.ErrorCode;

import java.time.Duration;
import java.util.Objects;

/**
 * A problem the client may retry after a while, answered with a {@code Retry-After} header in seconds:
 * {@code 429 rate_limited} when a caller is throttled, {@code 503 dependency_unavailable} when a
 * dependency is down. Services subclass it with names that state the fact ({@code LoginThrottled}).
 */
public class RetryAfterProblem extends ProblemException {

    private final Duration retryAfter;

    public RetryAfterProblem(ErrorCode code, String detail, Duration retryAfter) {
        super(code, detail);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, rounded up, at least one: {@code Retry-After: 0} would invite an immediate retry. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
