package dev.cutover.payments.ledger;

/** The ledger did not accept a call: unreachable, or answered 5xx. The posting is retried later. */
public class LedgerUnavailable extends RuntimeException {

    LedgerUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
