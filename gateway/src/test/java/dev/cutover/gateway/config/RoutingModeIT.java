package dev.cutover.gateway.config;

import dev.cutover.contracts.http.CutoverHeaders;
import dev.cutover.gateway.support.GatewayInstance;
import dev.cutover.gateway.support.Upstreams;
import dev.cutover.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** ROUTING_MODE overrides the weights; values that make no sense stop the gateway before it serves anything. */
class RoutingModeIT {

    private static final String[] ONE_PATH_PER_DOMAIN = {"/api/v1/transactions", "/api/v1/users/me", "/api/v1/balances/acc_1"};

    private static Upstreams upstreams;

    @BeforeAll
    static void startUpstreams() {
        upstreams = new Upstreams();
    }

    @AfterAll
    static void stopUpstreams() {
        upstreams.close();
    }

    @Test
    void legacyOnlySendsEveryDomainToLegacyWhateverTheWeights() {
        try (GatewayInstance gateway = GatewayInstance.start(settings("legacy_only", 100))) {
            for (String path : ONE_PATH_PER_DOMAIN) {
                gateway.client().get().uri(path).headers(h -> h.setBearerAuth(TestTokens.user("usr_1"))).exchange()
                        .expectStatus().isOk().expectBody().jsonPath("$.upstream").isEqualTo("legacy");
            }
            gateway.client().get().uri("/ops/v1/routing").headers(h -> h.setBearerAuth(TestTokens.ops())).exchange()
                    .expectBody()
                    .jsonPath("$.routing_mode").isEqualTo("legacy_only")
                    .jsonPath("$.routing_mode_source").isEqualTo("environment")
                    .jsonPath("$.domains[*].source").value(sources -> assertThat(sources.toString()).doesNotContain("runtime", "environment"))
                    .jsonPath("$.domains[*].weight").value(weights -> assertThat(weights.toString()).isEqualTo("[0,0,0]"));
        }
    }

    @Test
    void newOnlySendsEveryDomainToItsNewServiceWhateverTheWeightsAndTheHeaderCanBeTurnedOff() {
        Map<String, Object> settings = settings("new_only", 0);
        settings.put("UPSTREAM_HEADER_ENABLED", false);
        try (GatewayInstance gateway = GatewayInstance.start(settings)) {
            String[] services = {"payments", "identity", "ledger"};
            for (int i = 0; i < ONE_PATH_PER_DOMAIN.length; i++) {
                gateway.client().get().uri(ONE_PATH_PER_DOMAIN[i]).headers(h -> h.setBearerAuth(TestTokens.user("usr_1")))
                        .exchange()
                        .expectStatus().isOk()
                        .expectHeader().doesNotExist(CutoverHeaders.UPSTREAM)
                        .expectBody().jsonPath("$.upstream").isEqualTo(services[i]);
            }
        }
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"TRAFFIC_SPLIT_PAYMENTS, abc", "ROUTING_MODE, sideways", "LEGACY_UPSTREAM, not-a-url"})
    void anInvalidEnvironmentValueStopsStartupWithAMessageNamingTheVariable(String variable, String value) {
        Map<String, Object> settings = settings("gradual_migration", 0);
        settings.put(variable, value);

        Throwable failure = catchThrowable(() -> GatewayInstance.start(settings));

        assertThat(failure).isNotNull();
        Throwable root = failure;
        while (!(root instanceof InvalidGatewayConfiguration) && root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(root).isInstanceOf(InvalidGatewayConfiguration.class);
        assertThat(root.getMessage()).contains(variable).contains(value);
    }

    private static Map<String, Object> settings(String mode, int weight) {
        Map<String, Object> settings = new LinkedHashMap<>(upstreams.environment());
        settings.put("ROUTING_MODE", mode);
        settings.put("TRAFFIC_SPLIT_PAYMENTS", weight);
        settings.put("TRAFFIC_SPLIT_IDENTITY", weight);
        settings.put("TRAFFIC_SPLIT_LEDGER", weight);
        return settings;
    }
}
