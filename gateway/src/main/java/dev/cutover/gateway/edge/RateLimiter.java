package dev.cutover.gateway.edge;

import reactor.core.publisher.Mono;

/** Per-caller token buckets: {@code replenishPerSecond} tokens a second, at most {@code burst} saved up. */
public interface RateLimiter {

    /** Takes one token from the caller's bucket, if there is one. */
    Mono<Decision> tryAcquire(String callerKey);

    /**
     * @param allowed           whether the request may proceed
     * @param retryAfterSeconds when not allowed, how long until a token is back (at least 1)
     */
    record Decision(boolean allowed, long retryAfterSeconds) {

        public static final Decision ALLOWED = new Decision(true, 0);

        public static Decision deniedFor(long retryAfterMillis) {
            return new Decision(false, Math.max(1, (retryAfterMillis + 999) / 1000));
        }
    }

    /** @param replenishPerSecond tokens added per second; {@code burst} the bucket's size */
    record Limits(double replenishPerSecond, int burst) {

        public Limits {
            if (replenishPerSecond <= 0 || burst < 1) {
                throw new IllegalArgumentException("rate limits need a positive rate and a burst of at least 1");
            }
        }

        /** How long an untouched bucket takes to fill up again: after that it may be forgotten. */
        public long refillMillis() {
            return (long) Math.ceil(burst * 1000 / replenishPerSecond);
        }
    }
}
