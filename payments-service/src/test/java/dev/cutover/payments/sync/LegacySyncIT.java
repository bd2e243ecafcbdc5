package dev.cutover.payments.sync;

import dev.cutover.payments.PaymentsApplication;
import dev.cutover.payments.support.PaymentsClient;
import dev.cutover.payments.support.PeersTestConfiguration;
import dev.cutover.sync.ChangeStream;
import dev.cutover.sync.ChangeStreams;
import dev.cutover.testsupport.JwksServer;
import dev.cutover.testsupport.LegacyMonolith;
import dev.cutover.testsupport.LogicalPostgres;
import dev.cutover.testsupport.PostgresTestConfiguration;
import dev.cutover.testsupport.TestDatabase;
import dev.cutover.testsupport.TestTokens;
import dev.cutover.testsupport.TokenTestConfiguration;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payments data moving both ways between the real legacy monolith and this service, through the change streams, on
 * a Postgres cluster with logical decoding: what a customer did on either side reads the same, byte for byte, on the
 * other; nothing is applied twice, echoed back, or processed again on the side that imported it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.config.name=" + PaymentsApplication.CONFIG_NAME,
    "cutover.payments.test-mode=true",
    "cutover.payments.tasks.polling-interval=200ms",
    "cutover.payments.tasks.retry-initial=100ms",
    "cutover.payments.tasks.retry-max=1s",
    "cutover.payments.sync.enabled=true"
})
@Import({LegacySyncIT.BothSides.class, TokenTestConfiguration.class, PeersTestConfiguration.class})
class LegacySyncIT {

    private static final Duration SYNCED_WITHIN = Duration.ofSeconds(30);
    private static final String FROM_LEGACY = LegacyPaymentsMapping.DOMAIN.fromLegacyStream();
    private static final String TO_LEGACY = LegacyPaymentsMapping.DOMAIN.toLegacyStream();

    /** This service's database and the monolith's, both on a server that decodes logically. */
    @TestConfiguration(proxyBeanMethods = false)
    static class BothSides {

        static final TestDatabase OWN = LogicalPostgres.database();
        static final LegacyMonolith LEGACY = LegacyMonolith.start(OWN, Map.of(
                "JWT_ISSUER", TestTokens.ISSUER, "JWT_TRUSTED_JWKS_URIS", JwksServer.uri()));
        /** A customer who paid and was refunded on legacy before the sync began: the backfill's to copy. */
        static final Seeded BEFORE_SYNC = seed();

        @Bean
        JdbcConnectionDetails ownDatabase() {
            return PostgresTestConfiguration.connectionTo(OWN);
        }

        @Bean
        DynamicPropertyRegistrar legacyDatabase() {
            return registry -> {
                registry.add("cutover.payments.sync.legacy.url", LEGACY.database()::jdbcUrl);
                registry.add("cutover.payments.sync.legacy.user", LEGACY.database()::username);
                registry.add("cutover.payments.sync.legacy.password", LEGACY.database()::password);
                // slots are per server: one pair per test database
                registry.add("cutover.payments.sync.slot-prefix", () -> "p_" + OWN.name());
            };
        }
    }

    record Seeded(String user, String transaction, String refund) {
    }

    private static Seeded seed() {
        String user = verifiedOnLegacy();
        String card = legacyCard(user);
        String txn = legacyCharge(user, card, 3_000);
        awaitBody(legacy(user), "/api/v1/transactions/" + txn, "succeeded");
        String refund = legacy(user).body(Map.of("transaction_id", txn, "amount", 1_000))
                .post("/api/v1/refunds").then().statusCode(201).extract().path("id");
        awaitBody(legacy(user), "/api/v1/refunds/" + refund, "succeeded");
        return new Seeded(user, txn, refund);
    }

    @LocalServerPort
    int port;

    @Autowired
    ChangeStreams streams;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Autowired
    dev.cutover.sync.ChangeStreamsHealth syncHealth;

    @AfterAll
    static void stopLegacy() {
        BothSides.LEGACY.close();
    }

