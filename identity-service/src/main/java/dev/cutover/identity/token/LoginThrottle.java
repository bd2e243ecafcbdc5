package dev.cutover.identity.token;

import dev.cutover.identity.pii.PiiFingerprints;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Counts failed sign-ins per principal (email or client id) and per client address in {@code login_throttle},
 * so every replica sees the same counts (ADR 0025).
 *
 * <p>An attempt is counted before the credentials are checked and taken back if they were right. So the
 * limit holds exactly even for concurrent attempts: the attempt that takes a count over its limit answers
 * 429 without its password being hashed. Each statement commits on its own, so a failure stays counted
 * although the request that made it fails.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final PiiFingerprints fingerprints;
    private final ThrottleProperties properties;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, PiiFingerprints fingerprints, ThrottleProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.fingerprints = fingerprints;
        this.properties = properties;
        this.clock = clock;
    }

    /** The buckets of one attempt; the principal is kept only as a keyed digest. */
    record Attempt(String principalBucket, String addressBucket) {
    }

    Attempt attempt(String principalKind, String principal, String clientAddress) {
        return new Attempt(principalKind + ":" + fingerprints.of("login-throttle", principal.strip().toLowerCase(Locale.ROOT)),
                "address:" + clientAddress);
    }

    /**
     * Counts the attempt against both buckets.
     *
     * @throws TokenFacts.LoginThrottled if either bucket is over its limit in the current window
     */
    void admit(Attempt attempt) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        wait = max(wait, count(attempt.principalBucket(), properties.maxFailuresPerPrincipal(), now));
        wait = max(wait, count(attempt.addressBucket(), properties.maxFailuresPerAddress(), now));
        if (!wait.isZero()) {
            throw new TokenFacts.LoginThrottled(wait);
        }
    }

    /** The credentials were right: the principal starts afresh, and the address gets its attempt back. */
    void succeeded(Attempt attempt) {
        jdbc.sql("DELETE FROM login_throttle WHERE bucket = :bucket")
                .param("bucket", attempt.principalBucket()).update();
        jdbc.sql("UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE bucket = :bucket")
                .param("bucket", attempt.addressBucket()).update();
    }

    /** Deletes windows that have ended. */
    int purgeEnded() {
        return jdbc.sql("DELETE FROM login_throttle WHERE window_start <= :ended")
                .param("ended", Timestamp.from(clock.instant().minus(properties.window())))
                .update();
    }

    /** Adds one to the bucket (opening a new window if the last one ended); returns how long to wait, or zero. */
    private Duration count(String bucket, int limit, Instant now) {
        Timestamp nowStamp = Timestamp.from(now);
        Timestamp ended = Timestamp.from(now.minus(properties.window()));
        Counted counted = jdbc.sql("""
                INSERT INTO login_throttle AS t (bucket, window_start, failures) VALUES (:bucket, :now, 1)
                ON CONFLICT (bucket) DO UPDATE SET
                    failures     = CASE WHEN t.window_start <= :ended THEN 1 ELSE t.failures + 1 END,
                    window_start = CASE WHEN t.window_start <= :ended THEN :now ELSE t.window_start END
                RETURNING failures, window_start""")
                .param("bucket", bucket).param("now", nowStamp).param("ended", ended)
                .query((rs, row) -> new Counted(rs.getInt(1), rs.getTimestamp(2).toInstant()))
                .single();
        if (counted.failures() <= limit) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, counted.windowStart().plus(properties.window()));
        return left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private record Counted(int failures, Instant windowStart) {
    }
}
