package dev.cutover.gateway.control;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.cutover.contracts.http.CutoverHeaders;
import dev.cutover.gateway.support.GatewayInstance;
import dev.cutover.gateway.support.Upstreams;
import dev.cutover.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.cutover.gateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The ops control API on a gateway without Redis: weights in this replica's memory plus configuration. */
class ControlApiIT {

    private static Upstreams upstreams;
    private static GatewayInstance gateway;

    @BeforeAll
    static void startGateway() {
        upstreams = new Upstreams();
        Map<String, Object> settings = new java.util.LinkedHashMap<>(upstreams.environment());
        settings.put("TRAFFIC_SPLIT_PAYMENTS", 10);
        gateway = GatewayInstance.start(settings);
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
        upstreams.close();
    }

    @Test
    void opsReadEveryWeightWithWhereItCameFrom() {
        ops().get().uri("/ops/v1/routing").headers(h -> h.setBearerAuth(TestTokens.ops())).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.routing_mode").isEqualTo("gradual_migration")
                .jsonPath("$.store").isEqualTo("memory")
                .jsonPath("$.domains[?(@.domain == 'identity')].source").isEqualTo("configuration")
                .jsonPath("$.domains[?(@.domain == 'identity')].weight").isEqualTo(0)
                .jsonPath("$.domains[?(@.domain == 'payments')].configured_source").isEqualTo("environment");
    }

    @Test
    void theRoutingViewShowsPaymentsChangeStreamsAskedWithTheOpsCallersToken() {
        upstreams.payments.stub(WireMock.get("/internal/v1/sync")
                .willReturn(okJson("""
                        {"streams": {"legacy-to-payments": {"state": "streaming", "lag_ms": 87, "applied": 12},
                                     "payments-to-legacy": {"state": "failed", "last_error": "PSQLException [08006]: ..."}}}""")));
        String token = TestTokens.ops();
        ops().get().uri("/ops/v1/routing").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.sync.payments['legacy-to-payments'].state").isEqualTo("streaming")
                .jsonPath("$.sync.payments['legacy-to-payments'].lag_ms").isEqualTo(87)
                .jsonPath("$.sync.payments['payments-to-legacy'].last_error").isEqualTo("PSQLException [08006]: ...");
        assertThat(upstreams.payments.received(getRequestedFor(urlEqualTo("/internal/v1/sync"))))
                .isNotEmpty().allSatisfy(request -> assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + token));
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeLeavesTheRestOfTheRoutingViewAsItIs() {
        upstreams.payments.stub(WireMock.get("/internal/v1/sync")
                .willReturn(okJson("{\"streams\": {}}").withFixedDelay(3_000)));
        ops().get().uri("/ops/v1/routing").headers(h -> h.setBearerAuth(TestTokens.ops())).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.domains[?(@.domain == 'identity')].weight").isEqualTo(0)
                .jsonPath("$.sync.payments.status").isEqualTo("unavailable");
        upstreams.payments.stub(WireMock.get("/internal/v1/sync")
                .willReturn(notFound()));
        ops().get().uri("/ops/v1/routing").headers(h -> h.setBearerAuth(TestTokens.ops())).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.sync.payments.status").isEqualTo("off");
    }

    @Test
    void aWeightSetByOpsIsInForceAtOnceAndAudited() {
        setWeight("ledger", 100, "ledger cut-over window").expectStatus().isOk()
                .expectBody()
                .jsonPath("$.domains[?(@.domain == 'ledger')].weight").isEqualTo(100)
                .jsonPath("$.domains[?(@.domain == 'ledger')].source").isEqualTo("runtime")
                .jsonPath("$.domains[?(@.domain == 'ledger')].runtime.changed_by").isEqualTo("ops-console")
                .jsonPath("$.domains[?(@.domain == 'ledger')].runtime.reason").isEqualTo("ledger cut-over window");

        gateway.client().get().uri("/api/v1/accounts/acc_1").headers(h -> h.setBearerAuth(TestTokens.user("usr_1")))
                .exchange().expectHeader().valueEquals(CutoverHeaders.UPSTREAM, "new").expectBody().returnResult();
        ops().get().uri("/ops/v1/routing/audit?limit=100").headers(h -> h.setBearerAuth(TestTokens.ops())).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.data[?(@.domain == 'ledger' && @.to == 100)].actor").isEqualTo("ops-console")
                .jsonPath("$.data[?(@.domain == 'ledger' && @.to == 100)].reason").isEqualTo("ledger cut-over window")
                .jsonPath("$.data[?(@.domain == 'ledger' && @.to == 100)].action").isEqualTo("set_weight")
                .jsonPath("$.data[?(@.domain == 'ledger' && @.to == 100)].at").isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"weight\": -1, \"reason\": \"x\"}", "{\"weight\": 101, \"reason\": \"x\"}",
            "{\"weight\": \"abc\", \"reason\": \"x\"}", "{\"weight\": 50}", "{\"weight\": 50, \"reason\": \"x\", \"extra\": 1}",
            "not json"})
    void invalidChangesAre400AndChangeNothing(String body) {
        String before = routing();
        int auditBefore = auditSize();

        assertProblem(ops().put().uri("/ops/v1/routing/identity").headers(h -> h.setBearerAuth(TestTokens.ops()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange(), 400, "validation_failed");

        assertThat(routingWithoutSyncTime()).isEqualTo(withoutSyncTime(before));
        assertThat(auditSize()).isEqualTo(auditBefore);
    }

    @Test
    void anInvalidWeightNamesTheField() {
        ops().put().uri("/ops/v1/routing/identity").headers(h -> h.setBearerAuth(TestTokens.ops()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"weight\": \"abc\", \"reason\": \"x\"}")
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("weight")
                .jsonPath("$.errors[0].message").isNotEmpty();
    }

    @Test
    void anUnknownDomainIs400() {
        assertProblem(setWeight("wallets", 10, "x"), 400, "validation_failed");
    }

    @Test
    void aUserTokenIs403OnEveryControlCall() {
        String user = TestTokens.user("usr_1");
        assertProblem(ops().get().uri("/ops/v1/routing").headers(h -> h.setBearerAuth(user)).exchange(), 403, "forbidden");
        assertProblem(ops().get().uri("/ops/v1/routing/audit").headers(h -> h.setBearerAuth(user)).exchange(), 403, "forbidden");
        assertProblem(ops().post().uri("/ops/v1/routing/kill-switch").headers(h -> h.setBearerAuth(user))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\": \"x\"}").exchange(), 403, "forbidden");
    }

    private static WebTestClient ops() {
        return gateway.client();
    }

    private static WebTestClient.ResponseSpec setWeight(String domain, int weight, String reason) {
        return ops().put().uri("/ops/v1/routing/" + domain).headers(h -> h.setBearerAuth(TestTokens.ops()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("weight", weight, "reason", reason))
                .exchange();
    }

    private static String routing() {
        return ops().get().uri("/ops/v1/routing").headers(h -> h.setBearerAuth(TestTokens.ops())).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    private static String routingWithoutSyncTime() {
        return withoutSyncTime(routing());
    }

    private static String withoutSyncTime(String routing) {
        return routing.replaceAll("\"synced_at\":\"[^\"]*\"", "");
    }

    private static int auditSize() {
        String body = ops().get().uri("/ops/v1/routing/audit?limit=100").headers(h -> h.setBearerAuth(TestTokens.ops()))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return body.split("\"actor\"", -1).length - 1;
    }
}
