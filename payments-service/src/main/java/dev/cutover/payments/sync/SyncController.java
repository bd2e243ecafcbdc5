package dev.cutover.payments.sync;

import dev.cutover.sync.ChangeStream;
import dev.cutover.sync.ChangeStreams;
import dev.cutover.sync.ChangeStreamsHealth;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

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

    /**
     * A fence in each stream's source: once both have passed it, each side holds every payments change the other had
     * committed when this answered (the gateway holds a moved caller's first request on it, SPEC §5).
     */
    @PostMapping("/internal/v1/sync/fences")
    @PreAuthorize("hasAnyAuthority('SCOPE_ops', 'SCOPE_service')")
    ResponseEntity<Map<String, Object>> raiseFence() throws SQLException {
        String id = "fen_" + UUID.randomUUID().toString().replace("-", "");
        for (ChangeStream stream : streams.streams()) {
            stream.raiseFence(id);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(fence(id));
    }

    @GetMapping("/internal/v1/sync/fences/{id}")
    @PreAuthorize("hasAnyAuthority('SCOPE_ops', 'SCOPE_service')")
    Map<String, Object> fence(@PathVariable("id") String id) {
        Map<String, Object> passed = new LinkedHashMap<>();
        for (ChangeStream stream : streams.streams()) {
            passed.put(stream.name(), stream.hasPassed(id));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("passed", passed);
        return body;
    }

    @GetMapping("/internal/v1/sync/reconciliation")
    @PreAuthorize("hasAuthority('SCOPE_ops')")
    Map<String, Object> reconcile() throws SQLException, InterruptedException {
        return Reconciliation.json(reconciliation.run());
    }
}
