package dev.cutover.system.conformance;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.contracts.id.IdPrefix;
import dev.cutover.system.conformance.Call.Caller;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.cutover.system.conformance.Call.Caller.ANONYMOUS;
import static dev.cutover.system.conformance.Call.Caller.OPS;
import static dev.cutover.system.conformance.Call.Caller.SERVICE;
import static dev.cutover.system.conformance.Call.Caller.USER;
import static dev.cutover.system.conformance.Client.body;
import static dev.cutover.system.conformance.Client.line;
import static dev.cutover.system.conformance.Expect.invalid;
import static dev.cutover.system.conformance.Expect.json;
import static dev.cutover.system.conformance.Expect.problem;
import static dev.cutover.system.conformance.Expect.unauthorized;
import static dev.cutover.system.conformance.Representations.page;
import static dev.cutover.system.conformance.Target.Domain.IDENTITY;
import static dev.cutover.system.conformance.Target.Domain.LEDGER;
import static dev.cutover.system.conformance.Target.Domain.PAYMENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SPEC §1, the conventions every operation shares, checked over catalogues of operations: bearer authentication and
 * scopes, strict JSON bodies, list limits, request ids; and, through a gateway, which side served.
 */
interface ConventionsConformance extends Conformance {

    // ─── authentication and scopes ───

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedOperations")
    default void withoutATokenEveryProtectedOperationAnswers401WithABearerChallenge(Call call) {
        unauthorized(send(call.as(ANONYMOUS)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedOperations")
    default void aTokenWithABrokenSignatureAnswers401WithABearerChallenge(Call call) {
        String token = fixtures().payer().user().token();
        int signature = token.lastIndexOf('.') + 1;
        String forged = token.substring(0, signature) + new StringBuilder(token.substring(signature)).reverse();

        unauthorized(request(call, forged).request(call.method(), call.path()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scopeRefusals")
    default void aTokenWithoutTheScopeAnswers403Forbidden(Call call) {
        problem(send(call), ErrorCode.FORBIDDEN);
    }

    // ─── strict JSON bodies ───

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonPosts")
    default void anUnknownFieldIsRefusedNotIgnored(Call call) {
        Map<String, Object> body = new LinkedHashMap<>(call.body());
        body.put("unexpected_field", "x");

        invalid(request(call, token(call.caller())).body(body).post(call.path()), "unexpected_field");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonPosts")
    default void aFieldOfTheWrongJsonTypeIsNamed(Call call) {
        invalid(request(call, token(call.caller())).body(call.wrongType()).post(call.path()), call.wrongField());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonPosts")
    default void malformedJsonAnswers400ValidationFailed(Call call) {
        problem(request(call, token(call.caller())).body("{\"amount\": 12, \"currency\": ").post(call.path()), ErrorCode.VALIDATION_FAILED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonPosts")
    default void aBodyThatIsNotJsonAnswers415(Call call) {
        problem(request(call, token(call.caller())).contentType("text/plain").body("amount=12").post(call.path()),
                ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }

    // ─── lists ───

    @ParameterizedTest(name = "{0}")
    @MethodSource("lists")
    default void listLimitsOutsideOneToAHundredAreRefused(Call call) {
        for (Object limit : List.of(0, 101, -1, "twenty")) {
            invalid(request(call, token(call.caller())).queryParam("limit", limit).get(call.path()), "limit");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lists")
    default void listLimitsOfOneAndAHundredAreServed(Call call) {
        Map<String, Object> one = json(request(call, token(call.caller())).queryParam("limit", 1).get(call.path()), 200);
        assertThat(page(one, item -> item)).hasSizeLessThanOrEqualTo(1);
        Map<String, Object> hundred = json(request(call, token(call.caller())).queryParam("limit", 100).get(call.path()), 200);
        assertThat(page(hundred, item -> item)).hasSizeLessThanOrEqualTo(100);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lists")
    default void aCursorThatIsNotInTheListIsRefused(Call call) {
        invalid(request(call, token(call.caller())).queryParam("starting_after", "xyz_not_in_this_list").get(call.path()), "starting_after");
    }

    // ─── tracing ───

    @Test
    default void everyDomainEchoesTheCallersRequestIdOrMakesOne() {
        for (Call call : readsOfEachDomain()) {
            String requestId = "conformance-" + UUID.randomUUID();
            Response given = request(call, token(call.caller())).header("X-Request-Id", requestId).get(call.path());
            assertThat(given.statusCode()).as(Exchanges.describe(given)).isEqualTo(200);
            assertThat(given.header("X-Request-Id")).as(Exchanges.describe(given)).isEqualTo(requestId);

            Response refused = request(call, null).header("X-Request-Id", requestId).get(call.path());
            assertThat(refused.header("X-Request-Id")).as("echoed on a problem too: " + Exchanges.describe(refused)).isEqualTo(requestId);

            Response made = send(call);
            assertThat(made.header("X-Request-Id")).as(Exchanges.describe(made)).isNotBlank();
        }
    }

    @Test
    default void theGatewayNamesTheSideThatServedEachDomain() {
        assumeTrue(target().gateway(), "only a gateway adds X-Upstream");

        for (Call call : readsOfEachDomain()) {
            Response served = send(call);
            assertThat(served.statusCode()).as(Exchanges.describe(served)).isEqualTo(200);
            assertThat(served.header("X-Upstream")).as(Exchanges.describe(served)).isEqualTo(target().side());
        }
    }

    // ─── the catalogues ───

    /** Every operation that needs a bearer token, with ids that need not exist (authentication comes first). */
    default Stream<Call> protectedOperations() {
        return Stream.of(
                Call.get(IDENTITY, "/api/v1/users/me", USER),
                Call.get(IDENTITY, "/api/v1/users/" + IdPrefix.USER.newId(), USER),
                Call.delete(IDENTITY, "/api/v1/users/" + IdPrefix.USER.newId() + "/pii", USER),
                Call.post(IDENTITY, "/api/v1/kyc-records", USER, Map.of()),
                Call.get(IDENTITY, "/api/v1/kyc-records/" + IdPrefix.KYC_RECORD.newId(), USER),
                Call.post(IDENTITY, "/api/v1/verifications", USER, Map.of()),
                Call.get(IDENTITY, "/api/v1/verifications/" + IdPrefix.VERIFICATION.newId(), USER),
                Call.post(IDENTITY, "/api/v1/verifications/" + IdPrefix.VERIFICATION.newId() + "/decision", OPS, Map.of()),
                Call.post(PAYMENTS, "/api/v1/payment-methods", USER, Map.of()),
                Call.get(PAYMENTS, "/api/v1/payment-methods", USER),
                Call.delete(PAYMENTS, "/api/v1/payment-methods/" + IdPrefix.PAYMENT_METHOD.newId(), USER),
                Call.post(PAYMENTS, "/api/v1/transactions", USER, Map.of()),
                Call.get(PAYMENTS, "/api/v1/transactions", USER),
                Call.get(PAYMENTS, "/api/v1/transactions/" + IdPrefix.TRANSACTION.newId(), USER),
                Call.post(PAYMENTS, "/api/v1/refunds", USER, Map.of()),
                Call.get(PAYMENTS, "/api/v1/refunds", USER),
                Call.get(PAYMENTS, "/api/v1/refunds/" + IdPrefix.REFUND.newId(), USER),
                Call.post(LEDGER, "/api/v1/accounts", OPS, Map.of()),
                Call.get(LEDGER, "/api/v1/accounts", OPS),
                Call.get(LEDGER, "/api/v1/accounts/" + IdPrefix.ACCOUNT.newId(), OPS),
                Call.get(LEDGER, "/api/v1/accounts/" + IdPrefix.ACCOUNT.newId() + "/entries", OPS),
                Call.post(LEDGER, "/api/v1/entries", OPS, Map.of()),
                Call.get(LEDGER, "/api/v1/entries/" + IdPrefix.JOURNAL_ENTRY.newId(), OPS),
                Call.post(LEDGER, "/api/v1/entries/" + IdPrefix.JOURNAL_ENTRY.newId() + "/reversal", OPS, null),
                Call.get(LEDGER, "/api/v1/balances/" + IdPrefix.ACCOUNT.newId(), OPS),
                Call.get(LEDGER, "/api/v1/ledger/integrity", OPS));
    }

    /**
     * Each operation once with a caller whose token lacks the scope it needs. Bodies are valid, so the scope is the only
     * thing wrong; ids need not exist (the scope is checked before anything is looked up).
     */
    default Stream<Call> scopeRefusals() {
        return Stream.of(
                Call.delete(IDENTITY, "/api/v1/users/" + IdPrefix.USER.newId() + "/pii", SERVICE),
                Call.post(IDENTITY, "/api/v1/kyc-records", OPS, api().passport(Client.documentNumber())),
                Call.get(IDENTITY, "/api/v1/kyc-records/" + IdPrefix.KYC_RECORD.newId(), SERVICE),
                Call.post(IDENTITY, "/api/v1/verifications", OPS, body("kyc_record_id", IdPrefix.KYC_RECORD.newId())),
                Call.get(IDENTITY, "/api/v1/verifications/" + IdPrefix.VERIFICATION.newId(), SERVICE),
                Call.post(IDENTITY, "/api/v1/verifications/" + IdPrefix.VERIFICATION.newId() + "/decision", USER,
                        body("decision", "approved", "reason", "self-service")),
                Call.post(PAYMENTS, "/api/v1/payment-methods", OPS, body("type", "card", "token", "tok_visa_4242")),
                Call.get(PAYMENTS, "/api/v1/payment-methods", OPS),
                Call.delete(PAYMENTS, "/api/v1/payment-methods/" + IdPrefix.PAYMENT_METHOD.newId(), OPS),
                Call.post(PAYMENTS, "/api/v1/transactions", OPS, api().chargeBody(100, "pm_test_visa_4242")),
                Call.get(PAYMENTS, "/api/v1/transactions", SERVICE),
                Call.get(PAYMENTS, "/api/v1/transactions/" + IdPrefix.TRANSACTION.newId(), SERVICE),
                Call.post(PAYMENTS, "/api/v1/refunds", SERVICE, body("transaction_id", IdPrefix.TRANSACTION.newId())),
                Call.get(PAYMENTS, "/api/v1/refunds", SERVICE),
                Call.get(PAYMENTS, "/api/v1/refunds/" + IdPrefix.REFUND.newId(), SERVICE),
                Call.post(LEDGER, "/api/v1/accounts", USER, api().accountBody("Self-made", "USD", "asset")),
                Call.post(LEDGER, "/api/v1/entries", USER, entryBody()),
                Call.post(LEDGER, "/api/v1/entries/" + IdPrefix.JOURNAL_ENTRY.newId() + "/reversal", USER, null),
                Call.get(LEDGER, "/api/v1/ledger/integrity", USER),
                Call.get(LEDGER, "/api/v1/ledger/integrity", SERVICE));
    }

    /** Every POST that takes a JSON body, with a valid body and one with a field of the wrong JSON type. */
    default Stream<Call> jsonPosts() {
        Map<String, Object> signUp = api().signUpBody(api().newEmail());
        Map<String, Object> grant = body("grant_type", "password", "email", api().newEmail(), "password", Client.PASSWORD);
        Map<String, Object> passport = api().passport(Client.documentNumber());
        Map<String, Object> verification = body("kyc_record_id", IdPrefix.KYC_RECORD.newId());
        Map<String, Object> decision = body("decision", "approved", "reason", "documents in order");
        Map<String, Object> card = body("type", "card", "token", "tok_visa_4242");
        Map<String, Object> charge = api().chargeBody(100, "pm_test_visa_4242");
        Map<String, Object> refund = body("transaction_id", IdPrefix.TRANSACTION.newId(), "amount", 100);
        Map<String, Object> account = api().accountBody("Strict", "USD", "asset");
        Map<String, Object> entry = entryBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) entry.get("lines");
        return Stream.of(
                Call.jsonPost(IDENTITY, "/api/v1/users", ANONYMOUS, signUp, "full_name", with(signUp, "full_name", 42)),
                Call.jsonPost(IDENTITY, "/api/v1/auth/token", ANONYMOUS, grant, "email", with(grant, "email", 5)),
                Call.jsonPost(IDENTITY, "/api/v1/kyc-records", USER, passport, "document_number", with(passport, "document_number", 12_345_678)),
                Call.jsonPost(IDENTITY, "/api/v1/verifications", USER, verification, "kyc_record_id", with(verification, "kyc_record_id", 7)),
                Call.jsonPost(IDENTITY, "/api/v1/verifications/" + IdPrefix.VERIFICATION.newId() + "/decision", OPS, decision,
                        "reason", with(decision, "reason", 5)),
                Call.jsonPost(PAYMENTS, "/api/v1/payment-methods", USER, card, "token", with(card, "token", 42)),
                Call.jsonPost(PAYMENTS, "/api/v1/transactions", USER, charge, "amount", with(charge, "amount", "100")),
                Call.jsonPost(PAYMENTS, "/api/v1/refunds", USER, refund, "amount", with(refund, "amount", "100")),
                Call.jsonPost(LEDGER, "/api/v1/accounts", OPS, account, "allow_negative", with(account, "allow_negative", "yes")),
                Call.jsonPost(LEDGER, "/api/v1/entries", OPS, entry, "lines[0].amount",
                        with(entry, "lines", List.of(with(lines.get(0), "amount", "5"), lines.get(1)))));
    }

    /** Every list, read by a caller who may. */
    default Stream<Call> lists() {
        return Stream.of(
                Call.get(PAYMENTS, "/api/v1/payment-methods", USER),
                Call.get(PAYMENTS, "/api/v1/transactions", USER),
                Call.get(PAYMENTS, "/api/v1/refunds", USER),
                Call.get(LEDGER, "/api/v1/accounts", OPS),
                Call.get(LEDGER, "/api/v1/accounts/" + fixtures().ownedAccount().get("id") + "/entries", OPS));
    }

    /** One read per domain that the caller is allowed, for the checks every response passes. */
    private List<Call> readsOfEachDomain() {
        return List.of(
                Call.get(IDENTITY, "/api/v1/users/me", USER),
                Call.get(PAYMENTS, "/api/v1/payment-methods", USER),
                Call.get(LEDGER, "/api/v1/accounts/" + fixtures().ownedAccount().get("id"), OPS));
    }

    // ─── helpers ───

    private Response send(Call call) {
        RequestSpecification request = request(call, token(call.caller()));
        if (call.body() != null) {
            request.body(call.body());
        }
        return request.request(call.method(), call.path());
    }

    private RequestSpecification request(Call call, String token) {
        return token == null ? api().to(call.domain()) : api().to(call.domain(), token);
    }

    private String token(Caller caller) {
        return switch (caller) {
            case ANONYMOUS -> null;
            case USER -> fixtures().payer().user().token();
            case OPS -> fixtures().ops();
            case SERVICE -> fixtures().service();
        };
    }

    private static Map<String, Object> entryBody() {
        return body("reference", Client.reference(), "lines", List.of(line(IdPrefix.ACCOUNT.newId(), "debit", 100),
                line(IdPrefix.ACCOUNT.newId(), "credit", 100)));
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        changed.put(field, value);
        return changed;
    }
}
