package dev.cutover.gateway.hold;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.cutover.gateway.support.GatewayInstance;
import dev.cutover.gateway.support.Upstreams;
import dev.cutover.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hold of a moved caller's request after a weight change (ADR 67), against WireMock services: the gateway raises a
 * fence at the moved domain's service with its own service token, and serves the moved caller once the stream into
 * the caller's new side has passed it — or answers 503 + Retry-After after 2 s.
 */
class ReadYourWritesHoldIT {

    private static final String READ = "/api/v1/transactions/txn_held";

    private static Upstreams upstreams;
    private static GatewayInstance gateway;

    @BeforeAll
    static void startGateway() {
        upstreams = new Upstreams();
        Map<String, Object> settings = new java.util.LinkedHashMap<>(upstreams.environment());
        settings.put("TRAFFIC_SPLIT_PAYMENTS", 0);
        settings.put("GATEWAY_SERVICE_CLIENT_SECRET", "test-gateway-secret");
        settings.put("HOLD_MAX", "2s");
        gateway = GatewayInstance.start(settings);
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
        upstreams.close();
    }

    @BeforeEach
    void freshUpstreams() {
        setPaymentsWeight(0, "start on legacy");
        upstreams.resetAll();
        upstreams.identity.stub(WireMock.post("/api/v1/auth/token")
                .willReturn(okJson("{\"access_token\":\"gateway-service-token\",\"token_type\":\"Bearer\",\"expires_in\":900}")));
        upstreams.payments.stub(WireMock.get(READ).willReturn(okJson("{\"id\":\"txn_held\"}")));
        upstreams.legacy.stub(WireMock.get(READ).willReturn(okJson("{\"id\":\"txn_held\"}")));
    }

    @Test
    void aMovedCallersReadWaitsUntilTheStreamIntoItsNewSideHasPassedTheFence() {
        fenceRaised("fen_1");
        setPaymentsWeight(100, "move everyone to new");

        long started = System.nanoTime();
        CompletableFuture<EntityExchangeResult<byte[]>> read = CompletableFuture.supplyAsync(this::read);
        sleep(600);
        assertThat(read).as("held while the stream into new has not passed the fence").isNotDone();
        fenceAnswers("fen_1", true);

        EntityExchangeResult<byte[]> served = read.join();
        long waited = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertThat(served.getStatus().value()).as(body(served)).isEqualTo(200);
        assertThat(served.getResponseHeaders().getFirst("X-Upstream")).isEqualTo("new");
        assertThat(waited).isBetween(600L, 2_000L);
        assertThat(upstreams.payments.received(postRequestedFor(urlEqualTo("/internal/v1/sync/fences"))
                .withHeader("Authorization", WireMock.equalTo("Bearer gateway-service-token")))).hasSize(1);

        // the fence is passed: the next requests go straight on, and ask nothing more
        int asked = upstreams.payments.received(getRequestedFor(urlEqualTo("/internal/v1/sync/fences/fen_1"))).size();
        long again = System.nanoTime();
        assertThat(read().getStatus().value()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - again).toMillis()).isLessThan(500);
        assertThat(upstreams.payments.received(getRequestedFor(urlEqualTo("/internal/v1/sync/fences/fen_1")))).hasSize(asked);
    }

    @Test
    void aFenceThatIsNotPassedWithinTwoSecondsIs503WithRetryAfterAndNothingReachesTheService() {
        fenceRaised("fen_2");
        setPaymentsWeight(100, "move everyone to new, the sync behind");

        long started = System.nanoTime();
        EntityExchangeResult<byte[]> refused = read();
        long waited = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertThat(refused.getStatus().value()).isEqualTo(503);
        assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(new String(refused.getResponseBody())).contains("\"code\":\"dependency_unavailable\"");
        assertThat(waited).as(body(refused)).isBetween(1_900L, 3_500L);
        assertThat(upstreams.payments.received(getRequestedFor(urlEqualTo(READ)))).isEmpty();
        assertThat(upstreams.legacy.received(getRequestedFor(urlEqualTo(READ)))).isEmpty();
    }

    @Test
    void aDomainWhoseServiceDoesNotSyncHoldsNobody() {
        upstreams.payments.stub(WireMock.post("/internal/v1/sync/fences").willReturn(aResponse().withStatus(404)));
        setPaymentsWeight(100, "move everyone to new, whose service runs without the sync");

        long started = System.nanoTime();
        EntityExchangeResult<byte[]> served = read();
        assertThat(served.getStatus().value()).as(body(served)).isEqualTo(200);
        assertThat(served.getResponseHeaders().getFirst("X-Upstream")).isEqualTo("new");
        assertThat(Duration.ofNanos(System.nanoTime() - started).toMillis()).isLessThan(1_000);
    }

    private EntityExchangeResult<byte[]> read() {
        return gateway.client().mutate().responseTimeout(Duration.ofSeconds(10)).build()
                .get().uri(READ).headers(h -> h.setBearerAuth(TestTokens.user("usr_moved")))
                .exchange().expectBody().returnResult();
    }

    private static String body(EntityExchangeResult<byte[]> result) {
        return result.getResponseBody() == null ? "" : new String(result.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Payments answers the gateway's fence with {@code fence}, which no stream has passed yet. */
    private static void fenceRaised(String fence) {
        upstreams.payments.stub(WireMock.post("/internal/v1/sync/fences").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"" + fence + "\",\"passed\":{}}")));
        fenceAnswers(fence, false);
    }

    private static void fenceAnswers(String fence, boolean passedIntoNew) {
        upstreams.payments.stub(WireMock.get("/internal/v1/sync/fences/" + fence).willReturn(okJson(
                "{\"id\":\"" + fence + "\",\"passed\":{\"legacy-to-payments\":" + passedIntoNew + ",\"payments-to-legacy\":true}}")));
    }

    private static void setPaymentsWeight(int weight, String reason) {
        gateway.client().put().uri("/ops/v1/routing/payments").headers(h -> h.setBearerAuth(TestTokens.ops()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("weight", weight, "reason", reason))
                .exchange().expectStatus().isOk();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
