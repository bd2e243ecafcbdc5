package dev.cutover.gateway.control;

import dev.cutover.contracts.http.CutoverHeaders;
import dev.cutover.gateway.support.GatewayInstance;
import dev.cutover.gateway.support.TestRedis;
import dev.cutover.gateway.support.Upstreams;
import dev.cutover.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.cutover.gateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two gateway replicas sharing one Redis (SPEC §5: a change is in force on every replica within 1 s). */
class ReplicasIT {

    private static final Duration WITHIN_ONE_SECOND = Duration.ofSeconds(1);
    private static final String[] ONE_PATH_PER_DOMAIN = {"/api/v1/refunds/re_1", "/api/v1/users/me", "/api/v1/entries/je_1"};

    private static final String PREFIX = TestRedis.newPrefix();
    private static Upstreams upstreams;
    private static GatewayInstance first;
    private static GatewayInstance second;

    @BeforeAll
    static void startReplicas() {
        upstreams = new Upstreams();
        Map<String, Object> settings = new LinkedHashMap<>(upstreams.environment());
        settings.put("REDIS_URL", TestRedis.url());
        settings.put("REDIS_KEY_PREFIX", PREFIX);
        first = GatewayInstance.start(settings);
        second = GatewayInstance.start(settings);
    }

    @AfterAll
    static void stopReplicas() {
        first.close();
        second.close();
        upstreams.close();
        TestRedis.deleteKeys(PREFIX);
    }

