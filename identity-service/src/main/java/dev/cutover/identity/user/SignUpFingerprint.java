package dev.cutover.identity.user;

/**
 * What identifies a sign-up for {@code Idempotency-Key} purposes. The password, full name and date of
 * birth enter only through a keyed digest, so the stored fingerprint is no offline guessing oracle.
 */
record SignUpFingerprint(String email, String country, String secrets) {
}
