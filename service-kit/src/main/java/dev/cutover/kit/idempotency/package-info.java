/**
 * The {@code Idempotency-Key} header of creating POSTs (IETF draft "The Idempotency-Key HTTP Header Field"):
 * a key is claimed, the operation runs, and its response is stored in the same database transaction
 * as the operation's own writes, so a stored response always means the effect happened.
 */
package dev.cutover.kit.idempotency;
