package dev.cutover.ledger.integrity;

import dev.cutover.kit.openapi.ApiResource;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** What the integrity check found. {@code ok} when every currency balances and every stored total is the fold. */
@ApiResource
@Schema(name = "IntegrityReport")
record IntegrityReport(boolean ok, Map<String, CurrencyTotals> currencies, List<Mismatch> mismatches) {

    @ApiResource
    @Schema(name = "CurrencyTotals")
    record CurrencyTotals(long debits, long credits, boolean balanced) {
    }

    @ApiResource
    @Schema(name = "IntegrityMismatch")
    record Mismatch(String accountId, @Schema(minLength = 3, maxLength = 3) String currency, long storedBalance,
            long computedBalance) {
    }
}
