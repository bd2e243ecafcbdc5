package dev.cutover.system.conformance;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.contracts.id.IdPrefix;
import dev.cutover.system.conformance.Client.User;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.cutover.system.conformance.Client.body;
import static dev.cutover.system.conformance.Client.key;
import static dev.cutover.system.conformance.Expect.invalid;
import static dev.cutover.system.conformance.Expect.json;
import static dev.cutover.system.conformance.Expect.noContent;
import static dev.cutover.system.conformance.Expect.notReplayed;
import static dev.cutover.system.conformance.Expect.problem;
import static dev.cutover.system.conformance.Expect.recent;
import static dev.cutover.system.conformance.Expect.replayed;
import static dev.cutover.system.conformance.Expect.resource;
import static dev.cutover.system.conformance.Pages.newestFirst;
import static dev.cutover.system.conformance.Representations.hasMore;
import static dev.cutover.system.conformance.Representations.ids;
import static dev.cutover.system.conformance.Representations.page;
import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §3: payment methods, transactions and their processing, refunds. */
interface PaymentsConformance extends Conformance {

    // ─── payment methods ───

    @Test
    default void cardsAreSavedFromVaultTokensAndListedNewestFirst() {
        User user = api().signUp();

        Map<String, Object> visa = resource(addCard(user, "tok_visa_4242"), 201, Representations::paymentMethod);
        Map<String, Object> mastercard = resource(addCard(user, "tok_mastercard_4444"), 201, Representations::paymentMethod);

        assertThat(visa).containsEntry("type", "card").containsEntry("brand", "visa").containsEntry("last4", "4242")
                .containsEntry("exp_month", 12).containsEntry("exp_year", 2034);
        assertThat(mastercard).containsEntry("brand", "mastercard").containsEntry("last4", "4444");
        recent(visa.get("created_at"));
        Map<String, Object> listed = json(api().payments(user.token()).get("/api/v1/payment-methods"), 200);
        assertThat(page(listed, Representations::paymentMethod)).isEqualTo(newestFirst(List.of(visa, mastercard)));
        assertThat(hasMore(listed)).isFalse();
    }

    @Test
    default void paymentMethodsArePagedWithHasMoreAndStartingAfter() {
        User user = api().signUp();
        List<Map<String, Object>> cards = new ArrayList<>();
        for (String token : List.of("tok_visa_4242", "tok_mastercard_4444", "tok_visa_4242")) {
            cards.add(json(addCard(user, token), 201));
        }
        List<String> expected = ids(newestFirst(cards));

        Pages.assertPaged(() -> api().payments(user.token()), "/api/v1/payment-methods", Map.of(), expected);
    }

    @Test
    default void deletedCardLeavesTheListAndCannotBeDeletedAgain() {
        User user = api().signUp();
        String card = (String) json(addCard(user, "tok_visa_4242"), 201).get("id");

        noContent(api().payments(user.token()).delete("/api/v1/payment-methods/{id}", card));

        assertThat(ids(page(json(api().payments(user.token()).get("/api/v1/payment-methods"), 200), Representations::paymentMethod)))
                .doesNotContain(card);
        problem(api().payments(user.token()).delete("/api/v1/payment-methods/{id}", card), ErrorCode.NOT_FOUND);
    }

    @Test
    default void anotherUsersCardCanNeitherBeDeletedNorPaidWith() {
        User stranger = fixtures().stranger();
        String strangersCard = (String) json(addCard(stranger, "tok_visa_4242"), 201).get("id");

        problem(api().payments(fixtures().payer().user().token()).delete("/api/v1/payment-methods/{id}", strangersCard), ErrorCode.NOT_FOUND);
        problem(api().pay(fixtures().payer().user(), api().chargeBody(100, strangersCard)), ErrorCode.NOT_FOUND);
        problem(api().payments(stranger.token()).delete("/api/v1/payment-methods/{id}", fixtures().payerCard()), ErrorCode.NOT_FOUND);
    }

