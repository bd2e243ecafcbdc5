package dev.cutover.ledger.balance;

import dev.cutover.kit.openapi.ApiResource;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/** An account's balance at an instant, signed by its normal side. */
@ApiResource
@Schema(name = "Balance")
record BalanceView(String accountId, @Schema(minLength = 3, maxLength = 3) String currency, long balance, long debits,
        long credits, Instant asOf) {
}
