package dev.cutover.payments.transaction;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.cutover.payments.support.IdentityStub;
import dev.cutover.payments.support.PaymentsClient;
import dev.cutover.payments.support.PaymentsIntegrationTest;
import dev.cutover.kit.json.StrictJson;
import dev.cutover.testsupport.Concurrently;
import dev.cutover.testsupport.LoadClient;
import dev.cutover.testsupport.TestTokens;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.cutover.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Creating a transaction is idempotent per caller and key, also under 100 concurrent requests. */
@PaymentsIntegrationTest
class TransactionIdempotencyIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CircuitBreakerRegistry breakers;

    PaymentsClient payments;
    String user;

    @BeforeEach
    void verifiedUser() {
        payments = new PaymentsClient(port);
        user = PaymentsClient.verifiedUser();
    }

    @AfterEach
    void identityBackToNormal() {
        IdentityStub.reset();
        breakers.circuitBreaker("identity").reset();
    }

    private long transactionsOf(String userId) {
        return jdbc.sql("SELECT count(*) FROM transactions WHERE user_id = :user").param("user", userId).query(Long.class).single();
    }

    @Test
    void aHundredConcurrentCreatesWithOneKeyMakeOneTransaction() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = PaymentsClient.charge(2_000, "pm_test_visa_4242");

        LoadClient load = new LoadClient(port);
        String token = TestTokens.user(user);
        String json = StrictJson.mapper().writeValueAsString(body);

        List<HttpResponse<String>> responses = Concurrently.run(100, 50, i ->
                () -> load.postJson("/api/v1/transactions", token, json, Map.of("Idempotency-Key", key)));

        assertThat(transactionsOf(user)).isEqualTo(1);
        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isIn(201, 409));
        assertThat(responses).filteredOn(r -> r.statusCode() == 409)
                .allSatisfy(r -> assertThat(r.body()).contains("\"code\":\"idempotency_key_in_use\""));
        List<HttpResponse<String>> created = responses.stream().filter(r -> r.statusCode() == 201).toList();
        assertThat(created).isNotEmpty();
        assertThat(created.stream().map(r -> StrictJson.mapper().readTree(r.body()).get("id").asString()).distinct()).hasSize(1);
        assertThat(created.stream().filter(r -> r.headers().firstValue("Idempotent-Replayed").isEmpty())).hasSize(1);
    }

    @Test
    void theKeyMayComeInTheLegacyBodyFieldAndReplaysTheSame() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = new java.util.HashMap<>(PaymentsClient.charge(300, "pm_test_visa_4242"));
        body.put("idempotency_key", key);

        Response first = payments.as(user).body(body).post("/api/v1/transactions");
        Response viaHeader = payments.as(user).header("Idempotency-Key", key).body(PaymentsClient.charge(300, "pm_test_visa_4242"))
                .post("/api/v1/transactions");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(viaHeader.statusCode()).isEqualTo(201);
        assertThat(viaHeader.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(viaHeader.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
    }

    @Test
    void headerAndBodyKeysThatDifferAreRefused() {
        Map<String, Object> body = new java.util.HashMap<>(PaymentsClient.charge(300, "pm_test_visa_4242"));
        body.put("idempotency_key", "one");

        assertProblem(payments.as(user).header("Idempotency-Key", "two").body(body).post("/api/v1/transactions"),
                400, "validation_failed", "idempotency_key");
        assertThat(transactionsOf(user)).isZero();
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String key = UUID.randomUUID().toString();
        payments.as(user).header("Idempotency-Key", key).body(PaymentsClient.charge(100, "pm_test_visa_4242"))
                .post("/api/v1/transactions").then().statusCode(201);

        assertProblem(payments.as(user).header("Idempotency-Key", key).body(PaymentsClient.charge(101, "pm_test_visa_4242"))
                .post("/api/v1/transactions"), 422, "idempotency_key_reused", null);
        assertThat(transactionsOf(user)).isEqualTo(1);
    }

    @Test
    void aRequestThatFailedValidationLeavesTheKeyFree() {
        String key = UUID.randomUUID().toString();
        assertProblem(payments.as(user).header("Idempotency-Key", key).body(PaymentsClient.charge(0, "pm_test_visa_4242"))
                .post("/api/v1/transactions"), 400, "validation_failed", "amount");
        assertProblem(payments.as(user).header("Idempotency-Key", key).body(PaymentsClient.charge(10, "pm_nobody"))
                .post("/api/v1/transactions"), 404, "not_found", "payment_method_id");

        assertThat(payments.as(user).header("Idempotency-Key", key).body(PaymentsClient.charge(10, "pm_test_visa_4242"))
                .post("/api/v1/transactions").statusCode()).isEqualTo(201);
    }

    @Test
    void aRequestThatGot503LeavesTheKeyFree() {
        String key = UUID.randomUUID().toString();
        IdentityStub.server().stubFor(WireMock.get(WireMock.urlMatching("/internal/v1/users/.*")).atPriority(0)
                .willReturn(WireMock.aResponse().withStatus(500)));

        Response unavailable = payments.as(user).header("Idempotency-Key", key).body(PaymentsClient.charge(10, "pm_test_visa_4242"))
                .post("/api/v1/transactions");
        assertProblem(unavailable, 503, "dependency_unavailable", null);
        assertThat(transactionsOf(user)).isZero();

        IdentityStub.reset();
        assertThat(payments.as(user).header("Idempotency-Key", key).body(PaymentsClient.charge(10, "pm_test_visa_4242"))
                .post("/api/v1/transactions").statusCode()).isEqualTo(201);
    }

    @Test
    void keysAreScopedPerUser() {
        String key = UUID.randomUUID().toString();
        String other = PaymentsClient.verifiedUser();
        Map<String, Object> body = PaymentsClient.charge(10, "pm_test_visa_4242");

        String mine = payments.as(user).header("Idempotency-Key", key).body(body).post("/api/v1/transactions").then().statusCode(201)
                .extract().path("id");
        String theirs = payments.as(other).header("Idempotency-Key", key).body(body).post("/api/v1/transactions").then().statusCode(201)
                .extract().path("id");

        assertThat(theirs).isNotEqualTo(mine);
    }
}
