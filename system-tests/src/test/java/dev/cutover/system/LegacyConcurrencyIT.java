package dev.cutover.system;

import dev.cutover.testsupport.Concurrently;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monolith's money guarantees under real concurrency: many clients at once against gunicorn (several worker
 * processes, several threads each), its own database counted afterwards.
 */
class LegacyConcurrencyIT {

    static Suite suite;
    static Api api;
    static Api.User customer;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void customer() {
        suite = Suite.get();
        api = new Api(suite.legacy().baseUrl());
        customer = api.signUp();
        api.verify(customer);
    }

    @Test
    void aHundredConcurrentCreatesWithOneIdempotencyKeyMakeOneTransaction() throws SQLException {
        String key = "k-" + UUID.randomUUID();
        String body = "{\"amount\": 4200, \"currency\": \"EUR\", \"payment_method_id\": \"pm_test_visa_4242\"}";

        List<HttpResponse<String>> answers = Concurrently.run(100, i -> () -> post("/api/v1/transactions", body, key));

        Map<Integer, Long> statuses = count(answers, HttpResponse::statusCode);
        assertThat(statuses.keySet()).as("statuses %s", statuses).isSubsetOf(201, 409);
        List<String> ids = answers.stream().filter(a -> a.statusCode() == 201).map(a -> JsonPath.from(a.body()).getString("id"))
                .distinct().toList();
        assertThat(ids).singleElement();
        assertThat(answers.stream().filter(a -> a.statusCode() == 409).map(a -> JsonPath.from(a.body()).getString("code")))
                .allMatch("idempotency_key_in_use"::equals);
        assertThat(rows("SELECT count(*) FROM payments_transaction WHERE user_id = ? AND amount = 4200", customer.id()))
                .isEqualTo(1);
    }

    @Test
    void fiftyConcurrentRefundsOfThirtyPercentRefundNoMoreThanTheAmount() throws SQLException {
        String transaction = api.pay(customer, 10_000, "pm_test_visa_4242").then().statusCode(201).extract().path("id");
        api.awaitTransaction(customer, transaction, "succeeded");
        String body = "{\"transaction_id\": \"" + transaction + "\", \"amount\": 3000}";

        List<HttpResponse<String>> answers = Concurrently.run(50, i -> () -> post("/api/v1/refunds", body, null));

        Map<Integer, Long> statuses = count(answers, HttpResponse::statusCode);
        assertThat(statuses).as("three of 30 %% fit in the amount, a fourth would not").isEqualTo(Map.of(201, 3L, 409, 47L));
        assertThat(answers.stream().filter(a -> a.statusCode() == 409).map(a -> JsonPath.from(a.body()).getString("code")))
                .allMatch("refund_exceeds_amount"::equals);
        assertThat(rows("SELECT count(*) FROM payments_refund WHERE transaction_id = ?", transaction)).isEqualTo(3);
        assertThat(rows("SELECT coalesce(sum(amount), 0) FROM payments_refund WHERE transaction_id = ? AND status <> 'failed'",
                transaction)).isLessThanOrEqualTo(10_000);
    }

    private static HttpResponse<String> post(String path, String body, String idempotencyKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.legacy().baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + customer.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <K> Map<K, Long> count(List<HttpResponse<String>> answers, Function<HttpResponse<String>, K> key) {
        return answers.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    private static long rows(String sql, String parameter) throws SQLException {
        try (Connection legacy = suite.legacy().database().connect(); PreparedStatement statement = legacy.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