    @Test
    default void rawCardDataIsRefusedWhereverItHides() {
        String token = fixtures().payer().user().token();

        for (Map<String, Object> card : List.of(
                body("type", "card", "token", "tok_visa_4242", "card_number", "4242424242424242"),
                body("type", "card", "token", "tok_visa_4242", "number", "4242424242424242"),
                body("type", "card", "token", "tok_visa_4242", "cvc", "123"),
                body("type", "card", "token", "4242 4242 4242 4242"))) {
            problem(api().payments(token).body(card).post("/api/v1/payment-methods"), ErrorCode.RAW_CARD_DATA_REJECTED);
        }
        Map<String, Object> charge = api().chargeBody(100, "pm_test_visa_4242");
        charge.put("metadata", Map.of("note", "the card was 4111-1111-1111-1111"));
        problem(api().payments(token).body(charge).post("/api/v1/transactions"), ErrorCode.RAW_CARD_DATA_REJECTED);
    }

    @Test
    default void paymentMethodNamesItsInvalidFields() {
        String token = fixtures().stranger().token();
        invalid(api().payments(token).body(Map.of()).post("/api/v1/payment-methods"), "type", "token");
        invalid(api().payments(token).body(body("type", "bank_account", "token", "tok_visa_4242")).post("/api/v1/payment-methods"), "type");
        invalid(api().payments(token).body(body("type", "card", "token", "tok_the_vault_never_issued")).post("/api/v1/payment-methods"),
                "token");
    }

    @Test
    default void paymentMethodIdempotencyKeysAreReplayedPerCaller() {
        User one = api().signUp();
        User other = api().signUp();
        String key = key();
        Map<String, Object> visa = body("type", "card", "token", "tok_visa_4242");
        Map<String, Object> first = json(api().payments(one.token()).header("Idempotency-Key", key).body(visa).post("/api/v1/payment-methods"), 201);

        replayed(api().payments(one.token()).header("Idempotency-Key", key).body(visa).post("/api/v1/payment-methods"), 201, first);
        problem(api().payments(one.token()).header("Idempotency-Key", key).body(body("type", "card", "token", "tok_mastercard_4444"))
                .post("/api/v1/payment-methods"), ErrorCode.IDEMPOTENCY_KEY_REUSED);
        Response othersFirst = api().payments(other.token()).header("Idempotency-Key", key).body(visa).post("/api/v1/payment-methods");
        assertThat(json(othersFirst, 201).get("id")).as("keys are scoped per caller").isNotEqualTo(first.get("id"));
        notReplayed(othersFirst);
    }

    // ─── transactions ───

    @Test
    default void transactionIsCreatedPendingAndProcessedToSucceeded() {
        User payer = fixtures().payer().user();
        Map<String, Object> request = body("amount", 2_500L, "currency", "USD", "payment_method_id", fixtures().payerCard(),
                "description", "conformance basket", "metadata", Map.of("order", "7"));

        Response created = api().pay(payer, request);

        Map<String, Object> pending = resource(created, 201, Representations::transaction);
        assertThat(pending).containsEntry("status", "pending").containsEntry("amount", 2_500).containsEntry("currency", "USD")
                .containsEntry("amount_refunded", 0).containsEntry("payment_method_id", fixtures().payerCard())
                .containsEntry("user_id", payer.id()).containsEntry("description", "conformance basket")
                .containsEntry("metadata", Map.of("order", "7")).containsEntry("failure_code", null);
        recent(pending.get("created_at"));
        notReplayed(created);

        Map<String, Object> succeeded = Representations.transaction(api().awaitTransaction(payer.token(), (String) pending.get("id"), "succeeded"));

        assertThat(succeeded).containsEntry("failure_code", null).containsEntry("amount_refunded", 0)
                .containsEntry("created_at", pending.get("created_at"));
    }

    @Test
    default void transactionWithoutDescriptionOrMetadataShowsNullAndAnEmptyObject() {
        Map<String, Object> created = resource(api().pay(fixtures().payer().user(), api().chargeBody(150, "pm_test_visa_4242")), 201,
                Representations::transaction);

        assertThat(created).containsEntry("description", null).containsEntry("metadata", Map.of())
                .containsEntry("payment_method_id", "pm_test_visa_4242");
    }

