package dev.cutover.kit.idempotency;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.contracts.http.CutoverHeaders;
import dev.cutover.kit.problem.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a creating operation at most once per caller and {@code Idempotency-Key}.
 *
 * <ul>
 *   <li>same key, same request, completed → the stored status and body, {@code Idempotent-Replayed: true};</li>
 *   <li>same key, different request → 422 {@code idempotency_key_reused};</li>
 *   <li>same key while the first is still running → 409 {@code idempotency_key_in_use};</li>
 *   <li>an operation that fails (validation, a business rule, an unavailable dependency) stores
 *       nothing and frees the key, so a corrected retry with the same key runs.</li>
 * </ul>
 *
 * The table {@code idempotency_keys} lives in the service's own schema (see the service's migrations).
 */
public final class IdempotentRequests {

    private static final String IN_FLIGHT = "in_flight";
    private static final String DONE = "done";

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final JsonMapper mapper;
    private final JsonMapper canonical;
    private final Clock clock;
    private final IdempotencyProperties properties;

    public IdempotentRequests(JdbcClient jdbc, TransactionOperations transactions, JsonMapper mapper, Clock clock,
            IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.mapper = mapper;
        this.canonical = mapper.rebuild().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * Runs {@code operation} in a transaction, idempotently when {@code key} is given.
     *
     * @param scope     whose key it is: the caller's subject (keys are scoped per caller)
     * @param key       the {@code Idempotency-Key} header, or {@code null}
     * @param request   the request as bound (its canonical JSON is the fingerprint), plus anything else that
     *                  must match, such as the path
     * @param status    the status of a successful response
     * @param type      the response body type
     * @param operation the operation; its database writes join the transaction that stores the response
     */
    public <T> ResponseEntity<T> execute(String scope, String key, Object request, HttpStatus status, Class<T> type,
            Supplier<T> operation) {
        return execute(scope, key, request, status, type, () -> { }, operation);
    }

    /**
     * As {@link #execute(String, String, Object, HttpStatus, Class, Supplier)}, with a step that runs after the
     * key is claimed (a replay skips it) but outside the database transaction: a call to another service
     * that must not hold a database connection while it waits. If it fails, the claim is released.
     */
    public <T> ResponseEntity<T> execute(String scope, String key, Object request, HttpStatus status, Class<T> type,
            Runnable beforeTransaction, Supplier<T> operation) {
        if (key == null) {
            beforeTransaction.run();
            T body = transactions.execute(tx -> operation.get());
            return ResponseEntity.status(status).body(body);
        }
        requireValid(key);
        String fingerprint = fingerprint(request);
        Optional<Stored> replay = claim(scope, key, fingerprint);
        if (replay.isPresent()) {
            Stored stored = replay.get();
            return ResponseEntity.status(stored.status())
                    .header(CutoverHeaders.IDEMPOTENT_REPLAYED, "true")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(mapper.readValue(stored.body(), type));
        }
        try {
            beforeTransaction.run();
            T body = transactions.execute(tx -> {
                T result = operation.get();
                complete(scope, key, status, mapper.writeValueAsString(result));
                return result;
            });
            return ResponseEntity.status(status).body(body);
        } catch (RuntimeException | Error failure) {
            release(scope, key);
            throw failure;
        }
    }

    /**
     * The key of a request that may carry it as the header or, as legacy clients do, as a body field:
     * either one, or both when they agree; both and different is a validation error.
     */
    public static String keyFrom(String header, String bodyField) {
        if (header != null && bodyField != null && !header.equals(bodyField)) {
            throw ProblemException.invalidField("idempotency_key", "differs from the Idempotency-Key header");
        }
        return header != null ? header : bodyField;
    }

    /** Deletes keys whose retention has passed; returns how many. */
    public int purgeExpired() {
        return jdbc.sql("DELETE FROM idempotency_keys WHERE expires_at < ?")
                .param(Timestamp.from(clock.instant()))
                .update();
    }

    String fingerprint(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Claims the key, or answers what an existing claim says: a replay, a conflict, or a reuse. */
    private Optional<Stored> claim(String scope, String key, String fingerprint) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant now = clock.instant();
            int inserted = jdbc.sql("""
                    INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, state, locked_at, created_at, expires_at)
                    VALUES (:scope, :key, :fingerprint, 'in_flight', :now, :now, :expires)
                    ON CONFLICT (scope, idempotency_key) DO NOTHING""")
                    .param("scope", scope).param("key", key).param("fingerprint", fingerprint)
                    .param("now", Timestamp.from(now))
                    .param("expires", Timestamp.from(now.plus(properties.retention())))
                    .update();
            if (inserted == 1) {
                return Optional.empty();
            }
            Optional<Existing> found = jdbc.sql("""
                    SELECT fingerprint, state, response_status, response_body, locked_at, expires_at
                    FROM idempotency_keys WHERE scope = :scope AND idempotency_key = :key""")
                    .param("scope", scope).param("key", key)
                    .query((rs, row) -> new Existing(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()))
                    .optional();
            if (found.isEmpty()) {
                continue; // released between our insert and select: try again
            }
            Existing existing = found.get();
            if (existing.expiresAt().isBefore(now)) {
                jdbc.sql("DELETE FROM idempotency_keys WHERE scope = :scope AND idempotency_key = :key AND expires_at < :now")
                        .param("scope", scope).param("key", key).param("now", Timestamp.from(now)).update();
                continue;
            }
            if (!existing.fingerprint().equals(fingerprint)) {
                throw new ProblemException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used with a different request.");
            }
            if (DONE.equals(existing.state())) {
                return Optional.of(new Stored(existing.status(), existing.body()));
            }
            if (existing.lockedAt().plus(properties.staleAfter()).isBefore(now) && takeOver(scope, key, existing.lockedAt(), now)) {
                return Optional.empty();
            }
            throw new ProblemException(ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                    "A request with this Idempotency-Key is still being processed; retry later.");
        }
        throw new ProblemException(ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                "A request with this Idempotency-Key is still being processed; retry later.");
    }

