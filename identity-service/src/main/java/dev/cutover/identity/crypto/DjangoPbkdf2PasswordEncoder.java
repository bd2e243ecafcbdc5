package dev.cutover.identity.crypto;

import org.springframework.security.crypto.password.PasswordEncoder;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Verifies the password hashes of the legacy monolith, Django's default {@code pbkdf2_sha256$<iterations>$<salt>$<hash>}
 * (PBKDF2-HMAC-SHA256, the salt's UTF-8 bytes, a 32-byte key in base64), so that a customer who signed up on the
 * monolith signs in here with the same password. It never makes a hash: a verified one is replaced by an Argon2id
 * hash on that sign-in (the delegating encoder calls it an upgrade), and only Argon2id hashes are made here.
 */
final class DjangoPbkdf2PasswordEncoder implements PasswordEncoder {

    static final String ALGORITHM = "pbkdf2_sha256";
    /** Django's count is 260 000 in 3.2; more than this much work is refused rather than spent on a sign-in. */
    static final int MAX_ITERATIONS = 10_000_000;
    private static final int KEY_BITS = 256;

    @Override
    public String encode(CharSequence rawPassword) {
        throw new UnsupportedOperationException("only Argon2id hashes are made here");
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return false;
        }
        String[] parts = encodedPassword.split("\\$", -1);
        if (parts.length != 4 || !ALGORITHM.equals(parts[0]) || parts[2].isEmpty()) {
            return false;
        }
        int iterations;
        byte[] expected;
        try {
            iterations = Integer.parseInt(parts[1]);
            expected = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS || expected.length != KEY_BITS / 8) {
            return false;
        }
        return MessageDigest.isEqual(expected, derive(rawPassword, parts[2], iterations));
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return true;
    }

    private static byte[] derive(CharSequence password, String salt, int iterations) {
        char[] chars = password.toString().toCharArray();
        try {
            PBEKeySpec spec = new PBEKeySpec(chars, salt.getBytes(StandardCharsets.UTF_8), iterations, KEY_BITS);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
    }
}
