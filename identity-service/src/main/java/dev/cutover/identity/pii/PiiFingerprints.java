package dev.cutover.identity.pii;

import dev.cutover.identity.crypto.MasterKey;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Keyed digests of secrets and personal data, for where a value must be recognised but never recovered:
 * idempotency fingerprints of requests carrying a password or document number, throttling buckets of an
 * email. A plain hash would let anyone holding the database guess a date of birth or a document number
 * offline; the key is derived from the master key, which the database never sees.
 */
@Component
public class PiiFingerprints {

    private final SecretKeySpec key;

    PiiFingerprints(MasterKey masterKey) {
        this.key = new SecretKeySpec(masterKey.derive("fingerprints"), "HmacSHA256");
    }

    /** HMAC-SHA256 over the values, each length-prefixed so no choice of values makes two lists look alike. */
    public String of(String purpose, String... values) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            update(mac, purpose);
            for (String value : values) {
                update(mac, value == null ? "\u0000null" : value);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is unavailable", impossible);
        }
    }

    private static void update(Mac mac, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        mac.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        mac.update(bytes);
    }
}
