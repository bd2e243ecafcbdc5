package dev.cutover.payments.transaction;

import dev.cutover.kit.openapi.ApiResource;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Map;

/** A transaction as the API shows it. */
@ApiResource
@Schema(name = "Transaction")
record TransactionView(
        String id,
        TransactionStatus status,
        long amount,
        @Schema(minLength = 3, maxLength = 3) String currency,
        long amountRefunded,
        String paymentMethodId,
        String userId,
        @Nullable String description,
        Map<String, String> metadata,
        @Nullable String failureCode,
        Instant createdAt,
        Instant updatedAt) {

    static TransactionView of(Transaction t) {
        return new TransactionView(t.id(), t.status(), t.amount(), t.currency(), t.amountRefunded(), t.paymentMethodId(),
                t.userId(), t.description(), t.metadata(), t.failureCode(), t.createdAt(), t.updatedAt());
    }
}
