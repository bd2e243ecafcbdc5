package dev.cutover.payments.refund;

import com.github.kagkarlsson.scheduler.Scheduler;
import dev.cutover.payments.support.LedgerPeer;
import dev.cutover.payments.support.PaymentsClient;
import dev.cutover.payments.support.PaymentsIntegrationTest;
import dev.cutover.kit.json.StrictJson;
import dev.cutover.testsupport.Concurrently;
import dev.cutover.testsupport.LoadClient;
import dev.cutover.testsupport.TestTokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.cutover.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@PaymentsIntegrationTest
class RefundsIT {

    @LocalServerPort
    int port;

    @Autowired
    Scheduler scheduler;

    PaymentsClient payments;
    String user;

    @BeforeEach
    void verifiedUser() {
        payments = new PaymentsClient(port);
        user = PaymentsClient.verifiedUser();
    }

    private Response refund(String transactionId, Long amount) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("transaction_id", transactionId);
        if (amount != null) {
            body.put("amount", amount);
        }
        return payments.as(user).body(body).post("/api/v1/refunds");
    }

    @Test
    void fiftyConcurrentRefundsOfThirtyPercentRefundAtMostTheAmount() {
        String transaction = payments.settledTransaction(user, 10_000, "pm_test_visa_4242").getString("id");

        LoadClient load = new LoadClient(port);
        String token = TestTokens.user(user);
        String json = "{\"transaction_id\": \"" + transaction + "\", \"amount\": 3000}";

        List<HttpResponse<String>> responses = Concurrently.run(50, 25, i -> () -> load.postJson("/api/v1/refunds", token, json));

        assertThat(responses.stream().filter(r -> r.statusCode() == 201)).hasSize(3);
        assertThat(responses).filteredOn(r -> r.statusCode() != 201).allSatisfy(r -> {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
            assertThat(r.body()).contains("\"code\":\"refund_exceeds_amount\"");
        });
        for (HttpResponse<String> created : responses.stream().filter(r -> r.statusCode() == 201).toList()) {
            String id = StrictJson.mapper().readTree(created.body()).get("id").asString();
            assertThat(payments.awaitRefundSettled(user, id).getString("status")).isEqualTo("succeeded");
        }
        assertThat(payments.as(user).get("/api/v1/transactions/{id}", transaction).then().extract().<Integer>path("amount_refunded"))
                .isEqualTo(9_000);
    }

    @Test
    void aRefundWithoutAmountRefundsWhatIsLeftAndItsEntryReversesTheCharge() {
        String transaction = payments.settledTransaction(user, 2_500, "pm_test_visa_4242").getString("id");
        refund(transaction, 1_000L).then().statusCode(201);

        JsonPath rest = refund(transaction, null).then().statusCode(201).extract().jsonPath();

        assertThat(rest.getLong("amount")).isEqualTo(1_500);
        assertThat(rest.getString("currency")).isEqualTo("USD");
        assertThat(rest.getString("status")).isEqualTo("pending");
        String refundId = rest.getString("id");
        assertThat(payments.awaitRefundSettled(user, refundId).getString("status")).isEqualTo("succeeded");
        List<LedgerPeer.PostedLine> lines = Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> LedgerPeer.postedUnder(refundId), posted -> !posted.isEmpty());
        assertThat(lines).extracting(LedgerPeer.PostedLine::direction).containsExactly("credit", "debit");
        assertProblem(refund(transaction, null), 409, "refund_exceeds_amount", null);
    }

    @Test
    void aFailedTransactionIsNotRefundable() {
        String declined = payments.settledTransaction(user, 500, "pm_test_card_declined").getString("id");

        assertProblem(refund(declined, 100L), 409, "transaction_not_refundable", null);
    }

    @Test
    void aPendingTransactionIsNotRefundable() {
        scheduler.pause();
        try {
            String pending = payments.createTransaction(user, PaymentsClient.charge(500, "pm_test_visa_4242"))
                    .then().statusCode(201).extract().path("id");

            assertProblem(refund(pending, 100L), 409, "transaction_not_refundable", null);
        } finally {
            scheduler.resume();
        }
    }

    @Test
    void opsMayRefundAnyTransaction() {
        String transaction = payments.settledTransaction(user, 800, "pm_test_visa_4242").getString("id");

        assertThat(payments.asOps().body(Map.of("transaction_id", transaction, "amount", 100, "reason", "goodwill"))
                .post("/api/v1/refunds").statusCode()).isEqualTo(201);
    }
}
