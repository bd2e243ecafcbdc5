package dev.cutover.identity.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The monolith's sealed personal data ({@code legacy/core/crypto.py}): {@code v1:} and the base64 of a 12-byte nonce
 * followed by the AES-256-GCM ciphertext and tag, under the monolith's one PII key, with the row's context
 * ({@code user:<id>:full_name}) as associated data. The sync opens what the monolith sealed and seals what it copies
 * there, so the key is configuration of the sync, never in a database or a log.
 */
public final class LegacyCiphertexts {

    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    public LegacyCiphertexts(byte[] rawKey) {
        if (rawKey == null || rawKey.length != 32) {
            throw new IllegalArgumentException("the monolith's PII key has exactly 32 bytes");
        }
        this.key = new SecretKeySpec(rawKey, "AES");
    }

    public static String userContext(String userId, String field) {
        return "user:" + userId + ":" + field;
    }

    public static String documentNumberContext(String recordId) {
        return "kyc_record:" + recordId + ":document_number";
    }

    public String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("AES-GCM is unavailable", impossible);
        }
    }

    /** @throws IllegalArgumentException when the value was not sealed by the monolith's key for that context */
    public String open(String stored, String context) {
        if (stored == null || !stored.startsWith(VERSION)) {
            throw new IllegalArgumentException("not a ciphertext of the monolith (context " + context + ")");
        }
        byte[] raw = Base64.getDecoder().decode(stored.substring(VERSION.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException wrongKeyOrContext) {
            throw new IllegalArgumentException("a ciphertext of the monolith does not open with its key (context "
                    + context + "): is the sync's legacy PII key the monolith's LEGACY_PII_KEY?");
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("AES-GCM is unavailable", impossible);
        }
    }
}
