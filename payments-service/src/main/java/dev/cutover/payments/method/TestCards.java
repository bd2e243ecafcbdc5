package dev.cutover.payments.method;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Test mode's cards: the vault tokens {@code tok_visa_4242}, {@code tok_mastercard_4444} and
 * {@code tok_card_declined}, and the payment methods {@code pm_test_visa_4242} and
 * {@code pm_test_card_declined}, which every user may use.
 */
final class TestCards implements CardVault {

    static final Map<String, VaultedCard> TOKENS = Map.of(
            "tok_visa_4242", new VaultedCard("tok_visa_4242", "visa", "4242", 12, 2034),
            "tok_mastercard_4444", new VaultedCard("tok_mastercard_4444", "mastercard", "4444", 12, 2034),
            "tok_card_declined", new VaultedCard("tok_card_declined", "visa", "0002", 12, 2034));

    private static final Instant SINCE = Instant.parse("2026-01-01T00:00:00Z");

    static final Map<String, PaymentMethod> SHARED_METHODS = Map.of(
            "pm_test_visa_4242", new PaymentMethod("pm_test_visa_4242", null, TOKENS.get("tok_visa_4242"), SINCE),
            "pm_test_card_declined", new PaymentMethod("pm_test_card_declined", null, TOKENS.get("tok_card_declined"), SINCE));

    @Override
    public Optional<VaultedCard> resolve(String token) {
        return Optional.ofNullable(TOKENS.get(token));
    }
}
