package dev.cutover.identity.signingkey;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code signing_keys} table. */
@Component
class SigningKeys {

    private final JdbcClient jdbc;

    SigningKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises key creation and rotation across replicas for the rest of the transaction. */
    void lockForChange() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('cutover.identity.signing_keys', 0))")
                .query((rs, row) -> null).list();
    }

    Optional<StoredKey> active() {
        return jdbc.sql("""
                SELECT kid, public_jwk, private_key_enc, activated_at, retired_at
                FROM signing_keys WHERE retired_at IS NULL""")
                .query(SigningKeys::row).optional();
    }

    /** The active key and those retired after {@code retiredAfter}, newest first. */
    List<StoredKey> publishedSince(Instant retiredAfter) {
        return jdbc.sql("""
                SELECT kid, public_jwk, NULL AS private_key_enc, activated_at, retired_at
                FROM signing_keys WHERE retired_at IS NULL OR retired_at > :retiredAfter
                ORDER BY activated_at DESC, kid""")
                .param("retiredAfter", Timestamp.from(retiredAfter))
                .query(SigningKeys::row).list();
    }

    void insert(String kid, String publicJwk, byte[] privateKeyEnc, String masterKeyId, Instant activatedAt) {
        jdbc.sql("""
                INSERT INTO signing_keys (kid, algorithm, public_jwk, private_key_enc, master_key_id, activated_at)
                VALUES (:kid, 'RS256', :jwk, :enc, :masterKeyId, :at)""")
                .param("kid", kid).param("jwk", publicJwk).param("enc", privateKeyEnc)
                .param("masterKeyId", masterKeyId).param("at", Timestamp.from(activatedAt))
                .update();
    }

    /** Stops the key from signing and destroys its private half; the public half stays for verifiers. */
    void retire(String kid, Instant at) {
        jdbc.sql("UPDATE signing_keys SET retired_at = :at, private_key_enc = NULL WHERE kid = :kid AND retired_at IS NULL")
                .param("at", Timestamp.from(at)).param("kid", kid)
                .update();
    }

    private static StoredKey row(ResultSet rs, int row) throws SQLException {
        Timestamp retired = rs.getTimestamp("retired_at");
        return new StoredKey(rs.getString("kid"), rs.getString("public_jwk"), rs.getBytes("private_key_enc"),
                rs.getTimestamp("activated_at").toInstant(), retired == null ? null : retired.toInstant());
    }
}
