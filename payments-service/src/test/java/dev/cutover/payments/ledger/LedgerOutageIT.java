package dev.cutover.payments.ledger;

import dev.cutover.payments.PaymentsApplication;
import dev.cutover.payments.support.IdentityStub;
import dev.cutover.payments.support.LedgerPeer;
import dev.cutover.payments.support.PaymentsClient;
import dev.cutover.kit.json.StrictJson;
import dev.cutover.testsupport.Concurrently;
import dev.cutover.testsupport.LoadClient;
import dev.cutover.testsupport.JwksServer;
import dev.cutover.testsupport.TestDatabase;
import dev.cutover.testsupport.TestTokens;
import io.restassured.RestAssured;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger is down — first refusing connections, then answering 503 — while 200 transactions and some
 * refunds succeed; the payments service is stopped and started again in between; once the ledger is back,
 * it holds exactly one entry per succeeded transaction and refund, and the merchant settlement balance is
 * Σ succeeded − Σ refunded, per currency.
 *
 * <p>This test runs its own payments application on its own schema and with its own service identity,
 * so the ledger accounts it posts to are its alone.
 */
class LedgerOutageIT {

    private static final String SCHEMA = "payments_outage_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String SERVICE = "payments-outage-" + UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> CURRENCIES = List.of("USD", "EUR", "JPY");

    private ConfigurableApplicationContext payments;

    @AfterEach
    void stop() {
        if (payments != null) {
            payments.close();
        }
        LedgerPeer.recover();
        IdentityStub.reset();
    }

    @Test
    void everySucceededChargeAndRefundIsPostedExactlyOnceDespiteOutageAndRestart() {
        IdentityStub.server().stubFor(post(urlPathEqualTo("/api/v1/auth/token")).atPriority(0)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(SERVICE))
                .willReturn(okJson("{\"access_token\": \"%s\", \"token_type\": \"Bearer\", \"expires_in\": 900}"
                        .formatted(TestTokens.mint(SERVICE, dev.cutover.contracts.auth.Scope.SERVICE)))));
        LedgerPeer.refuseConnections();
        payments = startPayments();
        LoadClient load = new LoadClient(port(payments));
        String user = PaymentsClient.verifiedUser();
        String token = TestTokens.user(user);

        List<String> charged = Concurrently.run(200, 16, i -> () -> {
            String body = "{\"amount\": %d, \"currency\": \"%s\", \"payment_method_id\": \"%s\"}".formatted(1_000 + i,
                    CURRENCIES.get(i % CURRENCIES.size()), i % 10 == 0 ? "pm_test_card_declined" : "pm_test_visa_4242");
            HttpResponse<String> response = load.postJson("/api/v1/transactions", token, body);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            return StrictJson.mapper().readTree(response.body()).get("id").asString();
        });
        JdbcClient own = ownSchema();
        awaitNothingPending(own, "transactions");
        List<String> succeeded = own.sql("SELECT id FROM " + SCHEMA + ".transactions WHERE status = 'succeeded' ORDER BY id")
                .query(String.class).list();
        assertThat(succeeded).hasSize(180);
        List<String> refunds = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> response = load.postJson("/api/v1/refunds", token,
                    "{\"transaction_id\": \"%s\", \"amount\": %d}".formatted(succeeded.get(i), 100 + i));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            refunds.add(StrictJson.mapper().readTree(response.body()).get("id").asString());
        }
        awaitNothingPending(own, "refunds");

        LedgerPeer.answerUnavailable();
        payments.close();
        payments = startPayments();

        LedgerPeer.recover();
        JdbcClient ledger = LedgerPeer.ledgerDatabase();
        List<String> references = new ArrayList<>(succeeded);
        references.addAll(refunds);
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                ledger.sql("SELECT count(DISTINCT reference) FROM ledger.journal_entries WHERE reference IN (:refs)")
                        .param("refs", references).query(Long.class).single() == references.size());

        assertThat(ledger.sql("SELECT count(*) FROM ledger.journal_entries WHERE reference IN (:refs)")
                .param("refs", references).query(Long.class).single()).as("no duplicate postings").isEqualTo(references.size());
        assertThat(ledger.sql("SELECT count(*) FROM ledger.journal_entries WHERE reference IN (:refs)")
                .param("refs", charged.stream().filter(id -> !succeeded.contains(id)).toList()).query(Long.class).single())
                .as("declined charges post nothing").isZero();

        for (String currency : CURRENCIES) {
            long charges = own.sql("SELECT coalesce(sum(amount), 0) FROM " + SCHEMA + ".transactions WHERE status = 'succeeded' AND currency = :c")
                    .param("c", currency).query(Long.class).single();
            long refunded = own.sql("SELECT coalesce(sum(amount), 0) FROM " + SCHEMA + ".refunds WHERE status = 'succeeded' AND currency = :c")
                    .param("c", currency).query(Long.class).single();
            String settlement = own.sql("SELECT account_id FROM " + SCHEMA + ".ledger_accounts WHERE currency = :c AND role = 'merchant_settlement'")
                    .param("c", currency).query(String.class).single();
            long balance = ((Number) RestAssured.given().port(LedgerPeer.ledgerPort()).auth().oauth2(TestTokens.ops())
                    .get("/api/v1/balances/{id}", settlement).then().statusCode(200).extract().path("balance")).longValue();
            assertThat(balance).as("merchant settlement in %s", currency).isEqualTo(charges - refunded);
        }
        assertThat(RestAssured.given().port(LedgerPeer.ledgerPort()).auth().oauth2(TestTokens.ops())
                .get("/api/v1/ledger/integrity").then().statusCode(200).extract().<Boolean>path("ok")).isTrue();
    }

    private static JdbcClient ownSchema() {
        TestDatabase db = TestDatabase.get();
        return JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password()));
    }

    private static void awaitNothingPending(JdbcClient own, String table) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                own.sql("SELECT count(*) FROM " + SCHEMA + "." + table + " WHERE status = 'pending'").query(Long.class).single() == 0);
    }

    private static ConfigurableApplicationContext startPayments() {
        TestDatabase db = TestDatabase.get();
        Map<String, String> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", db.jdbcUrl());
        properties.put("spring.datasource.username", db.username());
        properties.put("spring.datasource.password", db.password());
        properties.put("spring.datasource.hikari.schema", SCHEMA);
        properties.put("spring.flyway.schemas", SCHEMA);
        properties.put("spring.flyway.default-schema", SCHEMA);
        properties.put("spring.jpa.properties.hibernate.default_schema", SCHEMA);
        properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", JwksServer.uri());
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestTokens.ISSUER);
        properties.put("cutover.payments.test-mode", "true");
        properties.put("cutover.payments.identity.base-url", IdentityStub.baseUrl());
        properties.put("cutover.payments.service-client.token-uri", IdentityStub.baseUrl() + "/api/v1/auth/token");
        properties.put("cutover.payments.service-client.client-id", SERVICE);
        properties.put("cutover.payments.service-client.client-secret", "test-secret");
        properties.put("cutover.payments.ledger.base-url", LedgerPeer.frontUrl());
        properties.put("cutover.payments.ledger.connect-timeout", "300ms");
        properties.put("cutover.payments.tasks.polling-interval", "200ms");
        properties.put("cutover.payments.tasks.retry-initial", "100ms");
        properties.put("cutover.payments.tasks.retry-max", "4s");
        properties.put("resilience4j.circuitbreaker.instances.ledger.wait-duration-in-open-state", "500ms");
        properties.put("resilience4j.timelimiter.instances.identity.timeout-duration", "3s");
        return PaymentsApplication.application().run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
