package dev.cutover.gateway.resilience;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.cutover.contracts.http.CutoverHeaders;
import dev.cutover.gateway.support.GatewayInstance;
import dev.cutover.gateway.support.Upstreams;
import dev.cutover.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.cutover.gateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every domain at weight 100, so every request is meant for a new service. Payments' new service refuses
 * connections; ledger's and identity's are WireMock servers each test makes misbehave.
 */
class FallbackIT {

    private static final int IDENTITY_BREAKER_CALLS = 4;

    private static Upstreams upstreams;
    private static GatewayInstance gateway;

    @BeforeAll
    static void startGateway() throws IOException {
        upstreams = new Upstreams();
        Map<String, Object> settings = new LinkedHashMap<>(upstreams.environment());
        settings.put("PAYMENTS_UPSTREAM", "http://127.0.0.1:" + closedPort());
        settings.put("TRAFFIC_SPLIT_PAYMENTS", 100);
        settings.put("TRAFFIC_SPLIT_IDENTITY", 100);
        settings.put("TRAFFIC_SPLIT_LEDGER", 100);
        settings.put("UPSTREAM_RESPONSE_TIMEOUT", "1s");
        // a breaker that opens quickly for identity; the others keep the defaults
        settings.put("resilience4j.circuitbreaker.instances.identity.sliding-window-size", IDENTITY_BREAKER_CALLS);
        settings.put("resilience4j.circuitbreaker.instances.identity.minimum-number-of-calls", IDENTITY_BREAKER_CALLS);
        settings.put("resilience4j.circuitbreaker.instances.identity.wait-duration-in-open-state", "60s");
        // many connection-refused calls to payments must not open its breaker mid-test: both paths fall back anyway
        gateway = GatewayInstance.start(settings);
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
        upstreams.close();
    }

    @BeforeEach
    void resetUpstreams() {
        upstreams.resetAll();
    }

    @Test
    void aGetForANewServiceThatRefusesConnectionsIsServedByLegacy() {
        gateway.client().get().uri("/api/v1/transactions/txn_1").headers(h -> h.setBearerAuth(TestTokens.user("usr_1")))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(CutoverHeaders.UPSTREAM, "legacy")
                .expectBody().jsonPath("$.upstream").isEqualTo("legacy");
    }

    @Test
    void aPostForANewServiceThatRefusesConnectionsIs503AndNeverReachesLegacy() {
        var response = gateway.client().post().uri("/api/v1/transactions").headers(h -> h.setBearerAuth(TestTokens.user("usr_1")))
                .header(CutoverHeaders.IDEMPOTENCY_KEY, "key-1")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"amount\": 1999, \"currency\": \"EUR\"}")
                .exchange();

        assertProblem(response, 503, "dependency_unavailable");
        response.expectHeader().exists(HttpHeaders.RETRY_AFTER);
        assertThat(upstreams.legacy.received()).as("a write is served only by its caller's side").isEmpty();
    }

    @Test
    void aPostTheNewServiceTimesOutOnIs504AndLegacyNeverSeesIt() {
        upstreams.ledger.stub(post(anyUrl()).willReturn(aResponse().withStatus(201).withFixedDelay(2_500)));

        var response = gateway.client().post().uri("/api/v1/entries").headers(h -> h.setBearerAuth(TestTokens.service()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reference\": \"txn_1\"}")
                .exchange();

        response.expectHeader().valueEquals(CutoverHeaders.UPSTREAM, "new");
        assertProblem(response, 504, "gateway_timeout");
        assertThat(upstreams.ledger.received(postRequestedFor(urlEqualTo("/api/v1/entries")))).hasSize(1);
        assertThat(upstreams.legacy.received()).isEmpty();
    }

    @Test
    void aPostTheNewServiceAnswers500ToReachesTheClientAndLegacyNeverSeesIt() {
        upstreams.ledger.stub(post(anyUrl()).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":500,\"code\":\"internal_error\"}")));

        gateway.client().post().uri("/api/v1/entries").headers(h -> h.setBearerAuth(TestTokens.service()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reference\": \"txn_2\"}")
                .exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().valueEquals(CutoverHeaders.UPSTREAM, "new")
                .expectBody().jsonPath("$.code").isEqualTo("internal_error");

        assertThat(upstreams.ledger.received(postRequestedFor(urlEqualTo("/api/v1/entries")))).hasSize(1);
        assertThat(upstreams.legacy.received()).isEmpty();
    }

    @Test
    void aPostWhoseConnectionBreaksAfterSendingIs502AndLegacyNeverSeesIt() {
        upstreams.ledger.stub(post(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertProblem(gateway.client().post().uri("/api/v1/entries").headers(h -> h.setBearerAuth(TestTokens.service()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reference\": \"txn_3\"}")
                .exchange(), 502, "bad_gateway");

        assertThat(upstreams.legacy.received()).isEmpty();
    }

    @Test
    void onceANewServicesBreakerIsOpenReadsGoToLegacyAndWritesAre503WithoutEitherSideBeingTried() {
        upstreams.identity.stub(get(anyUrl()).willReturn(aResponse().withStatus(503)));
        String token = TestTokens.user("usr_1");
        for (int i = 0; i < IDENTITY_BREAKER_CALLS; i++) {
            gateway.client().get().uri("/api/v1/users/me").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isEqualTo(503).expectBody().returnResult();
        }
        int triedBefore = upstreams.identity.received().size();

        gateway.client().get().uri("/api/v1/users/me").headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(CutoverHeaders.UPSTREAM, "legacy")
                .expectBody().jsonPath("$.upstream").isEqualTo("legacy");
        var write = gateway.client().post().uri("/api/v1/kyc-records").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"document_type\": \"passport\"}")
                .exchange();

        assertProblem(write, 503, "dependency_unavailable");
        write.expectHeader().exists(HttpHeaders.RETRY_AFTER);
        assertThat(upstreams.identity.received()).hasSize(triedBefore);
        assertThat(upstreams.legacy.received(postRequestedFor(urlEqualTo("/api/v1/kyc-records")))).isEmpty();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
