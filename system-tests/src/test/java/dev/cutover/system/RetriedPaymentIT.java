package dev.cutover.system;

import dev.cutover.contracts.http.CutoverHeaders;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sequence that once charged a customer twice (SPEC §5 amended, ADR 62): a payment made on the new side with an
 * idempotency key, payments stopped, and the client's retry with the same key. The retry must never reach the
 * monolith, which has never seen the key: it is 503 with Retry-After while payments is down, and once payments is back
 * it answers the original payment.
 */
class RetriedPaymentIT {

    final Suite suite = Suite.get();
    final Api api = new Api(suite);

    @AfterEach
    void paymentsRuns() {
        suite.startPaymentsAgain();
    }

    @Test
    void aRetryWhilePaymentsIsDownIs503AndOnceItIsBackAnswersTheOriginalPayment() throws SQLException {
        Api.User user = api.signUp();
        api.verify(user);
        String key = "retry-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("amount", 4_321, "currency", "USD", "payment_method_id", "pm_test_visa_4242");
        Response created = pay(user, key, body);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.header("X-Upstream")).isEqualTo("new");
        String id = created.path("id");

        suite.stopPayments();
        for (int attempt = 0; attempt < 3; attempt++) {
            Response retry = pay(user, key, body);
            assertThat(retry.statusCode()).as("retry %d while payments is down", attempt).isEqualTo(503);
            assertThat(retry.jsonPath().getString("code")).isEqualTo("dependency_unavailable");
            assertThat(retry.header("Retry-After")).isNotBlank();
            assertThat(retry.header("X-Upstream")).isNotEqualTo("legacy");
        }
        assertThat(transactionsOnLegacy(user.id())).as("the monolith never took the payment").isZero();

        suite.startPaymentsAgain();
        Response replayed = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> pay(user, key, body), response -> response.statusCode() != 503);
        assertThat(replayed.statusCode()).isEqualTo(201);
        assertThat(replayed.<String>path("id")).as("the original payment").isEqualTo(id);
        assertThat(replayed.header(CutoverHeaders.IDEMPOTENT_REPLAYED)).isEqualTo("true");
        assertThat(api.as(user.token()).get("/api/v1/transactions").then().statusCode(200).extract().<java.util.List<String>>path("data.id"))
                .as("exactly one transaction").containsExactly(id);
        assertThat(transactionsOnLegacy(user.id())).isZero();
    }

    private Response pay(Api.User user, String key, Map<String, Object> body) {
        return api.as(user.token()).header(CutoverHeaders.IDEMPOTENCY_KEY, key).body(body).post("/api/v1/transactions");
    }

    private long transactionsOnLegacy(String userId) throws SQLException {
        try (Connection connection = suite.legacy().database().connect();
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM payments_transaction WHERE user_id = ?")) {
            count.setString(1, userId);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
