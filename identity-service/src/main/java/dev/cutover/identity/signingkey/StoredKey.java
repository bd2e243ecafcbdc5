package dev.cutover.identity.signingkey;

import java.time.Instant;

/**
 * A row of {@code signing_keys}.
 *
 * @param privateKeyEnc the PKCS#8 private key sealed with the master key; {@code null} once retired
 */
record StoredKey(String kid, String publicJwk, byte[] privateKeyEnc, Instant activatedAt, Instant retiredAt) {
}