    @Test
    void whatLegacyHeldBeforeTheSyncBeganIsCopiedByTheBackfill() {
        Seeded seeded = BothSides.BEFORE_SYNC;
        for (String path : new String[] {"/api/v1/transactions/" + seeded.transaction(), "/api/v1/refunds/" + seeded.refund(),
                "/api/v1/payment-methods", "/api/v1/refunds?transaction_id=" + seeded.transaction()}) {
            String onLegacy = legacy(seeded.user()).get(path).then().statusCode(200).extract().asString();
            assertThat(awaitSame(payments(seeded.user()), path, onLegacy)).as(path).isEqualTo(onLegacy);
        }
        ChangeStream fromLegacy = streams.named(FROM_LEGACY);
        assertThat(fromLegacy.snapshotTotal()).as("rows legacy held when the backfill began").isGreaterThanOrEqualTo(3);
        assertThat(fromLegacy.snapshotRows()).as("rows the backfill copied").isGreaterThanOrEqualTo(3);
        assertThat(tasksFor(seeded.transaction()) + tasksFor(seeded.refund())).isZero();
        assertThat(meters.get("cutover.sync.changes").tag("direction", FROM_LEGACY)
                .tag("table", "public.payments_refund").tag("outcome", "applied").counter().count()).isGreaterThanOrEqualTo(1);
        org.springframework.boot.health.contributor.Health health = syncHealth.health();
        assertThat(health.getStatus().getCode()).isEqualTo("UP");
        assertThat(health.getDetails()).containsKeys(FROM_LEGACY, TO_LEGACY);
    }

    @Test
    void aCustomersCardAndPaymentOnLegacyReadTheSameOnPayments() {
        String user = verifiedOnLegacy();
        String card = legacyCard(user);
        String txn = legacyCharge(user, card, 1_500);

        String onLegacy = awaitBody(legacy(user), "/api/v1/transactions/" + txn, "succeeded");
        String onPayments = awaitSame(payments(user), "/api/v1/transactions/" + txn, onLegacy);
        assertThat(onPayments).isEqualTo(onLegacy);
        assertThat(payments(user).get("/api/v1/payment-methods").then().statusCode(200).extract().asString())
                .contains(card)
                .isEqualTo(legacy(user).get("/api/v1/payment-methods").then().statusCode(200).extract().asString());
        assertThat(payments(user).get("/api/v1/transactions").asString())
                .isEqualTo(legacy(user).get("/api/v1/transactions").asString());
        assertThat(tasksFor(txn)).as("an imported payment is never processed again here").isZero();
    }

    @Test
    void aRefundOnPaymentsOfALegacyPaymentReachesLegacyWithItsAmountRefunded() {
        String user = verifiedOnLegacy();
        String card = legacyCard(user);
        String txn = legacyPaymentOnBoth(user, card, 2_000);

        String refund = payments(user).body(Map.of("transaction_id", txn, "amount", 500, "reason", "damaged"))
                .post("/api/v1/refunds").then().statusCode(201).extract().path("id");
        String refundOnPayments = awaitBody(payments(user), "/api/v1/refunds/" + refund, "succeeded");

        assertThat(awaitSame(legacy(user), "/api/v1/refunds/" + refund, refundOnPayments)).isEqualTo(refundOnPayments);
        String txnOnPayments = payments(user).get("/api/v1/transactions/" + txn).then().extract().asString();
        assertThat(txnOnPayments).contains("\"amount_refunded\":500");
        assertThat(awaitSame(legacy(user), "/api/v1/transactions/" + txn, txnOnPayments)).isEqualTo(txnOnPayments);
        assertThat(legacyTasksFor(refund)).as("legacy never processes a refund made here").isZero();
    }

    @Test
    void aPaymentOnPaymentsReadsTheSameOnLegacyAndIsNotEchoedBack() {
        String user = PaymentsClient.verifiedUser();
        String card = payments(user).body(Map.of("type", "card", "token", "tok_mastercard_4444"))
                .post("/api/v1/payment-methods").then().statusCode(201).extract().path("id");
        String txn = payments(user).body(PaymentsClient.charge(4_200, card)).post("/api/v1/transactions")
                .then().statusCode(201).extract().path("id");
        String onPayments = awaitBody(payments(user), "/api/v1/transactions/" + txn, "succeeded");
        long versionHere = version("payments.transactions", txn);

        assertThat(awaitSame(legacy(user), "/api/v1/transactions/" + txn, onPayments)).isEqualTo(onPayments);
        ChangeStream fromLegacy = streams.named(FROM_LEGACY);
        Awaitility.await().atMost(SYNCED_WITHIN).until(() -> fromLegacy.count(dev.cutover.sync.Outcome.ECHO) > 0);
        assertThat(version("payments.transactions", txn)).as("the echo changed nothing here").isEqualTo(versionHere);
        assertThat(legacyTasksFor(txn)).as("legacy never charges a payment made here").isZero();
    }

    @Test
    void changesMadeWhileTheStreamsAreStoppedArriveOnceAfterTheyStartAgain() {
        String user = verifiedOnLegacy();
        String card = legacyCard(user);
        legacyPaymentOnBoth(user, card, 100);

        streams.stop();
        String second = legacyCharge(user, card, 200);
        String secondOnLegacy = awaitBody(legacy(user), "/api/v1/transactions/" + second, "succeeded");
        payments(user).get("/api/v1/transactions/" + second).then().statusCode(404);
        streams.start();

        assertThat(awaitSame(payments(user), "/api/v1/transactions/" + second, secondOnLegacy)).isEqualTo(secondOnLegacy);
        assertThat(count("payments.transactions", "user_id", user)).isEqualTo(2);
        assertThat(version("payments.transactions", second)).isEqualTo(legacyVersion(second));
    }

