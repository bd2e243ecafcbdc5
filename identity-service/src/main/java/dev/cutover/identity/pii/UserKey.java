package dev.cutover.identity.pii;

import dev.cutover.identity.crypto.AesGcm;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;

/** One user's data key, unwrapped for the duration of a request; seals and opens that user's personal data. */
public final class UserKey {

    private final String userId;
    private final SecretKey key;

    UserKey(String userId, SecretKey key) {
        this.userId = userId;
        this.key = key;
    }

    public String userId() {
        return userId;
    }

    /** @param rowId the row the value belongs to: the user id for user fields, the record id for document numbers */
    public byte[] seal(PiiField field, String rowId, String plaintext) {
        return AesGcm.seal(key, plaintext.getBytes(StandardCharsets.UTF_8), field.associatedData(userId, rowId));
    }

    /** @throws AesGcm.CannotDecrypt if the value was not sealed for this field, user and row under this key */
    public String open(PiiField field, String rowId, byte[] sealed) {
        return new String(AesGcm.open(key, sealed, field.associatedData(userId, rowId)), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "UserKey[" + userId + "]";
    }
}
