package dev.cutover.payments.refund;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/** {@code pending → succeeded | failed}. */
public enum RefundStatus {
    @JsonProperty("pending") PENDING,
    @JsonProperty("succeeded") SUCCEEDED,
    @JsonProperty("failed") FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
