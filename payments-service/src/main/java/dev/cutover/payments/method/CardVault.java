package dev.cutover.payments.method;

import java.util.Optional;

/** The card vault: it holds card numbers; we hold its tokens. */
public interface CardVault {

    /** The card behind a vault token, or empty when the vault does not know the token. */
    Optional<VaultedCard> resolve(String token);

    /** What the vault tells us about a card: never its number. */
    record VaultedCard(String token, String brand, String last4, int expMonth, int expYear) {
    }
}
