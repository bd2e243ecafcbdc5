package dev.cutover.payments.audit;

import dev.cutover.kit.web.RequestIdFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

/**
 * Writes who changed what, when, and under which request, in the same transaction as the change. The
 * table refuses updates and deletes.
 */
@Component
public class AuditTrail {

    /** The actor of changes made by the service's own tasks. */
    public static final String SYSTEM = "system";

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public enum Subject {
        TRANSACTION("transaction"), REFUND("refund");

        private final String column;

        Subject(String column) {
            this.column = column;
        }
    }

    /** One recorded state change. */
    public record Change(String subjectId, String fromStatus, String toStatus, String actor, String requestId, String detail) {
    }

    public void record(Subject subject, String subjectId, String fromStatus, String toStatus, String actor, String detail) {
        jdbc.sql("""
                INSERT INTO audit_log (subject_type, subject_id, from_status, to_status, actor, request_id, detail, occurred_at)
                VALUES (:type, :id, :from, :to, :actor, :request, :detail, :at)""")
                .param("type", subject.column).param("id", subjectId).param("from", fromStatus).param("to", toStatus)
                .param("actor", actor).param("request", RequestIdFilter.current()).param("detail", detail)
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    public List<Change> of(String subjectId) {
        return jdbc.sql("""
                SELECT subject_id, from_status, to_status, actor, request_id, detail FROM audit_log
                WHERE subject_id = :id ORDER BY id""")
                .param("id", subjectId)
                .query((rs, row) -> new Change(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .list();
    }
}
