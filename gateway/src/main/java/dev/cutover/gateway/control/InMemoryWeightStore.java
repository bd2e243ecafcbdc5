package dev.cutover.gateway.control;

import dev.cutover.gateway.routing.Domain;
import reactor.core.publisher.Mono;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The store without Redis: this replica only, lost on restart. The environment and configuration file then
 * carry the durable weights; every change is also written to the log by {@link RoutingControl}.
 */
public final class InMemoryWeightStore implements WeightStore {

    private final int retention;
    private final Map<Domain, WeightRecord> records = new EnumMap<>(Domain.class);
    private final Deque<AuditEntry> audit = new ArrayDeque<>();

    public InMemoryWeightStore(int retention) {
        this.retention = retention;
    }

    @Override
    public Mono<Map<Domain, WeightRecord>> load() {
        return Mono.fromSupplier(this::copy);
    }

    private synchronized Map<Domain, WeightRecord> copy() {
        return Map.copyOf(records);
    }

    @Override
    public Mono<List<AuditEntry>> apply(List<WeightChange> changes) {
        return Mono.fromSupplier(() -> applyNow(changes));
    }

    private synchronized List<AuditEntry> applyNow(List<WeightChange> changes) {
        List<AuditEntry> written = new ArrayList<>();
        for (WeightChange change : changes) {
            WeightRecord previous = records.get(change.domain());
            int from = previous != null ? previous.weight() : change.previous().weight();
            String fromSource = previous != null ? previous.source().value() : change.previous().source().value();
            AuditEntry template = change.audit();
            AuditEntry entry = new AuditEntry(template.at(), template.actor(), template.action(), template.domain(),
                    from, fromSource, template.to(), template.toSource(), template.reason(), template.requestId());
            records.put(change.domain(), change.record());
            audit.addFirst(entry);
            written.add(entry);
        }
        while (audit.size() > retention) {
            audit.removeLast();
        }
        return written;
    }

    @Override
    public Mono<AuditPage> audit(int limit) {
        return Mono.fromSupplier(() -> page(limit));
    }

    private synchronized AuditPage page(int limit) {
        List<AuditEntry> page = new ArrayList<>(limit);
        Iterator<AuditEntry> newestFirst = audit.iterator();
        while (newestFirst.hasNext() && page.size() < limit) {
            page.add(newestFirst.next());
        }
        return new AuditPage(page, audit.size() > limit);
    }

    @Override
    public boolean shared() {
        return false;
    }
}
