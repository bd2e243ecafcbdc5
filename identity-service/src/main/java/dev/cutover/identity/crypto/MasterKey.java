package dev.cutover.identity.crypto;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The key that protects every other key: per-user data keys and token signing keys are stored encrypted
 * with it. It comes from outside the database (env {@value #ENVIRONMENT_VARIABLE}, 32 bytes in base64),
 * so a copy of the database alone opens nothing.
 */
public final class MasterKey {

    public static final String ENVIRONMENT_VARIABLE = "IDENTITY_MASTER_KEY";
    public static final String PROPERTY = "cutover.identity.master-key";

    private final SecretKey key;
    private final String id;

    private MasterKey(byte[] raw) {
        this.key = AesGcm.key(raw);
        this.id = "mk-" + HexFormat.of().formatHex(hmac(raw, "cutover.identity.master-key-id")).substring(0, 16);
    }

    /**
     * Reads the master key, refusing anything but 32 bytes of standard base64. The message says what is
     * wrong and how to fix it, but never repeats the value.
     *
     * @throws Unusable if the key is missing or malformed
     */
    public static MasterKey fromBase64(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            throw new Unusable(ENVIRONMENT_VARIABLE + " (" + PROPERTY + ") is not set. Identity encrypts"
                    + " personal data and signing keys with it and will not start without it. Generate one with"
                    + " `openssl rand -base64 32`; for local runs only, the 'local' profile supplies a development key.");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new Unusable(ENVIRONMENT_VARIABLE + " (" + PROPERTY + ") is not valid base64;"
                    + " expected 32 random bytes in standard base64, e.g. from `openssl rand -base64 32`.");
        }
        if (raw.length != AesGcm.KEY_BYTES) {
            throw new Unusable(ENVIRONMENT_VARIABLE + " (" + PROPERTY + ") decodes to " + raw.length
                    + " bytes; it must be exactly " + AesGcm.KEY_BYTES + " (AES-256), e.g. from `openssl rand -base64 32`.");
        }
        return new MasterKey(raw);
    }

    /** Names this master key without revealing it, so stored values say which key sealed them. */
    public String id() {
        return id;
    }

    public byte[] seal(byte[] plaintext, String associatedData) {
        return AesGcm.seal(key, plaintext, associatedData);
    }

    /** @throws AesGcm.CannotDecrypt if not sealed by this key with this associated data */
    public byte[] open(byte[] sealed, String associatedData) {
        return AesGcm.open(key, sealed, associatedData);
    }

    /** A 256-bit secret for one purpose (HMAC-SHA256 of the purpose under the master key). */
    public byte[] derive(String purpose) {
        return hmac(key.getEncoded(), "cutover.identity.derive:" + purpose);
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is unavailable", impossible);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }

    /** The configured master key is missing or malformed; the message says which and how to fix it. */
    public static final class Unusable extends IllegalStateException {
        Unusable(String message) {
            super(message);
        }
    }
}
