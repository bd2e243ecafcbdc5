package dev.cutover.ledger.account;

import dev.cutover.kit.openapi.ApiRequest;
import dev.cutover.kit.validation.SupportedCurrency;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/accounts}. */
@ApiRequest
record AccountCreate(
        @NotBlank @Size(min = 1, max = 200) String name,
        @NotNull @Size(min = 3, max = 3) @SupportedCurrency String currency,
        @NotNull AccountType type,
        @Size(min = 1, max = 255) String ownerId,
        @Schema(defaultValue = "false") Boolean allowNegative) {

    boolean allowsNegative() {
        return Boolean.TRUE.equals(allowNegative);
    }
}
