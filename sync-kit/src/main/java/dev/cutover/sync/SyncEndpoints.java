package dev.cutover.sync;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * For ops and the gateway: where each of the service's change streams is, its fences, and whether both sides hold the
 * same records. Internal (never routed by the gateway; left out of the public API description by each service's
 * {@code springdoc.paths-to-exclude}). A service makes it a bean when its sync is enabled.
 */
@RestController
public class SyncEndpoints {

    private final LegacySync sync;

    public SyncEndpoints(LegacySync sync) {
        this.sync = sync;
    }

    @GetMapping("/internal/v1/sync")
    @PreAuthorize("hasAuthority('SCOPE_ops')")
    public Map<String, Object> streams() {
        Map<String, Object> body = new LinkedHashMap<>();
        for (ChangeStream stream : sync.streams().streams()) {
            body.put(stream.name(), ChangeStreamsHealth.details(stream));
        }
        return Map.of("streams", body);
    }

    /**
     * A fence in each stream's source: once both have passed it, each side holds every change of this domain the other
     * had committed when this answered (the gateway holds a moved caller's first request on it, SPEC §5).
     */
    @PostMapping("/internal/v1/sync/fences")
    @PreAuthorize("hasAnyAuthority('SCOPE_ops', 'SCOPE_service')")
    public ResponseEntity<Map<String, Object>> raiseFence() throws SQLException {
        String id = "fen_" + UUID.randomUUID().toString().replace("-", "");
        for (ChangeStream stream : sync.streams().streams()) {
            stream.raiseFence(id);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(fence(id));
    }

    @GetMapping("/internal/v1/sync/fences/{id}")
    @PreAuthorize("hasAnyAuthority('SCOPE_ops', 'SCOPE_service')")
    public Map<String, Object> fence(@PathVariable("id") String id) {
        Map<String, Object> passed = new LinkedHashMap<>();
        for (ChangeStream stream : sync.streams().streams()) {
            passed.put(stream.name(), stream.hasPassed(id));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("passed", passed);
        return body;
    }

    @GetMapping("/internal/v1/sync/reconciliation")
    @PreAuthorize("hasAuthority('SCOPE_ops')")
    public Map<String, Object> reconcile() throws SQLException, InterruptedException {
        return Reconciliation.json(sync.reconciliation().run());
    }
}
