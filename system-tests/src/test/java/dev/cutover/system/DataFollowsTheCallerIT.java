package dev.cutover.system;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data moves with the callers (SPEC §7): on the suite whose services sync with the monolith both ways, a customer who
 * signed up, passed KYC, added a card and paid on legacy keeps all of it when the gateway moves every domain to the new
 * side, and keeps what they did there (a refund) when ops pull the kill switch; both ledgers stay whole and agree. The
 * test never waits for the sync itself: right after each move, the gateway holds the moved caller until the side they
 * land on has what they did before it (ADR 67).
 */
class DataFollowsTheCallerIT {

    private static final Duration SYNCED_WITHIN = Duration.ofSeconds(60);

    final Suite suite = Suite.synced();
    final Api api = new Api(suite);
    final SyncedOps ops = new SyncedOps(suite);

    @AfterEach
    void everyDomainBackOnTheNewSide() {
        ops.allWeights(100, "back to new after the journey");
    }

    @Test
    void aCustomerOfLegacyKeepsEverythingOnNewAndWhatTheyDidThereAfterTheKillSwitch() throws SQLException {
        ops.allWeights(0, "journey starts on the monolith");
        Timer holds = suite.gatewayBean(MeterRegistry.class)
                .get("cutover.gateway.hold").timer();
        long heldBefore = holds.count();

        // all on legacy: sign-up, KYC, a card, a payment
        Api.User user = api.signUp();
        api.verify(user);
        Response card = api.as(user.token()).body(Map.of("type", "card", "token", "tok_visa_4242")).post("/api/v1/payment-methods");
        assertThat(card.statusCode()).isEqualTo(201);
        assertThat(card.header("X-Upstream")).isEqualTo("legacy");
        Response paid = api.pay(user, 2_500, card.path("id"));
        assertThat(paid.statusCode()).isEqualTo(201);
        assertThat(paid.header("X-Upstream")).isEqualTo("legacy");
        String txn = paid.path("id");
        api.awaitTransaction(user, txn, "succeeded");
        Map<String, String> onLegacy = reads(user.token(), txn);

        ops.allWeights(100, "journey moves to the new side");

        // on new: the same password, the same payments byte for byte, and a refund
        String token = api.signIn(user.email(), user.password());
        Response me = api.as(token).get("/api/v1/users/me");
        assertThat(me.header("X-Upstream")).isEqualTo("new");
        assertThat(me.<String>path("kyc_status")).isEqualTo("verified");
        assertThat(api.as(token).get("/api/v1/transactions/{id}", txn).header("X-Upstream")).isEqualTo("new");
        assertThat(reads(token, txn)).isEqualTo(onLegacy);
        Response refund = api.as(token).body(Map.of("transaction_id", txn, "amount", 1_000, "reason", "damaged"))
                .post("/api/v1/refunds");
        assertThat(refund.statusCode()).isEqualTo(201);
        assertThat(refund.header("X-Upstream")).isEqualTo("new");
        String refundId = refund.path("id");
        Awaitility.await().atMost(SYNCED_WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> api.as(token)
                .get("/api/v1/refunds/{id}", refundId).then().extract().<String>path("status"), "succeeded"::equals);
        Map<String, String> onNew = reads(token, txn);
        String refundOnNew = api.as(token).get("/api/v1/refunds/{id}", refundId).asString();

        awaitPosted(refundId);
        ops.killSwitch("journey: the kill switch");

        // back on legacy: the refund and the amount refunded, the same bytes as on new
        String legacyToken = api.signIn(user.email(), user.password());
        Response refundOnLegacy = api.as(legacyToken).get("/api/v1/refunds/{id}", refundId);
        assertThat(refundOnLegacy.header("X-Upstream")).isEqualTo("legacy");
        assertThat(refundOnLegacy.asString()).isEqualTo(refundOnNew);
        assertThat(reads(legacyToken, txn)).isEqualTo(onNew);
        assertThat(onNew.get("/api/v1/transactions/" + txn)).contains("\"amount_refunded\":1000");

        assertThat(holds.count() - heldBefore).as("moved requests the gateway held for the sync").isPositive();
        assertThat(suite.gatewayBean(MeterRegistry.class).get("cutover.gateway.hold.refused")
                .counter().count()).as("moved requests refused because the sync was late").isZero();

        // both ledgers whole, their clearing and settlement accounts at the same balances, nothing unreconciled
        ops.assertLedgersWhole();
        List<String> accounts = paymentsLedgerAccounts();
        assertThat(accounts).hasSizeGreaterThanOrEqualTo(2);
        for (String account : accounts) {
            String path = "/api/v1/balances/" + account;
            Awaitility.await().atMost(SYNCED_WITHIN).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(balance(suite.ledgerUrl(), path)).as(path).isEqualTo(balance(suite.legacy().baseUrl(), path)));
        }
        ops.awaitReconciled(SYNCED_WITHIN);
    }

    /** An account's balance as one side answers it, without the instant it was read at. */
    private String balance(String side, String path) {
        return ops.directly(side).get(path).then().statusCode(200).extract().asString().replaceAll(",\"as_of\":\"[^\"]*\"", "");
    }

    /** What the customer reads of their payments: the transaction and the list, as exact bodies. */
    private Map<String, String> reads(String token, String txn) {
        return Map.of("/api/v1/transactions/" + txn, api.as(token).get("/api/v1/transactions/{id}", txn).then().statusCode(200)
                        .extract().asString(),
                "/api/v1/transactions", api.as(token).get("/api/v1/transactions").then().statusCode(200).extract().asString(),
                "/api/v1/payment-methods", api.as(token).get("/api/v1/payment-methods").then().statusCode(200).extract().asString());
    }

    /** The refund's ledger posting, which payments makes after the refund succeeded (not a write of the caller's), is in. */
    private void awaitPosted(String refundId) {
        Awaitility.await().atMost(SYNCED_WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> {
            try (Connection connection = suite.database().connect(); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM ledger.journal_entries WHERE reference = '"
                         + refundId + "'")) {
                rows.next();
                return rows.getLong(1) == 1;
            }
        });
    }

    /** The ledger accounts either side's payments posts to. */
    private List<String> paymentsLedgerAccounts() throws SQLException {
        List<String> ids = new ArrayList<>();
        for (var query : List.of(Map.entry(suite.database(), "SELECT account_id FROM payments.ledger_accounts"),
                Map.entry(suite.legacy().database(), "SELECT account_id FROM payments_ledger_account"))) {
            try (Connection connection = query.getKey().connect(); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(query.getValue())) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }
}
