package dev.cutover.payments.ledger;

/**
 * The ledger refused a posting for a reason that retrying will not fix by itself (a 4xx). It is still
 * retried, slowly, and logged loudly: an operator has to look.
 */
public class LedgerRejected extends RuntimeException {

    LedgerRejected(String message) {
        super(message);
    }
}
