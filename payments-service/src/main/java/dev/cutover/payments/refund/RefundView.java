package dev.cutover.payments.refund;

import dev.cutover.kit.openapi.ApiResource;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** A refund as the API shows it. */
@ApiResource
@Schema(name = "Refund")
record RefundView(String id, String transactionId, long amount, @Schema(minLength = 3, maxLength = 3) String currency,
        RefundStatus status, @Nullable String reason, Instant createdAt) {

    static RefundView of(Refund refund) {
        return new RefundView(refund.id(), refund.transactionId(), refund.amount(), refund.currency(), refund.status(),
                refund.reason(), refund.createdAt());
    }
}
