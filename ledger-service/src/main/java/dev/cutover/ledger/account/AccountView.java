package dev.cutover.ledger.account;

import dev.cutover.kit.openapi.ApiResource;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** An account as the API shows it. */
@ApiResource
@Schema(name = "Account")
public record AccountView(
        String id,
        String name,
        @Schema(minLength = 3, maxLength = 3) String currency,
        AccountType type,
        Side normalBalance,
        boolean allowNegative,
        @Nullable String ownerId,
        Instant createdAt) {

    public static AccountView of(Account account) {
        return new AccountView(account.id(), account.name(), account.currency(), account.type(),
                account.normalBalance(), account.allowNegative(), account.ownerId(), account.createdAt());
    }
}
