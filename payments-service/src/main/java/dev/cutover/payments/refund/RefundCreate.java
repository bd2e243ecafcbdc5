package dev.cutover.payments.refund;

import dev.cutover.contracts.money.Amounts;
import dev.cutover.kit.openapi.ApiRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/refunds}. */
@ApiRequest
record RefundCreate(
        @NotBlank String transactionId,
        @Min(Amounts.MIN) @Max(Amounts.MAX) Long amount,
        @Size(max = 500) String reason,
        @Size(min = 1, max = 255) String idempotencyKey) {

    record Fingerprint(String transactionId, Long amount, String reason) {
    }

    Fingerprint fingerprint() {
        return new Fingerprint(transactionId, amount, reason);
    }
}
