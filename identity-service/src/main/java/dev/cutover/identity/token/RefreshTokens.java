package dev.cutover.identity.token;

import dev.cutover.identity.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Refresh tokens (ADR 0024): 256 random bits, given to the client once and stored only as their SHA-256.
 * Each belongs to a family started by a password grant. Using a token spends it and yields the family's
 * next one; presenting a spent token again means it leaked, so the whole family is revoked and every
 * token of it, the newest included, stops working.
 */
@Component
class RefreshTokens {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokens.class);
    private static final String PREFIX = "rt_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final TokenProperties properties;
    private final Clock clock;

    RefreshTokens(JdbcClient jdbc, PlatformTransactionManager transactionManager, AuditTrail audit,
            TokenProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** The next token of a family, and who and what it is for. */
    record Rotated(String userId, String scope, String refreshToken) {
    }

    /** Starts a family for a user who just signed in; returns its first token. */
    String startFamily(String userId, String scope) {
        return transactions.execute(status -> {
            String familyId = "rtf_" + UUID.randomUUID();
            jdbc.sql("""
                    INSERT INTO refresh_token_families (id, user_id, scope, created_at)
                    VALUES (:id, :user, :scope, :now)""")
                    .param("id", familyId).param("user", userId).param("scope", scope)
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
            return issue(familyId, clock.instant());
        });
    }

    /**
     * Spends the presented token and returns the family's next one; empty if the token is unknown,
     * expired, or its family revoked. A spent token revokes its family (committed before answering).
     */
    Optional<Rotated> rotate(String presented) {
        Outcome outcome = transactions.execute(status -> rotateInTransaction(hash(presented)));
        if (outcome.revokedFamily() != null) {
            log.warn("A spent refresh token was presented again; family {} revoked", outcome.revokedFamily());
        }
        return Optional.ofNullable(outcome.rotated());
    }

    int purgeExpired() {
        Timestamp now = Timestamp.from(clock.instant());
        int tokens = jdbc.sql("DELETE FROM refresh_tokens WHERE expires_at < :now").param("now", now).update();
        jdbc.sql("""
                DELETE FROM refresh_token_families f
                WHERE NOT EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = f.id)""").update();
        return tokens;
    }

    private record Outcome(Rotated rotated, String revokedFamily) {
    }

    private Outcome rotateInTransaction(byte[] tokenHash) {
        Instant now = clock.instant();
        // Locking the family serialises every use of its tokens: of two concurrent uses of one token, the
        // second sees it spent.
        Optional<Presented> found = jdbc.sql("""
                SELECT t.family_id, t.expires_at, t.used_at, f.user_id, f.scope, f.revoked_at
                FROM refresh_tokens t JOIN refresh_token_families f ON f.id = t.family_id
                WHERE t.token_hash = :hash
                FOR UPDATE OF f, t""")
                .param("hash", tokenHash)
                .query((rs, row) -> new Presented(rs.getString("family_id"), rs.getTimestamp("expires_at").toInstant(),
                        rs.getTimestamp("used_at") != null, rs.getString("user_id"), rs.getString("scope"),
                        rs.getTimestamp("revoked_at") != null))
                .optional();
        if (found.isEmpty() || found.get().familyRevoked()) {
            return new Outcome(null, null);
        }
        Presented token = found.get();
        if (token.spent()) {
            jdbc.sql("""
                    UPDATE refresh_token_families SET revoked_at = :now, revoked_reason = 'reuse_detected'
                    WHERE id = :family AND revoked_at IS NULL""")
                    .param("now", Timestamp.from(now)).param("family", token.familyId())
                    .update();
            audit.record("system", "refresh_family.revoked", token.familyId(),
                    Map.of("user_id", token.userId(), "reason", "reuse_detected"));
            return new Outcome(null, token.familyId());
        }
        if (!token.expiresAt().isAfter(now)) {
            return new Outcome(null, null);
        }
        jdbc.sql("UPDATE refresh_tokens SET used_at = :now WHERE token_hash = :hash")
                .param("now", Timestamp.from(now)).param("hash", tokenHash)
                .update();
        return new Outcome(new Rotated(token.userId(), token.scope(), issue(token.familyId(), now)), null);
    }

    private String issue(String familyId, Instant now) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        jdbc.sql("""
                INSERT INTO refresh_tokens (token_hash, family_id, issued_at, expires_at)
                VALUES (:hash, :family, :now, :expires)""")
                .param("hash", hash(token)).param("family", familyId)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(now.plus(properties.refreshTokenTtl())))
                .update();
        return token;
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private record Presented(String familyId, Instant expiresAt, boolean spent, String userId, String scope,
            boolean familyRevoked) {
    }
}
