package dev.cutover.payments.transaction;

import dev.cutover.payments.support.LedgerPeer;
import dev.cutover.payments.support.PaymentsClient;
import dev.cutover.payments.support.PaymentsIntegrationTest;
import io.restassured.path.json.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A transaction is created pending, processed after the 201 by the test processor, and posted to the ledger. */
@PaymentsIntegrationTest
class ProcessingIT {

    @LocalServerPort
    int port;

    PaymentsClient payments;
    String user;

    @BeforeEach
    void verifiedUser() {
        payments = new PaymentsClient(port);
        user = PaymentsClient.verifiedUser();
    }

    @Test
    void aNewTransactionIsPendingWithTheSpecShape() {
        JsonPath created = payments.createTransaction(user, PaymentsClient.charge(1_250, "pm_test_visa_4242"))
                .then().statusCode(201).extract().jsonPath();

        assertThat(created.getString("id")).startsWith("txn_");
        assertThat(created.getString("status")).isEqualTo("pending");
        assertThat(created.getLong("amount")).isEqualTo(1_250);
        assertThat(created.getLong("amount_refunded")).isZero();
        assertThat(created.getString("user_id")).isEqualTo(user);
        assertThat(created.getString("failure_code")).isNull();
        assertThat(created.getMap("metadata")).isEmpty();
        assertThat(created.getMap("")).containsKeys("description", "failure_code", "created_at", "updated_at");
    }

    @Test
    void theTestVisaSucceedsAndItsEntryLandsInTheLedgerOnce() {
        JsonPath settled = payments.settledTransaction(user, 4_200, "pm_test_visa_4242");

        assertThat(settled.getString("status")).isEqualTo("succeeded");
        assertThat(settled.getString("failure_code")).isNull();
        String id = settled.getString("id");
        List<LedgerPeer.PostedLine> lines = Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> LedgerPeer.postedUnder(id), posted -> !posted.isEmpty());
        assertThat(lines).extracting(LedgerPeer.PostedLine::entryId).containsOnly(lines.getFirst().entryId());
        assertThat(lines).extracting(LedgerPeer.PostedLine::amount).containsExactly(4_200L, 4_200L);
        assertThat(lines).extracting(LedgerPeer.PostedLine::direction).containsExactly("debit", "credit");
    }

    @Test
    void theTestDeclinedCardFailsWithCardDeclinedAndPostsNothing() {
        JsonPath settled = payments.settledTransaction(user, 999, "pm_test_card_declined");

        assertThat(settled.getString("status")).isEqualTo("failed");
        assertThat(settled.getString("failure_code")).isEqualTo("card_declined");
        assertThat(LedgerPeer.postedUnder(settled.getString("id"))).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"tok_visa_4242, succeeded, visa, 4242", "tok_mastercard_4444, succeeded, mastercard, 4444",
        "tok_card_declined, failed, visa, 0002"})
    void cardsFromTestTokensBehaveLikeTheTestMethods(String token, String outcome, String brand, String last4) {
        JsonPath method = payments.as(user).body("{\"type\": \"card\", \"token\": \"" + token + "\"}")
                .post("/api/v1/payment-methods").then().statusCode(201).extract().jsonPath();
        assertThat(method.getString("id")).startsWith("pm_");
        assertThat(method.getString("brand")).isEqualTo(brand);
        assertThat(method.getString("last4")).isEqualTo(last4);

        assertThat(payments.settledTransaction(user, 500, method.getString("id")).getString("status")).isEqualTo(outcome);
    }

    @Test
    void everyStateChangeIsInTheAuditTrail() {
        String id = payments.settledTransaction(user, 100, "pm_test_visa_4242").getString("id");

        List<String> transitions = Awaitility.await().until(() -> audit(id), list -> list.size() >= 2);
        assertThat(transitions).containsExactly("null>pending", "pending>succeeded");
    }

    @org.springframework.beans.factory.annotation.Autowired
    dev.cutover.payments.audit.AuditTrail auditTrail;

    private List<String> audit(String id) {
        return auditTrail.of(id).stream().map(c -> c.fromStatus() + ">" + c.toStatus()).toList();
    }
}
