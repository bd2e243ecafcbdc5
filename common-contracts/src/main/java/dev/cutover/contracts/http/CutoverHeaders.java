package dev.cutover.contracts.http;

/** Headers the public API defines beyond standard HTTP. */
public final class CutoverHeaders {

    /** Client-chosen key making a creating POST safe to retry (IETF draft "The Idempotency-Key HTTP Header Field"). */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** {@code true} on a response that replays the stored outcome of an earlier request. */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    /** Correlates one request across every component and log line; accepted or generated, always echoed. */
    public static final String REQUEST_ID = "X-Request-Id";

    /** The caller identity used for sticky routing when no token is present. */
    public static final String CLIENT_ID = "X-Client-Id";

    /** Which side of the migration served a response: {@code legacy} or {@code new}. */
    public static final String UPSTREAM = "X-Upstream";

    /** Longest accepted {@code Idempotency-Key}. */
    public static final int IDEMPOTENCY_KEY_MAX_LENGTH = 255;

    private CutoverHeaders() {
    }
}