    @Test
    void aWeightSetOnOneReplicaIsInForceOnTheOtherWithinOneSecond() {
        setWeight(first, "payments", 0, "start from legacy").expectStatus().isOk().expectBody().returnResult();
        await().atMost(WITHIN_ONE_SECOND).untilAsserted(() -> assertThat(sideOf(second, "/api/v1/refunds/re_1")).isEqualTo("legacy"));

        setWeight(first, "payments", 100, "payments cut over").expectStatus().isOk().expectBody().returnResult();

        await().atMost(WITHIN_ONE_SECOND).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(sideOf(second, "/api/v1/refunds/re_1")).isEqualTo("new"));
        routing(second).jsonPath("$.domains[?(@.domain == 'payments')].source").isEqualTo("runtime")
                .jsonPath("$.domains[?(@.domain == 'payments')].runtime.reason").isEqualTo("payments cut over")
                .jsonPath("$.store").isEqualTo("redis");
    }

    @Test
    void theKillSwitchOnOneReplicaSendsEverythingToLegacyOnTheOtherWithinOneSecond() {
        for (String domain : List.of("payments", "identity", "ledger")) {
            setWeight(second, domain, 100, "all in").expectStatus().isOk().expectBody().returnResult();
        }
        await().atMost(WITHIN_ONE_SECOND).untilAsserted(() -> {
            for (String path : ONE_PATH_PER_DOMAIN) {
                assertThat(sideOf(first, path)).isEqualTo("new");
            }
        });

        first.client().post().uri("/ops/v1/routing/kill-switch").headers(h -> h.setBearerAuth(TestTokens.ops()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "incident 4711"))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.domains[*].source").value(sources -> assertThat(sources.toString()).isEqualTo("[\"kill_switch\",\"kill_switch\",\"kill_switch\"]"));

        await().atMost(WITHIN_ONE_SECOND).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            for (String path : ONE_PATH_PER_DOMAIN) {
                assertThat(sideOf(second, path)).isEqualTo("legacy");
            }
        });
        audit(second).jsonPath("$.data[0].action").isEqualTo("kill_switch")
                .jsonPath("$.data[0].reason").isEqualTo("incident 4711")
                .jsonPath("$.data[0].from").isEqualTo(100)
                .jsonPath("$.data[0].to").isEqualTo(0);
    }

    @Test
    void aRestartedReplicaKeepsTheWeights() {
        setWeight(first, "ledger", 37, "before restart").expectStatus().isOk().expectBody().returnResult();

        second = second.restart();

        routing(second).jsonPath("$.domains[?(@.domain == 'ledger')].weight").isEqualTo(37)
                .jsonPath("$.domains[?(@.domain == 'ledger')].source").isEqualTo("runtime")
                .jsonPath("$.domains[?(@.domain == 'ledger')].runtime.reason").isEqualTo("before restart");
        second.management().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody().returnResult();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"weight\": -1, \"reason\": \"x\"}", "{\"weight\": 101, \"reason\": \"x\"}",
            "{\"weight\": \"abc\", \"reason\": \"x\"}"})
    void invalidWeightsAre400AndChangeNothingOnAnyReplica(String body) {
        setWeight(first, "identity", 20, "baseline").expectStatus().isOk().expectBody().returnResult();
        String auditBefore = auditBody(first);

        assertProblem(first.client().put().uri("/ops/v1/routing/identity").headers(h -> h.setBearerAuth(TestTokens.ops()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange(), 400, "validation_failed");
        assertProblem(first.client().put().uri("/ops/v1/routing/wallets").headers(h -> h.setBearerAuth(TestTokens.ops()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"weight\": 10, \"reason\": \"x\"}").exchange(),
                400, "validation_failed");

        for (GatewayInstance replica : List.of(first, second)) {
            routing(replica).jsonPath("$.domains[?(@.domain == 'identity')].weight").isEqualTo(20);
        }
        assertThat(auditBody(first)).isEqualTo(auditBefore);
    }

    @Test
    void theAuditLogListsEachChangeOnEveryReplica() {
        setWeight(first, "identity", 5, "first step").expectStatus().isOk().expectBody().returnResult();
        setWeight(second, "identity", 15, "second step").expectStatus().isOk().expectBody().returnResult();

        for (GatewayInstance replica : List.of(first, second)) {
            audit(replica)
                    .jsonPath("$.data[0].domain").isEqualTo("identity")
                    .jsonPath("$.data[0].from").isEqualTo(5)
                    .jsonPath("$.data[0].to").isEqualTo(15)
                    .jsonPath("$.data[0].reason").isEqualTo("second step")
                    .jsonPath("$.data[0].actor").isEqualTo("ops-console")
                    .jsonPath("$.data[0].at").isNotEmpty()
                    .jsonPath("$.data[0].request_id").isNotEmpty()
                    .jsonPath("$.data[1].to").isEqualTo(5)
                    .jsonPath("$.data[1].reason").isEqualTo("first step");
        }
    }

    @Test
    void aUserTokenGets403OnTheControlApi() {
        assertProblem(first.client().put().uri("/ops/v1/routing/payments").headers(h -> h.setBearerAuth(TestTokens.user("usr_1")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"weight\": 100, \"reason\": \"mine\"}").exchange(),
                403, "forbidden");
    }

    @Test
    void everythingTheGatewayKeepsInRedisIsUnderItsPrefix() {
        setWeight(first, "payments", 1, "prefix check").expectStatus().isOk().expectBody().returnResult();

        assertThat(TestRedis.keys(PREFIX)).contains(PREFIX + "weights", PREFIX + "audit");
    }

    private static WebTestClient.ResponseSpec setWeight(GatewayInstance replica, String domain, int weight, String reason) {
        return replica.client().put().uri("/ops/v1/routing/" + domain).headers(h -> h.setBearerAuth(TestTokens.ops()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("weight", weight, "reason", reason))
                .exchange();
    }

    private static String sideOf(GatewayInstance replica, String path) {
        return replica.client().get().uri(path).headers(h -> h.setBearerAuth(TestTokens.user("usr_replica")))
                .exchange().expectStatus().isOk().expectBody().returnResult()
                .getResponseHeaders().getFirst(CutoverHeaders.UPSTREAM);
    }

    private static WebTestClient.BodyContentSpec routing(GatewayInstance replica) {
        return replica.client().get().uri("/ops/v1/routing").headers(h -> h.setBearerAuth(TestTokens.ops()))
                .exchange().expectStatus().isOk().expectBody();
    }

    private static WebTestClient.BodyContentSpec audit(GatewayInstance replica) {
        return replica.client().get().uri("/ops/v1/routing/audit").headers(h -> h.setBearerAuth(TestTokens.ops()))
                .exchange().expectStatus().isOk().expectBody();
    }

    private static String auditBody(GatewayInstance replica) {
        return new String(audit(replica).returnResult().getResponseBodyContent());
    }
}
