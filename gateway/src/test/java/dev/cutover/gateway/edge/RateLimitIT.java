package dev.cutover.gateway.edge;

import dev.cutover.gateway.support.GatewayInstance;
import dev.cutover.gateway.support.TestRedis;
import dev.cutover.gateway.support.Upstreams;
import dev.cutover.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.cutover.gateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Per-caller token buckets in Redis, shared by every replica. */
class RateLimitIT {

    private static final int BURST = 3;
    private static final String PREFIX = TestRedis.newPrefix();

    private static Upstreams upstreams;
    private static GatewayInstance gateway;

    @BeforeAll
    static void startGateway() {
        upstreams = new Upstreams();
        Map<String, Object> settings = new LinkedHashMap<>(upstreams.environment());
        settings.put("REDIS_URL", TestRedis.url());
        settings.put("REDIS_KEY_PREFIX", PREFIX);
        settings.put("RATE_LIMIT_PER_SECOND", "0.5");
        settings.put("RATE_LIMIT_BURST", BURST);
        gateway = GatewayInstance.start(settings);
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
        upstreams.close();
        TestRedis.deleteKeys(PREFIX);
    }

    @BeforeEach
    void resetUpstreams() {
        upstreams.resetAll();
    }

    @Test
    void aCallerOverItsBurstGets429RateLimitedWithRetryAfterAndOthersAreUnaffected() {
        String greedy = TestTokens.user("usr_greedy");
        for (int i = 0; i < BURST; i++) {
            gateway.client().get().uri("/api/v1/transactions").headers(h -> h.setBearerAuth(greedy))
                    .exchange().expectStatus().isOk().expectBody().returnResult();
        }

        var limited = gateway.client().get().uri("/api/v1/transactions").headers(h -> h.setBearerAuth(greedy)).exchange();

        limited.expectHeader().value(HttpHeaders.RETRY_AFTER, value -> assertThat(Integer.parseInt(value)).isBetween(1, 2));
        assertProblem(limited, 429, "rate_limited");
        assertThat(upstreams.legacy.received()).hasSize(BURST);
        gateway.client().get().uri("/api/v1/transactions").headers(h -> h.setBearerAuth(TestTokens.user("usr_patient")))
                .exchange().expectStatus().isOk().expectBody().returnResult();
        assertThat(TestRedis.keys(PREFIX)).contains(PREFIX + "ratelimit:sub:usr_greedy");
    }

    @Test
    void anonymousCallersAreLimitedByAddressNotByTheClientIdTheyChoose() {
        int allowed = 0;
        for (int i = 0; i < BURST + 2; i++) {
            int status = gateway.client().post().uri("/api/v1/auth/token")
                    .header("X-Client-Id", "fresh-client-" + i)
                    .exchange().expectBody().returnResult().getStatus().value();
            if (status == 200) {
                allowed++;
            }
        }

        assertThat(allowed).isEqualTo(BURST);
    }
}
