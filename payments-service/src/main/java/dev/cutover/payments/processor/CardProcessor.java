package dev.cutover.payments.processor;

/**
 * Where charges and refunds really happen. Implementations must be idempotent per {@code idempotencyKey}:
 * the same key asked twice answers the first outcome without moving money again, because tasks may run
 * more than once.
 */
public interface CardProcessor {

    Outcome charge(String idempotencyKey, String vaultToken, long amount, String currency);

    Outcome refund(String idempotencyKey, String chargeKey, long amount, String currency);

    /** What the processor decided. */
    record Outcome(boolean succeeded, String failureCode) {

        public static Outcome success() {
            return new Outcome(true, null);
        }

        public static Outcome failure(String code) {
            return new Outcome(false, code);
        }
    }
}
