package dev.cutover.gateway.control;

import dev.cutover.gateway.routing.Domain;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * Where runtime weights and their audit trail live: Redis when configured (shared by every replica and kept
 * across restarts), this replica's memory otherwise.
 */
public interface WeightStore {

    /** The runtime record of every domain ops has changed. */
    Mono<Map<Domain, WeightRecord>> load();

    /** Writes all changes and their audit entries as one atomic step; returns the entries as written. */
    Mono<List<AuditEntry>> apply(List<WeightChange> changes);

    /** The newest {@code limit} audit entries, newest first, and whether there are older ones. */
    Mono<AuditPage> audit(int limit);

    /** Whether changes made here are seen by other replicas and survive a restart. */
    boolean shared();

    record AuditPage(List<AuditEntry> entries, boolean hasMore) {
    }
}
