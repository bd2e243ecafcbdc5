package dev.cutover.payments.transaction;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/** {@code pending → succeeded | failed}; nothing leaves {@code succeeded} or {@code failed}. */
public enum TransactionStatus {
    @JsonProperty("pending") PENDING,
    @JsonProperty("succeeded") SUCCEEDED,
    @JsonProperty("failed") FAILED;

    /** The status named by a {@code ?status=} filter, {@code null} for none; anything else is a validation problem. */
    static TransactionStatus fromQuery(String value) {
        if (value == null) {
            return null;
        }
        for (TransactionStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw dev.cutover.kit.problem.ProblemException.invalidField("status", "must be one of pending, succeeded, failed");
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
