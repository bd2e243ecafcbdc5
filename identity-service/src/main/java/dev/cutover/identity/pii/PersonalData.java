package dev.cutover.identity.pii;

import dev.cutover.identity.crypto.AesGcm;
import dev.cutover.identity.crypto.MasterKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

/**
 * The per-user data keys ({@code data_keys}): created at sign-up, unwrapped with the master key when a
 * user's personal data is read or written, and deleted by an erasure, which leaves every ciphertext
 * under the key unreadable for good (crypto-shredding, ADR 0022).
 *
 * <p>Every method joins the caller's transaction.
 */
@Component
public class PersonalData {

    private final JdbcClient jdbc;
    private final MasterKey masterKey;
    private final Clock clock;

    PersonalData(JdbcClient jdbc, MasterKey masterKey, Clock clock) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
        this.clock = clock;
    }

    /** The same keys, read and created on {@code connection} in its transaction (the sync's, which Spring does not run). */
    public PersonalData on(Connection connection) {
        return new PersonalData(JdbcClient.create(new SingleConnectionDataSource(connection, true)), masterKey, clock);
    }

    /** The user's key, created and stored if the user has none (a new user, or one whose data was erased). */
    public UserKey keyFor(String userId) {
        return existingKey(userId).orElseGet(() -> create(userId));
    }

    /** The user's key, or empty once their personal data has been erased. */
    public Optional<UserKey> existingKey(String userId) {
        return jdbc.sql("SELECT wrapped_key FROM data_keys WHERE user_id = :user")
                .param("user", userId)
                .query((rs, row) -> rs.getBytes(1))
                .optional()
                .map(wrapped -> new UserKey(userId, AesGcm.key(masterKey.open(wrapped, wrapAssociatedData(userId)))));
    }

    /**
     * Destroys the user's data key. Ciphertexts sealed under it cannot be opened by anyone afterwards, the
     * master key's holder included. Idempotent: returns whether a key existed.
     */
    public boolean shred(String userId) {
        return jdbc.sql("DELETE FROM data_keys WHERE user_id = :user").param("user", userId).update() == 1;
    }

    private UserKey create(String userId) {
        var key = AesGcm.newKey();
        int inserted = jdbc.sql("""
                INSERT INTO data_keys (user_id, wrapped_key, master_key_id, created_at)
                VALUES (:user, :wrapped, :masterKeyId, :now)
                ON CONFLICT (user_id) DO NOTHING""")
                .param("user", userId)
                .param("wrapped", masterKey.seal(key.getEncoded(), wrapAssociatedData(userId)))
                .param("masterKeyId", masterKey.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (inserted == 0) {
            // a concurrent request of the same user created it first; use theirs
            return existingKey(userId).orElseThrow(() -> new IllegalStateException("data key vanished while being created"));
        }
        return new UserKey(userId, key);
    }

    private static String wrapAssociatedData(String userId) {
        return "cutover.identity|data_keys|" + userId;
    }
}
