package dev.cutover.payments.transaction;

import dev.cutover.contracts.money.Amounts;
import dev.cutover.kit.openapi.ApiRequest;
import dev.cutover.kit.validation.SupportedCurrency;
import dev.cutover.kit.validation.ValidMetadata;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** The body of {@code POST /api/v1/transactions}. */
@ApiRequest
record TransactionCreate(
        @NotNull @Min(Amounts.MIN) @Max(Amounts.MAX) Long amount,
        @NotNull @Size(min = 3, max = 3) @SupportedCurrency String currency,
        @NotBlank String paymentMethodId,
        @Size(min = 1, max = 255) String idempotencyKey,
        @Size(max = 500) String description,
        @ValidMetadata Map<String, String> metadata) {

    /** What must match for two requests with one idempotency key to be the same request. */
    record Fingerprint(long amount, String currency, String paymentMethodId, String description, Map<String, String> metadata) {
    }

    Fingerprint fingerprint() {
        return new Fingerprint(amount, currency, paymentMethodId, description, metadata);
    }
}
