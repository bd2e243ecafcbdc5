package dev.cutover.legacy;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The stand-in answers in the public API's shape, so a gateway can route to it as it would to the monolith. */
class LegacyStandInTest {

    static WireMockServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = LegacyStandIn.start(0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
    }

    @Test
    void aTransactionIsCreatedPendingWithTheRequestedAmountInSnakeCase() throws Exception {
        HttpResponse<String> response = send(at("/api/v1/transactions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\": 1250, \"currency\": \"USD\", \"payment_method_id\": \"pm_test_visa_4242\"}")));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).contains("\"amount\": 1250").contains("\"status\": \"pending\"").contains("\"amount_refunded\": 0")
                .containsPattern("\"id\": \"txn_legacy[0-9]{20}\"").containsPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(response.headers().firstValue("X-Served-By")).hasValue("legacy");
    }

    @Test
    void anUnknownPathIsAProblem() throws Exception {
        HttpResponse<String> response = send(at("/api/v1/nothing"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"code\": \"not_found\"");
    }

    @Test
    void aTransactionIsReadBackByItsId() throws Exception {
        HttpResponse<String> response = send(at("/api/v1/transactions/txn_legacy123"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"id\": \"txn_legacy123\"");
    }
}
