package dev.cutover.payments.audit;

import dev.cutover.payments.support.PaymentsClient;
import dev.cutover.payments.support.PaymentsIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who changed what, when and under which request — and nobody can rewrite it. */
@PaymentsIntegrationTest
class AuditTrailIT {

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    @Test
    void refundsAreAuditedWithTheirActorAndRequestId() {
        PaymentsClient payments = new PaymentsClient(port);
        String user = PaymentsClient.verifiedUser();
        String transaction = payments.settledTransaction(user, 1_000, "pm_test_visa_4242").getString("id");

        String refund = payments.as(user).header("X-Request-Id", "req-audit-1").body(Map.of("transaction_id", transaction))
                .post("/api/v1/refunds").then().statusCode(201).extract().path("id");

        List<AuditTrail.Change> changes = Awaitility.await().until(() -> audit.of(refund), list -> list.size() == 2);
        assertThat(changes.getFirst().toStatus()).isEqualTo("pending");
        assertThat(changes.getFirst().actor()).isEqualTo(user);
        assertThat(changes.getFirst().requestId()).isEqualTo("req-audit-1");
        assertThat(changes.get(1).fromStatus()).isEqualTo("pending");
        assertThat(changes.get(1).toStatus()).isEqualTo("succeeded");
        assertThat(changes.get(1).actor()).isEqualTo(AuditTrail.SYSTEM);
        assertThat(changes.get(1).requestId()).startsWith("task-process-refund-");
    }

    @Test
    void theAuditLogCannotBeRewrittenOrEmptied() {
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_log SET actor = 'someone else'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_log").update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_log").update()).hasMessageContaining("append-only");
    }

    @Test
    void aSettledTransactionCannotBeMovedOnEvenByTheDatabase() {
        PaymentsClient payments = new PaymentsClient(port);
        String user = PaymentsClient.verifiedUser();
        String transaction = payments.settledTransaction(user, 10, "pm_test_card_declined").getString("id");

        assertThatThrownBy(() -> jdbc.sql("UPDATE transactions SET status = 'succeeded', failure_code = NULL WHERE id = :id")
                .param("id", transaction).update()).hasMessageContaining("cannot become");
    }
}
