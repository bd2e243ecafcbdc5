package dev.cutover.payments.kyc;

/** Identity did not give a usable answer: refused the connection, reset it, or answered 5xx. */
public class IdentityUnavailable extends RuntimeException {

    IdentityUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