    /** A claim whose request died (its transaction rolled back with it) is taken over by exactly one retry. */
    private boolean takeOver(String scope, String key, Instant lockedAt, Instant now) {
        return jdbc.sql("""
                UPDATE idempotency_keys SET locked_at = :now
                WHERE scope = :scope AND idempotency_key = :key AND state = 'in_flight' AND locked_at = :lockedAt""")
                .param("now", Timestamp.from(now)).param("scope", scope).param("key", key)
                .param("lockedAt", Timestamp.from(lockedAt))
                .update() == 1;
    }

    private void complete(String scope, String key, HttpStatus status, String body) {
        int updated = jdbc.sql("""
                UPDATE idempotency_keys SET state = 'done', response_status = :status, response_body = :body
                WHERE scope = :scope AND idempotency_key = :key AND state = 'in_flight'""")
                .param("status", status.value()).param("body", body)
                .param("scope", scope).param("key", key)
                .update();
        if (updated != 1) {
            throw new IllegalStateException("idempotency claim lost before completion");
        }
    }

    private void release(String scope, String key) {
        jdbc.sql("DELETE FROM idempotency_keys WHERE scope = :scope AND idempotency_key = :key AND state = '" + IN_FLIGHT + "'")
                .param("scope", scope).param("key", key)
                .update();
    }

    private static void requireValid(String key) {
        if (key.isEmpty() || key.length() > CutoverHeaders.IDEMPOTENCY_KEY_MAX_LENGTH) {
            throw ProblemException.invalidField(CutoverHeaders.IDEMPOTENCY_KEY,
                    "must be 1 to " + CutoverHeaders.IDEMPOTENCY_KEY_MAX_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw ProblemException.invalidField(CutoverHeaders.IDEMPOTENCY_KEY, "must be printable ASCII");
            }
        }
    }

    private record Existing(String fingerprint, String state, int status, String body, Instant lockedAt, Instant expiresAt) {
    }

    private record Stored(int status, String body) {
    }
}
