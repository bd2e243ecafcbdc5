package dev.cutover.identity.audit;

import dev.cutover.kit.json.StrictJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * Appends to {@code audit_events}, in the caller's transaction, so an event exists exactly when its change
 * does. The table refuses updates and deletes, and outlives a PII erasure.
 *
 * <p>Details must never hold personal data, secrets or tokens: ids, statuses and decisions only.
 */
@Component
public class AuditTrail {

    private static final JsonMapper JSON = StrictJson.mapper();

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * @param actor     who did it: a user id, a client id, or {@code system}
     * @param action    what happened, e.g. {@code verification.decided}
     * @param subjectId what it happened to
     * @param details   ids, statuses and decisions; never personal data
     */
    public void record(String actor, String action, String subjectId, Map<String, String> details) {
        jdbc.sql("""
                INSERT INTO audit_events (occurred_at, actor, action, subject_id, details)
                VALUES (:at, :actor, :action, :subject, CAST(:details AS jsonb))""")
                .param("at", Timestamp.from(clock.instant()))
                .param("actor", actor)
                .param("action", action)
                .param("subject", subjectId)
                .param("details", JSON.writeValueAsString(new TreeMap<>(details)))
                .update();
    }

    public void record(String actor, String action, String subjectId) {
        record(actor, action, subjectId, Map.of());
    }
}
