package dev.cutover.system;

import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Identity goes down: payments refuses payments quickly with 503, and takes them again once identity is back. */
class IdentityOutageIT {

    final Suite suite = Suite.get();
    final Api api = new Api(suite);

    @AfterEach
    void identityRuns() {
        suite.startIdentityAgain();
    }

    @Test
    void paymentsAnswers503FastWhileIdentityIsDownAndRecoversWhenItIsBack() {
        Api.User user = api.signUp();
        api.verify(user);
        api.pay(user, 100, "pm_test_visa_4242").then().statusCode(201);

        suite.stopIdentity();
        Response first = api.pay(user, 100, "pm_test_visa_4242");
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.jsonPath().getString("code")).isEqualTo("dependency_unavailable");
        assertThat(first.header("Retry-After")).isNotBlank();
        for (int i = 0; i < 6; i++) {
            api.pay(user, 100, "pm_test_visa_4242").then().statusCode(503);
        }
        long started = System.nanoTime();
        Response whileDown = api.pay(user, 100, "pm_test_visa_4242");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(whileDown.statusCode()).isEqualTo(503);
        assertThat(took).as("answered by the open breaker").isLessThan(Duration.ofMillis(500));

        suite.startIdentityAgain();
        Response recovered = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.pay(user, 100, "pm_test_visa_4242"), response -> response.statusCode() == 201);
        api.awaitTransaction(user, recovered.jsonPath().getString("id"), "succeeded");
        // the breaker closes after its half-open trial calls succeed; from then on every payment goes through
        for (int i = 0; i < 3; i++) {
            api.pay(user, 100, "pm_test_visa_4242").then().statusCode(201);
        }
    }
}