    @Test
    default void declinedCardsFailTheTransactionWithCardDeclined() {
        assertThat(Representations.transaction(fixtures().declinedCharge())).containsEntry("status", "failed")
                .containsEntry("failure_code", "card_declined").containsEntry("payment_method_id", "pm_test_card_declined");

        User payer = fixtures().payer().user();
        String declining = api().card(payer, "tok_card_declined");
        assertThat(api().charged(payer, 300, declining, "failed")).containsEntry("failure_code", "card_declined");
    }

    @Test
    default void transactionIsVisibleToItsOwnerAndOpsOnly() {
        Map<String, Object> charge = fixtures().succeededCharge();
        String id = (String) charge.get("id");

        assertThat(resource(api().payments(fixtures().payer().user().token()).get("/api/v1/transactions/{id}", id), 200,
                Representations::transaction)).isEqualTo(charge);
        assertThat(json(api().payments(fixtures().ops()).get("/api/v1/transactions/{id}", id), 200)).isEqualTo(charge);
        problem(api().payments(fixtures().stranger().token()).get("/api/v1/transactions/{id}", id), ErrorCode.NOT_FOUND);
        problem(api().payments(fixtures().ops()).get("/api/v1/transactions/{id}", IdPrefix.TRANSACTION.newId()), ErrorCode.NOT_FOUND);
    }

    @Test
    default void transactionsAreFilteredByStatus() {
        String token = fixtures().payer().user().token();
        String succeeded = (String) fixtures().succeededCharge().get("id");
        String failed = (String) fixtures().declinedCharge().get("id");

        for (String status : List.of("succeeded", "failed", "pending")) {
            List<Map<String, Object>> listed = page(json(api().payments(token).queryParam("status", status).queryParam("limit", 100)
                    .get("/api/v1/transactions"), 200), Representations::transaction);
            assertThat(listed).allSatisfy(t -> assertThat(t).containsEntry("status", status));
            if (!status.equals("pending")) {
                assertThat(ids(listed)).contains(status.equals("succeeded") ? succeeded : failed);
            }
        }
        List<Map<String, Object>> opsFailed = page(json(api().payments(fixtures().ops()).queryParam("status", "failed")
                .get("/api/v1/transactions"), 200), Representations::transaction);
        assertThat(opsFailed).isNotEmpty().allSatisfy(t -> assertThat(t).containsEntry("status", "failed"));
        invalid(api().payments(token).queryParam("status", "refunded").get("/api/v1/transactions"), "status");
    }

    @Test
    default void transactionsAreListedOnlyToTheirOwnerNewestFirstWithHasMoreAndStartingAfter() {
        User user = api().verify(api().signUp(), fixtures().ops()).user();
        List<Map<String, Object>> charges = new ArrayList<>();
        for (long amount : List.of(110L, 120L, 130L)) {
            charges.add(json(api().pay(user, api().chargeBody(amount, "pm_test_visa_4242")), 201));
        }

        Pages.assertPaged(() -> api().payments(user.token()), "/api/v1/transactions", Map.of(), ids(newestFirst(charges)));
    }

    @Test
    default void unverifiedUsersCannotPay() {
        problem(api().pay(fixtures().stranger(), api().chargeBody(100, "pm_test_visa_4242")), ErrorCode.KYC_REQUIRED);
    }

    @Test
    default void payingWithAnUnknownCardIsNotFoundAndWithADeletedOneUnusable() {
        User payer = fixtures().payer().user();
        problem(api().pay(payer, api().chargeBody(100, IdPrefix.PAYMENT_METHOD.newId())), ErrorCode.NOT_FOUND);

        String card = api().card(payer, "tok_visa_4242");
        noContent(api().payments(payer.token()).delete("/api/v1/payment-methods/{id}", card));

        problem(api().pay(payer, api().chargeBody(100, card)), ErrorCode.PAYMENT_METHOD_UNUSABLE);
    }

