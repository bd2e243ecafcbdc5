package dev.cutover.ledger.entry;

import dev.cutover.contracts.money.Amounts;
import dev.cutover.kit.openapi.ApiRequest;
import dev.cutover.ledger.account.Side;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** One line of an entry to post. */
@ApiRequest
record EntryLineInput(
        @NotBlank String accountId,
        @NotNull Side direction,
        @NotNull @Min(Amounts.MIN) @Max(Amounts.MAX) Long amount) {
}
