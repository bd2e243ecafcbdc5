package dev.cutover.gateway.edge;

import dev.cutover.contracts.auth.Scope;
import dev.cutover.gateway.support.GatewayInstance;
import dev.cutover.gateway.support.SharedGateway;
import dev.cutover.gateway.support.Upstreams;
import dev.cutover.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

import java.util.Arrays;

import static dev.cutover.gateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** What every request meets before an upstream sees it: tokens, body limit, actuator access, metrics. */
class EdgeIT {

    private static final int MIB = 1024 * 1024;

    private static GatewayInstance gateway;
    private static Upstreams upstreams;

    @BeforeAll
    static void startGateway() {
        gateway = SharedGateway.gateway();
        upstreams = SharedGateway.upstreams();
    }

    @BeforeEach
    void resetUpstreams() {
        upstreams.resetAll();
    }

    @Test
    void aMissingTokenIs401WithABearerChallengeAndNoUpstreamIsTouched() {
        var response = gateway.client().get().uri("/api/v1/transactions").exchange();

        response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        assertProblem(response, 401, "unauthorized");
        assertThat(upstreams.totalReceived()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"forged", "expired", "foreign-issuer", "garbage"})
    void anInvalidTokenIs401AndNoUpstreamIsTouched(String kind) {
        String token = switch (kind) {
            case "forged" -> TestTokens.forged("usr_1", Scope.USER);
            case "expired" -> TestTokens.expired("usr_1", Scope.USER);
            case "foreign-issuer" -> TestTokens.foreignIssuer("usr_1", Scope.USER);
            default -> "not-a-jwt";
        };

        var response = gateway.client().post().uri("/api/v1/transactions")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"amount\": 100}")
                .exchange();

        response.expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).startsWith("Bearer"));
        assertProblem(response, 401, "unauthorized");
        assertThat(upstreams.totalReceived()).isZero();
    }

    @Test
    void aBodyDeclaredOverOneMebibyteIs413BeforeAnyUpstreamIsTouched() {
        var response = gateway.client().post().uri("/api/v1/transactions")
                .headers(h -> h.setBearerAuth(TestTokens.user("usr_1")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new byte[2 * MIB])
                .exchange();

        assertProblem(response, 413, "payload_too_large");
        assertThat(upstreams.totalReceived()).isZero();
    }

    @Test
    void aStreamedBodyOverOneMebibyteIsCutOffWith413() {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        Flux<DataBuffer> twoMebibytesChunked = Flux.range(0, 32).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(chunk));

        var response = gateway.client().post().uri("/api/v1/payment-methods")
                .headers(h -> h.setBearerAuth(TestTokens.user("usr_1")))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(twoMebibytesChunked, DataBuffer.class)
                .exchange();

        assertProblem(response, 413, "payload_too_large");
        assertThat(upstreams.payments.received()).allSatisfy(request -> assertThat(request.getBody().length).isLessThan(2 * MIB));
    }

    @Test
    void aBodyOfExactlyOneMebibytePasses() {
        gateway.client().post().uri("/api/v1/payment-methods")
                .headers(h -> h.setBearerAuth(TestTokens.user("usr_1")))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[MIB])
                .exchange()
                .expectStatus().isOk().expectBody().returnResult();

        assertThat(upstreams.payments.received()).singleElement()
                .satisfies(request -> assertThat(request.getBody()).hasSize(MIB));
    }

    @Test
    void healthAndPrometheusArePublicOnTheManagementPort() {
        gateway.management().get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        gateway.management().get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        gateway.management().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).contains("cutover_gateway_weight_percent{", "domain=\"identity\"",
                        "resilience4j_circuitbreaker_state{", "name=\"payments\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/env", "/actuator/gateway/routes", "/actuator/metrics", "/actuator/circuitbreakers",
            "/actuator", "/actuator/configprops"})
    void everyOtherActuatorEndpointNeedsAnOpsToken(String path) {
        assertProblem(gateway.management().get().uri(path).exchange(), 401, "unauthorized");
        assertProblem(gateway.management().get().uri(path).headers(h -> h.setBearerAuth(TestTokens.user("usr_1")))
                .exchange(), 403, "forbidden");
    }

    @Test
    void opsSeeMetricsAndUpstreamHealthButEnvAndTheGatewayEndpointAreNotExposedAtAll() {
        String ops = TestTokens.ops();
        gateway.management().get().uri("/actuator/metrics/cutover.gateway.weight").headers(h -> h.setBearerAuth(ops))
                .exchange().expectStatus().isOk().expectBody().returnResult();
        gateway.management().get().uri("/actuator/health/upstreams").headers(h -> h.setBearerAuth(ops))
                .exchange().expectBody()
                .jsonPath("$.components.legacy.details.circuit_breaker").isEqualTo("CLOSED")
                .jsonPath("$.components.payments.details.reachable").isEqualTo(true);
        gateway.management().get().uri("/actuator/env").headers(h -> h.setBearerAuth(ops))
                .exchange().expectStatus().isNotFound().expectBody().returnResult();
        gateway.management().get().uri("/actuator/gateway/routes").headers(h -> h.setBearerAuth(ops))
                .exchange().expectStatus().isNotFound().expectBody().returnResult();
    }

    @Test
    void requestsAreCountedPerDomainSideAndStatus() {
        gateway.client().get().uri("/api/v1/refunds/re_1").headers(h -> h.setBearerAuth(TestTokens.user("usr_1")))
                .exchange().expectStatus().isOk().expectBody().returnResult();
        gateway.client().get().uri("/api/v1/accounts/acc_1").exchange().expectStatus().isUnauthorized().expectBody().returnResult();

        gateway.management().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body.lines().filter(line -> line.startsWith("cutover_gateway_requests_seconds_count")))
                        .anySatisfy(line -> assertThat(line).contains("domain=\"payments\"", "side=\"new\"", "status=\"200\""))
                        .anySatisfy(line -> assertThat(line).contains("domain=\"ledger\"", "side=\"none\"", "status=\"401\"")));
    }

    @Test
    void theControlApiNeedsAnOpsToken() {
        assertProblem(gateway.client().get().uri("/ops/v1/routing").exchange(), 401, "unauthorized");
        assertProblem(gateway.client().get().uri("/ops/v1/routing").headers(h -> h.setBearerAuth(TestTokens.user("usr_1")))
                .exchange(), 403, "forbidden");
        assertProblem(gateway.client().put().uri("/ops/v1/routing/payments")
                .headers(h -> h.setBearerAuth(TestTokens.service()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"weight\": 0, \"reason\": \"x\"}")
                .exchange(), 403, "forbidden");
    }
}
