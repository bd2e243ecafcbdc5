package dev.cutover.system.conformance;

import dev.cutover.system.conformance.Client.User;
import dev.cutover.system.conformance.Client.Verified;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import static dev.cutover.system.conformance.Client.body;

/**
 * What many tests of one class read but none changes, made on first use and then shared: tokens, a verified payer with
 * a card, a succeeded, a declined and a refunded charge, a stranger, and ledger accounts owned by the payer. A test
 * that changes state (a KYC decision, an erasure, a full refund) makes its own.
 */
final class Fixtures {

    private final Client api;
    private final Map<String, Object> made = new HashMap<>();

    Fixtures(Client api) {
        this.api = api;
    }

    String ops() {
        return once("ops", api::opsToken);
    }

    String service() {
        return once("service", api::serviceToken);
    }

    /** A verified user: the KYC record and verification that verified them are theirs. */
    Verified payer() {
        return once("payer", () -> api.verify(api.signUp(), ops()));
    }

    /** The payer's card, from {@code tok_visa_4242}. */
    String payerCard() {
        return once("payerCard", () -> api.card(payer().user(), "tok_visa_4242"));
    }

    /** Another user, unverified, who must never see the payer's resources. */
    User stranger() {
        return once("stranger", api::signUp);
    }

    /** A succeeded charge of the payer: 5000 USD on their card, with a description and metadata. Never refunded. */
    Map<String, Object> succeededCharge() {
        return once("succeeded", () -> {
            User payer = payer().user();
            var created = api.pay(payer, body("amount", 5_000L, "currency", "USD", "payment_method_id", payerCard(),
                    "description", "conformance order", "metadata", Map.of("order", "42")));
            Expect.json(created, 201);
            return api.awaitTransaction(payer.token(), created.path("id"), "succeeded");
        });
    }

    /** A charge of the payer on the declining test method, failed. */
    Map<String, Object> declinedCharge() {
        return once("declined", () -> api.charged(payer().user(), 700, "pm_test_card_declined", "failed"));
    }

    /** A succeeded refund of 1200 on a 3000 USD charge of the payer (its own charge: the rest stays refundable). */
    Map<String, Object> refund() {
        return once("refund", () -> {
            User payer = payer().user();
            Map<String, Object> charge = api.charged(payer, 3_000, "pm_test_visa_4242", "succeeded");
            var created = api.refund(payer.token(), body("transaction_id", charge.get("id"), "amount", 1_200L, "reason", "returned"));
            Expect.json(created, 201);
            return api.awaitRefund(payer.token(), created.path("id"), "succeeded");
        });
    }

    /** A USD asset account owned by the payer. */
    Map<String, Object> ownedAccount() {
        return once("ownedAccount", () -> api.account(ops(), body("name", "Payer wallet", "currency", "USD", "type", "asset",
                "owner_id", payer().user().id())));
    }

    /** A USD liability account with no owner, the other side of the payer's entry. */
    Map<String, Object> houseAccount() {
        return once("houseAccount", () -> api.account(ops(), api.accountBody("House float", "USD", "liability")));
    }

    /** An entry debiting the payer's account 700 and crediting the house account. */
    Map<String, Object> ownedEntry() {
        return once("ownedEntry", () -> api.posted(ops(), (String) ownedAccount().get("id"), (String) houseAccount().get("id"), 700));
    }

    @SuppressWarnings("unchecked")
    private <T> T once(String name, Supplier<T> make) {
        Object value = made.get(name);
        if (value == null) {
            // not computeIfAbsent: one fixture makes others it depends on
            value = make.get();
            made.put(name, value);
        }
        return (T) value;
    }
}
