package dev.cutover.system;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer's whole journey through the gateway, on either side: sign up, sign in, KYC, approval by ops, a card,
 * a payment that succeeds and lands in the ledger as one balanced entry, a partial refund that reverses part of it,
 * and a ledger that still passes its integrity check. At weight 0 the legacy monolith serves all of it, and its own
 * tables hold what the customer did.
 */
class JourneyIT {

    static Suite suite;
    Api api;

    @BeforeAll
    static void suite() {
        suite = Suite.get();
    }

    @Test
    void signUpToRefundEndsInABalancedLedgerOnTheNewSide() {
        api = new Api(suite.gatewayUrl());
        journey("new");
    }

    @Test
    void signUpToRefundEndsInABalancedLedgerOnTheMonolithWhoseTablesHoldIt() throws SQLException {
        api = new Api(suite.legacyGatewayUrl());
        Journey journey = journey("legacy");

        try (Connection legacy = suite.legacy().database().connect()) {
            assertThat(value(legacy, "SELECT password FROM identity_user WHERE id = ?", journey.user().id()))
                    .startsWith("pbkdf2_sha256$");
            assertThat(value(legacy, "SELECT kyc_status FROM identity_user WHERE id = ?", journey.user().id())).isEqualTo("verified");
            assertThat(value(legacy, "SELECT count(*) FROM identity_kyc_record WHERE user_id = ?", journey.user().id())).isEqualTo("1");
            assertThat(value(legacy, "SELECT status || ' ' || amount || ' ' || amount_refunded FROM payments_transaction WHERE id = ?",
                    journey.transaction())).isEqualTo("succeeded 5000 1200");
            assertThat(value(legacy, "SELECT status || ' ' || amount FROM payments_refund WHERE id = ?", journey.refund()))
                    .isEqualTo("succeeded 1200");
            assertThat(value(legacy, "SELECT count(*) FROM ledger_journal_entry WHERE reference IN (?, ?)",
                    journey.transaction(), journey.refund())).isEqualTo("2");
        }
    }

    record Journey(Api.User user, String transaction, String refund) {
    }

    private Journey journey(String side) {
        Api.User user = api.signUp();
        assertThat(api.as(user.token()).get("/api/v1/users/me").then().statusCode(200).extract().<String>path("kyc_status"))
                .isEqualTo("unverified");
        api.verify(user);
        assertThat(api.as(user.token()).get("/api/v1/users/me").then().extract().<String>path("kyc_status")).isEqualTo("verified");

        String card = api.as(user.token()).body(Map.of("type", "card", "token", "tok_visa_4242"))
                .post("/api/v1/payment-methods").then().statusCode(201).extract().path("id");
        Response created = api.pay(user, 5_000, card);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.header("X-Upstream")).isEqualTo(side);
        assertThat(created.jsonPath().getString("status")).isEqualTo("pending");
        String transaction = created.jsonPath().getString("id");
        api.awaitTransaction(user, transaction, "succeeded");

        String ops = api.opsToken();
        String clearing = ledgerAccount(ops, "Card clearing USD");
        String settlement = ledgerAccount(ops, "Merchant settlement USD");
        Map<String, Object> charge = awaitEntry(ops, clearing, transaction);
        assertThat(lines(charge)).containsExactlyInAnyOrder(clearing + " debit 5000", settlement + " credit 5000");

        String refund = api.as(user.token()).body(Map.of("transaction_id", transaction, "amount", 1_200, "reason", "one item returned"))
                .post("/api/v1/refunds").then().statusCode(201).extract().path("id");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                api.as(user.token()).get("/api/v1/refunds/{id}", refund).then().extract().<String>path("status"), "succeeded"::equals);
        Map<String, Object> reversal = awaitEntry(ops, clearing, refund);
        assertThat(lines(reversal)).containsExactlyInAnyOrder(clearing + " credit 1200", settlement + " debit 1200");
        assertThat(api.as(user.token()).get("/api/v1/transactions/{id}", transaction).then().extract().<Integer>path("amount_refunded"))
                .isEqualTo(1_200);

        JsonPath integrity = api.as(ops).get("/api/v1/ledger/integrity").then().statusCode(200).extract().jsonPath();
        assertThat(integrity.getBoolean("ok")).isTrue();
        assertThat(integrity.getBoolean("currencies.USD.balanced")).isTrue();
        return new Journey(user, transaction, refund);
    }

    private static String value(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).as(sql).isTrue();
                return row.getString(1);
            }
        }
    }

    private String ledgerAccount(String ops, String name) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<Map<String, Object>> accounts = api.as(ops).queryParam("limit", 100).get("/api/v1/accounts")
                    .then().statusCode(200).extract().path("data");
            return accounts.stream().filter(a -> name.equals(a.get("name"))).map(a -> (String) a.get("id")).findFirst().orElse(null);
        }, id -> id != null);
    }

    private Map<String, Object> awaitEntry(String ops, String account, String reference) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<Map<String, Object>> entries = api.as(ops).queryParam("limit", 100).get("/api/v1/accounts/{id}/entries", account)
                    .then().statusCode(200).extract().path("data");
            return entries.stream().filter(e -> reference.equals(e.get("reference"))).findFirst().orElse(null);
        }, entry -> entry != null);
    }

    @SuppressWarnings("unchecked")
    private static List<String> lines(Map<String, Object> entry) {
        return ((List<Map<String, Object>>) entry.get("lines")).stream()
                .map(l -> l.get("account_id") + " " + l.get("direction") + " " + l.get("amount")).toList();
    }
}
