package dev.cutover.payments;

import dev.cutover.payments.support.PaymentsClient;
import dev.cutover.payments.support.PaymentsIntegrationTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.cutover.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** One user never reaches another's payments, and a client cannot set what the server decides. */
@PaymentsIntegrationTest
class BolaIT {

    @LocalServerPort
    int port;

    PaymentsClient payments;
    String alice;
    String bob;
    String aliceTransaction;
    String aliceMethod;
    String aliceRefund;

    @BeforeEach
    void aliceHasPaid() {
        payments = new PaymentsClient(port);
        alice = PaymentsClient.verifiedUser();
        bob = PaymentsClient.verifiedUser();
        aliceMethod = payments.as(alice).body("{\"type\": \"card\", \"token\": \"tok_visa_4242\"}").post("/api/v1/payment-methods")
                .then().statusCode(201).extract().path("id");
        aliceTransaction = payments.settledTransaction(alice, 1_000, aliceMethod).getString("id");
        aliceRefund = payments.as(alice).body(Map.of("transaction_id", aliceTransaction, "amount", 100)).post("/api/v1/refunds")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void bobCannotReadRefundOrListAlicesPayments() {
        assertProblem(payments.as(bob).get("/api/v1/transactions/{id}", aliceTransaction), 404, "not_found", null);
        assertProblem(payments.as(bob).get("/api/v1/refunds/{id}", aliceRefund), 404, "not_found", null);
        assertProblem(payments.as(bob).body(Map.of("transaction_id", aliceTransaction)).post("/api/v1/refunds"), 404, "not_found", null);
        assertProblem(payments.as(bob).delete("/api/v1/payment-methods/{id}", aliceMethod), 404, "not_found", null);
        assertProblem(payments.createTransaction(bob, PaymentsClient.charge(10, aliceMethod)), 404, "not_found", "payment_method_id");

        assertThat(payments.as(bob).get("/api/v1/transactions").then().statusCode(200).extract().<List<?>>path("data")).isEmpty();
        assertThat(payments.as(bob).queryParam("transaction_id", aliceTransaction).get("/api/v1/refunds")
                .then().statusCode(200).extract().<List<?>>path("data")).isEmpty();
        assertThat(payments.as(bob).get("/api/v1/payment-methods").then().statusCode(200).extract().<List<?>>path("data")).isEmpty();
    }

    @Test
    void aliceSeesHerOwnAndOpsSeeEverything() {
        assertThat(payments.as(alice).get("/api/v1/transactions").then().statusCode(200).extract().<List<String>>path("data.id"))
                .containsExactly(aliceTransaction);
        assertThat(payments.as(alice).queryParam("status", "succeeded").get("/api/v1/transactions")
                .then().statusCode(200).extract().<List<String>>path("data.id")).containsExactly(aliceTransaction);
        assertThat(payments.as(alice).queryParam("status", "failed").get("/api/v1/transactions")
                .then().statusCode(200).extract().<List<String>>path("data.id")).isEmpty();
        assertThat(payments.as(alice).get("/api/v1/payment-methods").then().extract().<List<String>>path("data.id")).containsExactly(aliceMethod);
        assertThat(payments.asOps().get("/api/v1/transactions/{id}", aliceTransaction).statusCode()).isEqualTo(200);
        assertThat(payments.asOps().get("/api/v1/refunds/{id}", aliceRefund).statusCode()).isEqualTo(200);
    }

    @Test
    void opsCannotActAsAUserOnTheirPaymentMethodsOrCharge() {
        assertProblem(payments.asOps().body(PaymentsClient.charge(10, "pm_test_visa_4242")).post("/api/v1/transactions"),
                403, "forbidden", null);
        assertProblem(payments.asOps().get("/api/v1/payment-methods"), 403, "forbidden", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "user_id", "amount_refunded", "failure_code", "id", "created_at"})
    void serverDecidedFieldsInACreateBodyAreRefused(String field) {
        Map<String, Object> body = new HashMap<>(PaymentsClient.charge(10, "pm_test_visa_4242"));
        body.put(field, "succeeded".equals(field) ? 0 : field.equals("amount_refunded") ? 0 : "x");

        Response response = payments.createTransaction(alice, body);

        assertProblem(response, 400, "validation_failed", field);
    }

    @Test
    void aDeletedPaymentMethodIsUnusable() {
        payments.as(alice).delete("/api/v1/payment-methods/{id}", aliceMethod).then().statusCode(204);

        assertProblem(payments.createTransaction(alice, PaymentsClient.charge(10, aliceMethod)), 422, "payment_method_unusable", null);
        assertThat(payments.as(alice).get("/api/v1/payment-methods").then().extract().<List<?>>path("data")).isEmpty();
    }

    @Test
    void listsValidateTheirParameters() {
        assertProblem(payments.as(alice).queryParam("limit", 0).get("/api/v1/transactions"), 400, "validation_failed", "limit");
        assertProblem(payments.as(alice).queryParam("status", "done").get("/api/v1/transactions"), 400, "validation_failed", "status");
        assertProblem(payments.as(alice).queryParam("starting_after", "txn_unknown").get("/api/v1/transactions"),
                400, "validation_failed", "starting_after");
    }
}