    @Test
    default void transactionNamesItsInvalidFields() {
        User payer = fixtures().payer().user();
        invalid(api().pay(payer, Map.of()), "amount", "currency", "payment_method_id");
        invalid(api().pay(payer, body("amount", 0, "currency", "usd", "payment_method_id", "")), "amount", "currency", "payment_method_id");
        invalid(api().pay(payer, body("amount", 100_000_000_000L, "currency", "XXX", "payment_method_id", "pm_test_visa_4242")),
                "amount", "currency");
        invalid(api().pay(payer, body("amount", 12.5, "currency", "USD", "payment_method_id", "pm_test_visa_4242")), "amount");
        Map<String, Object> longDescription = api().chargeBody(100, "pm_test_visa_4242");
        longDescription.put("description", "x".repeat(501));
        invalid(api().pay(payer, longDescription), "description");
        Map<String, Object> tooMuchMetadata = api().chargeBody(100, "pm_test_visa_4242");
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < 21; i++) {
            metadata.put("key" + i, "value");
        }
        tooMuchMetadata.put("metadata", metadata);
        invalid(api().pay(payer, tooMuchMetadata), "metadata");
    }

    @Test
    default void transactionIsReplayedForTheSameKeyInTheHeaderOrInTheBody() {
        User payer = fixtures().payer().user();
        Map<String, Object> request = api().chargeBody(210, "pm_test_visa_4242");
        String header = key();
        Map<String, Object> first = json(api().payments(payer.token()).header("Idempotency-Key", header).body(request)
                .post("/api/v1/transactions"), 201);
        replayed(api().payments(payer.token()).header("Idempotency-Key", header).body(request).post("/api/v1/transactions"), 201, first);
        problem(api().payments(payer.token()).header("Idempotency-Key", header).body(api().chargeBody(211, "pm_test_visa_4242"))
                .post("/api/v1/transactions"), ErrorCode.IDEMPOTENCY_KEY_REUSED);

        Map<String, Object> legacyStyle = api().chargeBody(220, "pm_test_visa_4242");
        legacyStyle.put("idempotency_key", key());
        Map<String, Object> firstOfBody = json(api().pay(payer, legacyStyle), 201);
        replayed(api().pay(payer, legacyStyle), 201, firstOfBody);

        String both = key();
        Map<String, Object> agreeing = api().chargeBody(230, "pm_test_visa_4242");
        agreeing.put("idempotency_key", both);
        json(api().payments(payer.token()).header("Idempotency-Key", both).body(agreeing).post("/api/v1/transactions"), 201);
        Map<String, Object> disagreeing = api().chargeBody(240, "pm_test_visa_4242");
        disagreeing.put("idempotency_key", key());
        invalid(api().payments(payer.token()).header("Idempotency-Key", key()).body(disagreeing).post("/api/v1/transactions"),
                "idempotency_key");
    }

    @Test
    default void aTransactionRefusedByValidationStoresNothingUnderItsKey() {
        User payer = fixtures().payer().user();
        String key = key();
        invalid(api().payments(payer.token()).header("Idempotency-Key", key).body(api().chargeBody(0, "pm_test_visa_4242"))
                .post("/api/v1/transactions"), "amount");

        Response corrected = api().payments(payer.token()).header("Idempotency-Key", key).body(api().chargeBody(250, "pm_test_visa_4242"))
                .post("/api/v1/transactions");

        assertThat(json(corrected, 201)).containsEntry("amount", 250);
        notReplayed(corrected);
    }

    @Test
    default void anIdempotencyKeyIsOneTo255Characters() {
        invalid(api().payments(fixtures().payer().user().token()).header("Idempotency-Key", "k".repeat(256))
                .body(api().chargeBody(100, "pm_test_visa_4242")).post("/api/v1/transactions"), "Idempotency-Key");
    }

    // ─── refunds ───

    @Test
    default void partialRefundIsProcessedAndCountedOnTheTransaction() {
        User payer = fixtures().payer().user();
        Map<String, Object> charge = api().charged(payer, 4_000, fixtures().payerCard(), "succeeded");

        Response created = api().refund(payer.token(), body("transaction_id", charge.get("id"), "amount", 1_500L, "reason", "damaged"));

        Map<String, Object> refund = resource(created, 201, Representations::refund);
        assertThat(refund).containsEntry("transaction_id", charge.get("id")).containsEntry("amount", 1_500)
                .containsEntry("currency", "USD").containsEntry("status", "pending").containsEntry("reason", "damaged");
        recent(refund.get("created_at"));
        notReplayed(created);
        assertThat(Representations.refund(api().awaitRefund(payer.token(), (String) refund.get("id"), "succeeded")))
                .containsEntry("amount", 1_500).containsEntry("created_at", refund.get("created_at"));
        Map<String, Object> refunded = Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> json(api().payments(payer.token()).get("/api/v1/transactions/{id}", charge.get("id")), 200),
                        t -> Integer.valueOf(1_500).equals(t.get("amount_refunded")));
        assertThat(Representations.transaction(refunded)).containsEntry("status", "succeeded").containsEntry("amount", 4_000);
    }

    @Test
    default void refundWithoutAnAmountRefundsWhatIsLeftAndNothingMore() {
        User payer = fixtures().payer().user();
        Map<String, Object> charge = api().charged(payer, 3_000, "pm_test_visa_4242", "succeeded");
        json(api().refund(payer.token(), body("transaction_id", charge.get("id"), "amount", 1_000L)), 201);

        Map<String, Object> rest = resource(api().refund(payer.token(), body("transaction_id", charge.get("id"))), 201, Representations::refund);

        assertThat(rest).containsEntry("amount", 2_000).containsEntry("reason", null);
        problem(api().refund(payer.token(), body("transaction_id", charge.get("id"))), ErrorCode.REFUND_EXCEEDS_AMOUNT);
        problem(api().refund(payer.token(), body("transaction_id", charge.get("id"), "amount", 1L)), ErrorCode.REFUND_EXCEEDS_AMOUNT);
    }

    @Test
    default void refundsNeverExceedTheAmountCharged() {
        User payer = fixtures().payer().user();
        Object charge = api().charged(payer, 1_000, "pm_test_visa_4242", "succeeded").get("id");

        problem(api().refund(payer.token(), body("transaction_id", charge, "amount", 1_001L)), ErrorCode.REFUND_EXCEEDS_AMOUNT);
        json(api().refund(payer.token(), body("transaction_id", charge, "amount", 600L)), 201);
        problem(api().refund(payer.token(), body("transaction_id", charge, "amount", 401L)), ErrorCode.REFUND_EXCEEDS_AMOUNT);
        json(api().refund(payer.token(), body("transaction_id", charge, "amount", 400L)), 201);
    }

    @Test
    default void onlySucceededTransactionsAreRefundable() {
        problem(api().refund(fixtures().payer().user().token(), body("transaction_id", fixtures().declinedCharge().get("id"))),
                ErrorCode.TRANSACTION_NOT_REFUNDABLE);
    }

    @Test
    default void opsMayRefundAnyTransactionAndOtherUsersNone() {
        User payer = fixtures().payer().user();
        Object charge = api().charged(payer, 2_000, "pm_test_visa_4242", "succeeded").get("id");

        problem(api().refund(fixtures().stranger().token(), body("transaction_id", charge, "amount", 100L)), ErrorCode.NOT_FOUND);
        assertThat(resource(api().refund(fixtures().ops(), body("transaction_id", charge, "amount", 500L)), 201, Representations::refund))
                .containsEntry("transaction_id", charge).containsEntry("amount", 500);
        problem(api().refund(fixtures().ops(), body("transaction_id", IdPrefix.TRANSACTION.newId())), ErrorCode.NOT_FOUND);
    }

    @Test
    default void refundIsVisibleToTheOwnerOfItsTransactionAndOpsOnly() {
        Map<String, Object> refund = fixtures().refund();
        Object id = refund.get("id");

        assertThat(Representations.refund(refund)).containsEntry("status", "succeeded").containsEntry("amount", 1_200)
                .containsEntry("reason", "returned");
        assertThat(json(api().payments(fixtures().payer().user().token()).get("/api/v1/refunds/{id}", id), 200)).isEqualTo(refund);
        assertThat(json(api().payments(fixtures().ops()).get("/api/v1/refunds/{id}", id), 200)).isEqualTo(refund);
        problem(api().payments(fixtures().stranger().token()).get("/api/v1/refunds/{id}", id), ErrorCode.NOT_FOUND);
        problem(api().payments(fixtures().ops()).get("/api/v1/refunds/{id}", IdPrefix.REFUND.newId()), ErrorCode.NOT_FOUND);
    }

    @Test
    default void refundsAreListedPerTransactionNewestFirstWithHasMoreAndStartingAfter() {
        User payer = fixtures().payer().user();
        Object charge = api().charged(payer, 3_000, "pm_test_visa_4242", "succeeded").get("id");
        List<Map<String, Object>> refunds = new ArrayList<>();
        for (long amount : List.of(100L, 200L, 300L)) {
            refunds.add(json(api().refund(payer.token(), body("transaction_id", charge, "amount", amount)), 201));
        }

        Pages.assertPaged(() -> api().payments(payer.token()), "/api/v1/refunds", Map.of("transaction_id", charge),
                ids(newestFirst(refunds)));
        Map<String, Object> strangers = json(api().payments(fixtures().stranger().token()).queryParam("transaction_id", charge)
                .get("/api/v1/refunds"), 200);
        assertThat(page(strangers, Representations::refund)).as("another user's refunds are not listed").isEmpty();
        assertThat(ids(page(json(api().payments(fixtures().ops()).queryParam("transaction_id", charge).get("/api/v1/refunds"), 200),
                Representations::refund))).isEqualTo(ids(newestFirst(refunds)));
    }

    @Test
    default void refundNamesItsInvalidFields() {
        String token = fixtures().payer().user().token();
        Object charge = fixtures().succeededCharge().get("id");
        invalid(api().refund(token, Map.of()), "transaction_id");
        invalid(api().refund(token, body("transaction_id", charge, "amount", 0)), "amount");
        invalid(api().refund(token, body("transaction_id", charge, "amount", 100_000_000_000L)), "amount");
        invalid(api().refund(token, body("transaction_id", charge, "reason", "x".repeat(501))), "reason");
    }

    @Test
    default void refundIsReplayedForTheSameKeyInTheHeaderOrInTheBody() {
        User payer = fixtures().payer().user();
        Object charge = api().charged(payer, 3_000, "pm_test_visa_4242", "succeeded").get("id");
        String header = key();
        Map<String, Object> request = body("transaction_id", charge, "amount", 100L);
        Map<String, Object> first = json(api().payments(payer.token()).header("Idempotency-Key", header).body(request).post("/api/v1/refunds"), 201);

        replayed(api().payments(payer.token()).header("Idempotency-Key", header).body(request).post("/api/v1/refunds"), 201, first);
        problem(api().payments(payer.token()).header("Idempotency-Key", header).body(body("transaction_id", charge, "amount", 101L))
                .post("/api/v1/refunds"), ErrorCode.IDEMPOTENCY_KEY_REUSED);

        Map<String, Object> legacyStyle = body("transaction_id", charge, "amount", 200L, "idempotency_key", key());
        Map<String, Object> firstOfBody = json(api().refund(payer.token(), legacyStyle), 201);
        replayed(api().refund(payer.token(), legacyStyle), 201, firstOfBody);

        invalid(api().payments(payer.token()).header("Idempotency-Key", key())
                .body(body("transaction_id", charge, "amount", 300L, "idempotency_key", key())).post("/api/v1/refunds"), "idempotency_key");
    }

    // ─── helpers ───

    private Response addCard(User user, String vaultToken) {
        return api().payments(user.token()).body(body("type", "card", "token", vaultToken)).post("/api/v1/payment-methods");
    }
}
