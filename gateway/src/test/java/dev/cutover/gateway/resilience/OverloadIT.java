package dev.cutover.gateway.resilience;

import dev.cutover.gateway.support.GatewayInstance;
import dev.cutover.gateway.support.Upstreams;
import dev.cutover.testsupport.Concurrently;
import dev.cutover.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * New payments past its capacity under a closed loop of creates (SPEC §5 amended, ADR 62): it sheds with 503 +
 * Retry-After as its in-flight limit does, the gateway's breaker opens on those, and still no create ever reaches the
 * monolith, which does not hold these callers' data.
 */
class OverloadIT {

    private static final int CLIENTS = 32;
    private static final Duration LOOP = Duration.ofSeconds(4);

    private static Upstreams upstreams;
    private static GatewayInstance gateway;

    @BeforeAll
    static void startGateway() {
        upstreams = new Upstreams();
        Map<String, Object> settings = new LinkedHashMap<>(upstreams.environment());
        settings.put("TRAFFIC_SPLIT_PAYMENTS", 100);
        settings.put("resilience4j.circuitbreaker.instances.payments.sliding-window-size", 20);
        settings.put("resilience4j.circuitbreaker.instances.payments.minimum-number-of-calls", 20);
        settings.put("resilience4j.circuitbreaker.instances.payments.wait-duration-in-open-state", "500ms");
        gateway = GatewayInstance.start(settings);
        // two callers in three are shed at once; the third is served slowly, as a saturated service serves
        upstreams.payments.stub(post(urlEqualTo("/api/v1/transactions")).atPriority(5)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"txn_1\", \"status\": \"pending\"}").withFixedDelay(40)));
        upstreams.payments.stub(post(urlEqualTo("/api/v1/transactions")).atPriority(1)
                .withHeader("X-Test-Load", equalTo("shed"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\": \"https://cutover.dev/problems/dependency-unavailable\", \"title\": \"Service unavailable\","
                                + " \"status\": 503, \"code\": \"dependency_unavailable\"}")));
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
        upstreams.close();
    }

    @Test
    void aClosedLoopOfCreatesPastPaymentsCapacityNeverReachesLegacy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long until = System.nanoTime() + LOOP.toNanos();
        List<Map<Integer, Integer>> byClient = Concurrently.run(CLIENTS, client -> () -> {
            Map<Integer, Integer> statuses = new TreeMap<>();
            String token = TestTokens.user("usr_load_" + client);
            int sent = 0;
            while (System.nanoTime() < until) {
                HttpRequest create = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/api/v1/transactions"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .header("X-Test-Load", sent++ % 3 == 0 ? "served" : "shed")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"amount\": 100, \"currency\": \"USD\", \"payment_method_id\": \"pm_test_visa_4242\"}"))
                        .build();
                statuses.merge(http.send(create, HttpResponse.BodyHandlers.discarding()).statusCode(), 1, Integer::sum);
            }
            return statuses;
        });

        Map<Integer, Integer> statuses = new TreeMap<>();
        byClient.forEach(client -> client.forEach((status, count) -> statuses.merge(status, count, Integer::sum)));
        int answered = statuses.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(statuses.keySet()).as("every create is served or refused for a retry: %s", statuses).containsOnly(201, 503);
        assertThat(upstreams.payments.received(postRequestedFor(anyUrl())).size())
                .as("the open breaker answered some creates without trying payments").isLessThan(answered);
        assertThat(upstreams.legacy.received(postRequestedFor(anyUrl()))).as("creates that reached legacy").isEmpty();
    }
}
