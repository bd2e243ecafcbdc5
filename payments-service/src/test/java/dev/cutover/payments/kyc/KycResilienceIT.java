package dev.cutover.payments.kyc;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.cutover.payments.support.IdentityStub;
import dev.cutover.payments.support.PaymentsClient;
import dev.cutover.payments.support.PaymentsIntegrationTest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static dev.cutover.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * identity slow, failing or resetting connections: payments answers 503 with Retry-After and stores
 * nothing; the breaker opens and then answers without calling identity; it closes by itself once
 * identity is healthy again.
 */
@PaymentsIntegrationTest
class KycResilienceIT {

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    TimeLimiterRegistry timeLimiters;

    @Autowired
    JdbcClient jdbc;

    PaymentsClient payments;
    String user;
    CircuitBreaker breaker;
    TimeLimiter configuredLimiter;
    final List<CircuitBreaker.State> transitions = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        payments = new PaymentsClient(port);
        user = PaymentsClient.verifiedUser();
        breaker = breakers.circuitBreaker("identity");
        breaker.reset();
        breaker.getEventPublisher().onStateTransition(event -> transitions.add(event.getStateTransition().getToState()));
        configuredLimiter = timeLimiters.timeLimiter("identity");
        // A tight limit here so "slow" is quick to provoke; the suite's default tolerates a cold JVM.
        timeLimiters.replace("identity", TimeLimiter.of("identity",
                TimeLimiterConfig.custom().timeoutDuration(Duration.ofMillis(300)).cancelRunningFuture(true).build()));
        // warm the path so that the first measured call is not a cold start
        payments.createTransaction(user, PaymentsClient.charge(1, "pm_test_visa_4242")).then().statusCode(201);
    }

    @AfterEach
    void restore() {
        timeLimiters.replace("identity", configuredLimiter);
        IdentityStub.reset();
        breaker.reset();
    }

    private void identityAnswers(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        IdentityStub.server().stubFor(WireMock.get(urlMatching("/internal/v1/users/.*")).atPriority(0).willReturn(response));
    }

    private long transactionsOf(String userId) {
        return jdbc.sql("SELECT count(*) FROM transactions WHERE user_id = :user").param("user", userId).query(Long.class).single();
    }

    private Response attempt() {
        return payments.createTransaction(user, PaymentsClient.charge(700, "pm_test_visa_4242"));
    }

    @Test
    void identityBeyondTheTimeLimitIs503AndStoresNothing() {
        identityAnswers(aResponse().withFixedDelay(1_500).withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"kyc_status\": \"verified\"}"));
        long before = transactionsOf(user);

        long started = System.nanoTime();
        Response response = attempt();

        assertProblem(response, 503, "dependency_unavailable", null);
        assertThat(response.header("Retry-After")).isNotBlank();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_400));
        assertThat(transactionsOf(user)).isEqualTo(before);
    }

    @Test
    void identityAnswering5xxIs503AndStoresNothing() {
        identityAnswers(aResponse().withStatus(502));
        long before = transactionsOf(user);

        assertProblem(attempt(), 503, "dependency_unavailable", null);
        assertThat(transactionsOf(user)).isEqualTo(before);
    }

    @Test
    void identityResettingConnectionsIs503AndStoresNothing() {
        identityAnswers(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        long before = transactionsOf(user);

        assertProblem(attempt(), 503, "dependency_unavailable", null);
        assertThat(transactionsOf(user)).isEqualTo(before);
    }

    @Test
    void theBreakerOpensAnswersFastWithoutCallingIdentityAndClosesByItselfOnRecovery() {
        identityAnswers(aResponse().withStatus(500));
        for (int i = 0; i < 6 && breaker.getState() != CircuitBreaker.State.OPEN; i++) {
            assertProblem(attempt(), 503, "dependency_unavailable", null);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        int callsBefore = IdentityStub.kycCalls();
        long started = System.nanoTime();
        Response whileOpen = attempt();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertProblem(whileOpen, 503, "dependency_unavailable", null);
        assertThat(whileOpen.header("Retry-After")).isNotBlank();
        assertThat(IdentityStub.kycCalls()).as("identity was not called while the breaker is open").isEqualTo(callsBefore);
        assertThat(took).isLessThan(Duration.ofMillis(250));

        IdentityStub.reset();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> breaker.getState() == CircuitBreaker.State.HALF_OPEN);
        for (int i = 0; i < 3; i++) {
            attempt().then().statusCode(201);
        }

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(transitions).containsSubsequence(CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN, CircuitBreaker.State.CLOSED);
    }

    @Test
    void anUnverifiedUserIsRefusedWithKycRequired() {
        String unverified = "usr_unverified" + System.nanoTime();
        String pending = "usr_pending" + System.nanoTime();

        assertProblem(payments.createTransaction(unverified, PaymentsClient.charge(10, "pm_test_visa_4242")), 403, "kyc_required", null);
        assertProblem(payments.createTransaction(pending, PaymentsClient.charge(10, "pm_test_visa_4242")), 403, "kyc_required", null);
        assertThat(transactionsOf(unverified)).isZero();
    }
}
