package dev.cutover.identity.user;

/**
 * What an idempotent sign-up stores as its outcome: the id alone. The response is rendered from the user
 * on every reply, so no personal data is written to {@code idempotency_keys} in the clear.
 */
record CreatedUser(String id) {
}
