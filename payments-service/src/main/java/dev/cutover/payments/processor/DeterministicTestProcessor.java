package dev.cutover.payments.processor;

import java.util.Set;

/**
 * The built-in test processor: a card vaulted as {@code tok_card_declined} is always declined with
 * {@code card_declined}; every other card is always charged; refunds always succeed. The same inputs
 * always give the same outcome, so it is idempotent by construction.
 */
public final class DeterministicTestProcessor implements CardProcessor {

    static final Set<String> DECLINING_TOKENS = Set.of("tok_card_declined");
    public static final String CARD_DECLINED = "card_declined";

    @Override
    public Outcome charge(String idempotencyKey, String vaultToken, long amount, String currency) {
        return DECLINING_TOKENS.contains(vaultToken) ? Outcome.failure(CARD_DECLINED) : Outcome.success();
    }

    @Override
    public Outcome refund(String idempotencyKey, String chargeKey, long amount, String currency) {
        return Outcome.success();
    }
}