    @Test
    void onceBothStreamsPassedAFenceEachSideHoldsWhatTheOtherHadCommittedBeforeIt() {
        String user = verifiedOnLegacy();
        String onLegacy = legacyCharge(user, legacyCard(user), 300);
        String newUser = PaymentsClient.verifiedUser();
        String newCard = payments(newUser).body(Map.of("type", "card", "token", "tok_visa_4242"))
                .post("/api/v1/payment-methods").then().statusCode(201).extract().path("id");
        String onNew = payments(newUser).body(PaymentsClient.charge(800, newCard)).post("/api/v1/transactions")
                .then().statusCode(201).extract().path("id");

        String fence = ops().post("/internal/v1/sync/fences").then().statusCode(201).extract().path("id");
        Awaitility.await().atMost(SYNCED_WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> passed(fence).values().stream()
                .allMatch(Boolean.TRUE::equals));

        // no waiting from here: what either side had committed before the fence is on the other
        payments(user).get("/api/v1/transactions/" + onLegacy).then().statusCode(200);
        legacy(newUser).get("/api/v1/transactions/" + onNew).then().statusCode(200);
        legacy(newUser).get("/api/v1/payment-methods").then().statusCode(200).body(org.hamcrest.Matchers.containsString(newCard));
    }

    @Test
    void aFenceIsNotPassedWhileItsStreamIsStoppedAndIsOnceItRunsAgain() {
        ChangeStream toLegacy = streams.named(TO_LEGACY);
        toLegacy.stop();
        try {
            String fence = ops().post("/internal/v1/sync/fences").then().statusCode(201).extract().path("id");
            Awaitility.await().atMost(SYNCED_WITHIN).until(() -> Boolean.TRUE.equals(passed(fence).get(FROM_LEGACY)));
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> Boolean.FALSE.equals(passed(fence).get(TO_LEGACY)));
            toLegacy.start();
            Awaitility.await().atMost(SYNCED_WITHIN).until(() -> Boolean.TRUE.equals(passed(fence).get(TO_LEGACY)));
        } finally {
            toLegacy.start();
        }
        RestAssured.given().port(port).auth().oauth2(TestTokens.user("usr_x")).post("/internal/v1/sync/fences")
                .then().statusCode(403);
    }

    private RequestSpecification ops() {
        return RestAssured.given().port(port).auth().oauth2(TestTokens.ops());
    }

    private Map<String, Object> passed(String fence) {
        return ops().get("/internal/v1/sync/fences/{id}", fence).then().statusCode(200).extract().jsonPath().getMap("passed");
    }

    @Test
    void reconciliationFindsBothSidesEqualAndNamesEveryRowThatIsNot() throws SQLException {
        String user = verifiedOnLegacy();
        String card = legacyCard(user);
        String txn = legacyPaymentOnBoth(user, card, 700);
        Awaitility.await().atMost(SYNCED_WITHIN).until(() -> reconciliation().getLong("mismatches") == 0);

        // changes the streams never see as new: written under the other side's name, as if they were echoes
        String stray = "pm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
        onLegacyAsIfSynced("UPDATE payments_transaction SET description = 'changed behind the sync' WHERE id = '" + txn + "'",
                "INSERT INTO payments_payment_method (id, user_id, type, brand, last4, exp_month, exp_year, vault_token,"
                        + " created_at, row_version) VALUES ('" + stray + "', '" + user + "', 'card', 'visa', '4242', 12, 2034,"
                        + " 'tok_visa_4242', now(), 1)");

        io.restassured.path.json.JsonPath report = reconciliation();
        assertThat(report.getLong("mismatches")).isEqualTo(2);
        assertThat(report.getList("resources.find { it.resource == 'transactions' }.listed", Map.class))
                .containsExactly(Map.of("id", txn, "kind", "different"));
        assertThat(report.getList("resources.find { it.resource == 'payment_methods' }.listed", Map.class))
                .containsExactly(Map.of("id", stray, "kind", "missing_on_new"));
        assertThat(report.getString("resources.find { it.resource == 'transactions' }.legacy.checksum"))
                .isNotEqualTo(report.getString("resources.find { it.resource == 'transactions' }.new.checksum"));

        onLegacyAsIfSynced("UPDATE payments_transaction SET description = NULL WHERE id = '" + txn + "'",
                "DELETE FROM payments_payment_method WHERE id = '" + stray + "'");
        assertThat(reconciliation().getLong("mismatches")).isZero();
        RestAssured.given().port(port).auth().oauth2(TestTokens.user(user)).get("/internal/v1/sync/reconciliation")
                .then().statusCode(403);
    }

    private io.restassured.path.json.JsonPath reconciliation() {
        return ops().get("/internal/v1/sync/reconciliation").then().statusCode(200).extract().jsonPath();
    }

    private static void onLegacyAsIfSynced(String... statements) throws SQLException {
        try (Connection connection = BothSides.LEGACY.database().connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL cutover.sync_origin = 'payments'");
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            connection.commit();
        }
    }

    // ─── the two sides ───

    private RequestSpecification payments(String user) {
        return RestAssured.given().port(port).auth().oauth2(TestTokens.user(user)).contentType(ContentType.JSON);
    }

    private static RequestSpecification legacy(String user) {
        return legacyAs(TestTokens.user(user));
    }

    private static RequestSpecification legacyAs(String token) {
        return RestAssured.given().baseUri(BothSides.LEGACY.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** A customer who signed up and passed KYC on legacy. */
    private static String verifiedOnLegacy() {
        String email = "u" + UUID.randomUUID().toString().replace("-", "") + "@example.com";
        String user = RestAssured.given().baseUri(BothSides.LEGACY.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "correct horse battery staple", "full_name", "Ada Lovelace",
                        "country", "GB", "date_of_birth", "1990-12-10"))
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
        Map<String, Object> passport = new LinkedHashMap<>();
        passport.put("document_type", "passport");
        passport.put("document_number", "P" + String.format("%08d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 100_000_000L)));
        passport.put("issuing_country", "GB");
        passport.put("expires_on", "2034-01-31");
        String record = legacy(user).body(passport).post("/api/v1/kyc-records").then().statusCode(201).extract().path("id");
        String verification = legacy(user).body(Map.of("kyc_record_id", record)).post("/api/v1/verifications")
                .then().statusCode(201).extract().path("id");
        legacyAs(TestTokens.ops()).body(Map.of("decision", "approved", "reason", "checked by the sync test"))
                .post("/api/v1/verifications/{id}/decision", verification).then().statusCode(200);
        return user;
    }

    private static String legacyCard(String user) {
        return legacy(user).body(Map.of("type", "card", "token", "tok_visa_4242"))
                .post("/api/v1/payment-methods").then().statusCode(201).extract().path("id");
    }

    /** A payment made and settled on legacy, once payments reads it the same; its id. */
    private String legacyPaymentOnBoth(String user, String card, long amount) {
        String txn = legacyCharge(user, card, amount);
        String settled = awaitBody(legacy(user), "/api/v1/transactions/" + txn, "succeeded");
        assertThat(awaitSame(payments(user), "/api/v1/transactions/" + txn, settled)).isEqualTo(settled);
        return txn;
    }

    private static String legacyCharge(String user, String card, long amount) {
        return legacy(user).body(PaymentsClient.charge(amount, card)).post("/api/v1/transactions")
                .then().statusCode(201).extract().path("id");
    }

    private static String awaitBody(RequestSpecification side, String path, String status) {
        return Awaitility.await().atMost(SYNCED_WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> side.get(path).then().extract().asString(), body -> body.contains("\"status\":\"" + status + "\""));
    }

    /** The body at {@code path} once it reads as {@code expected} (or the last one read). */
    private static String awaitSame(RequestSpecification side, String path, String expected) {
        try {
            return Awaitility.await().atMost(SYNCED_WITHIN).pollInterval(Duration.ofMillis(100))
                    .until(() -> side.get(path).then().extract().asString(), expected::equals);
        } catch (org.awaitility.core.ConditionTimeoutException late) {
            Response last = side.get(path);
            return last.statusCode() + " " + last.asString();
        }
    }

    private static long tasksFor(String id) {
        return scalar(BothSides.OWN, "SELECT count(*) FROM payments.scheduled_tasks WHERE task_instance LIKE '%" + id + "%'");
    }

    private static long legacyTasksFor(String id) {
        return scalar(BothSides.LEGACY.database(), "SELECT count(*) FROM payments_task WHERE subject_id = '" + id + "'");
    }

    private static long version(String table, String id) {
        return scalar(BothSides.OWN, "SELECT row_version FROM " + table + " WHERE id = '" + id + "'");
    }

    private static long legacyVersion(String id) {
        return scalar(BothSides.LEGACY.database(), "SELECT row_version FROM payments_transaction WHERE id = '" + id + "'");
    }

    private static long count(String table, String column, String value) {
        return scalar(BothSides.OWN, "SELECT count(*) FROM " + table + " WHERE " + column + " = '" + value + "'");
    }

    private static long scalar(TestDatabase database, String sql) {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
