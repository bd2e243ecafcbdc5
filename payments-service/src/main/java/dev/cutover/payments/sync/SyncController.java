package dev.cutover.payments.sync;

import dev.cutover.sync.ChangeStream;
import dev.cutover.sync.ChangeStreams;
import dev.cutover.sync.ChangeStreamsHealth;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * For ops: where each change stream is, and whether both sides hold the same payments. Internal (never routed by the
 * gateway) and not part of the public API description.
 */
@RestController
@Hidden
@ConditionalOnBooleanProperty("cutover.payments.sync.enabled")
class SyncController {

    private final ChangeStreams streams;
    private final Reconciliation reconciliation;

    SyncController(ChangeStreams paymentsChangeStreams, Reconciliation reconciliation) {
        this.streams = paymentsChangeStreams;
        this.reconciliation = reconciliation;
    }

    @GetMapping("/internal/v1/sync")
    @PreAuthorize("hasAuthority('SCOPE_ops')")
    Map<String, Object> streams() {
        Map<String, Object> body = new LinkedHashMap<>();
        for (ChangeStream stream : streams.streams()) {
            body.put(stream.name(), ChangeStreamsHealth.details(stream));
        }
        return Map.of("streams", body);
    }

    @GetMapping("/internal/v1/sync/reconciliation")
    @PreAuthorize("hasAuthority('SCOPE_ops')")
    Map<String, Object> reconcile() throws SQLException, InterruptedException {
        return Reconciliation.json(reconciliation.run());
    }
}
