package dev.cutover.payments.carddata;

import dev.cutover.payments.support.PaymentsClient;
import dev.cutover.payments.support.PaymentsIntegrationTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.cutover.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Raw card data anywhere in a body is refused before anything reads, logs or stores it. */
@PaymentsIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RawCardDataIT {

    private static final String PAN = "4111111111111111";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\": \"card\", \"number\": \"4000000000000002\"}",
        "{\"type\": \"card\", \"card_number\": \"1234\"}",
        "{\"type\": \"card\", \"token\": \"tok_visa_4242\", \"cvc\": \"123\"}",
        "{\"type\": \"card\", \"token\": \"4111111111111111\"}",
        "{\"type\": \"card\", \"token\": \"4111 1111 1111 1111\"}",
        "{\"type\": \"card\", \"token\": \"4111-1111-1111-1111\"}",
        "{\"type\": \"card\", \"token\": \"tok_visa_4242\", \"extra\": {\"deep\": [{\"note\": \"my card is 5555555555554444 ok\"}]}}",
        "{\"type\": \"card\", \"token\": \"tok_visa_4242\", \"pan\": 4111111111111111}",
        "{\"type\": \"card\", \"token\": 378282246310005}",
        "{\"type\": \"card\", \"Card-Number\": \"x\"}",
        "not json at all 4111111111111111"
    })
    void paymentMethodBodiesWithCardDataAreRejected(String body) {
        String user = PaymentsClient.verifiedUser();

        Response response = new PaymentsClient(port).as(user).body(body).post("/api/v1/payment-methods");

        assertProblem(response, 400, "raw_card_data_rejected", null);
        assertThat(response.asString()).doesNotContain("4111").doesNotContain("5555555555554444").doesNotContain("378282246310005");
        assertThat(jdbc.sql("SELECT count(*) FROM payment_methods WHERE user_id = :u").param("u", user).query(Long.class).single()).isZero();
    }

    @Test
    void cardDataInATransactionsMetadataIsRejectedAndStoredNowhere(CapturedOutput output) {
        String user = PaymentsClient.verifiedUser();
        String body = """
                {"amount": 100, "currency": "USD", "payment_method_id": "pm_test_visa_4242",
                 "metadata": {"customer_note": "%s"}}""".formatted(PAN);

        Response response = new PaymentsClient(port).as(user).body(body).post("/api/v1/transactions");

        assertProblem(response, 400, "raw_card_data_rejected", null);
        assertThat(jdbc.sql("SELECT count(*) FROM transactions WHERE user_id = :u").param("u", user).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM transactions WHERE metadata::text LIKE '%4111111111%'").query(Long.class).single()).isZero();
        assertThat(output.getAll()).doesNotContain(PAN).doesNotContain("4111 1111");
    }

    @Test
    void digitsThatAreNotACardNumberPass() {
        String user = PaymentsClient.verifiedUser();
        String body = """
                {"amount": 99999999999, "currency": "USD", "payment_method_id": "pm_test_visa_4242",
                 "metadata": {"order": "1234567890123", "phone": "+41 44 668 18 00"}}""";

        assertThat(new PaymentsClient(port).as(user).body(body).post("/api/v1/transactions").statusCode()).isEqualTo(201);
    }
}
