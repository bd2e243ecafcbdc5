package dev.cutover.gateway.control;

import dev.cutover.gateway.routing.Domain;
import dev.cutover.gateway.routing.RoutingTable;
import dev.cutover.gateway.routing.Weights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The control plane of one replica. It keeps the last runtime records read from the store, resolves the
 * weights in force ({@link RoutingPolicy}) and publishes them to the {@link RoutingTable} the routes read.
 * Other replicas' changes arrive through {@link #refresh()}, which a poller calls at a short interval.
 */
public final class RoutingControl {

    private static final Logger log = LoggerFactory.getLogger(RoutingControl.class);
    private static final Logger audit = LoggerFactory.getLogger("dev.cutover.gateway.audit");

    private final ConfiguredRouting configured;
    private final WeightStore store;
    private final RoutingTable table;
    private final Clock clock;

    private volatile Map<Domain, WeightRecord> runtime = Map.of();
    private volatile Instant syncedAt;
    /** Reads are numbered when they start; an older read that answers late never overwrites a newer one. */
    private final AtomicLong reads = new AtomicLong();
    private long publishedRead;

    public RoutingControl(ConfiguredRouting configured, WeightStore store, RoutingTable table, Clock clock) {
        this.configured = configured;
        this.store = store;
        this.table = table;
        this.clock = clock;
        publish(Map.of());
    }

    /** Reads the store and puts what it says in force; on failure the last known weights stay. */
    public Mono<Void> refresh() {
        return Mono.defer(() -> {
            long read = reads.incrementAndGet();
            return store.load().doOnNext(records -> publishIfNewest(read, records));
        }).then();
    }

    private synchronized void publishIfNewest(long read, Map<Domain, WeightRecord> records) {
        if (read > publishedRead) {
            publishedRead = read;
            publish(records);
            syncedAt = clock.instant();
        }
    }

    public Mono<State> setWeight(Domain domain, int weight, String reason, Actor actor) {
        if (!Weights.isValid(weight)) {
            return Mono.error(new IllegalArgumentException("weight out of range: " + weight));
        }
        Instant now = now();
        WeightRecord record = new WeightRecord(weight, WeightSource.RUNTIME, actor.subject(), now, reason);
        return change(List.of(change(domain, record, AuditEntry.SET_WEIGHT, actor)));
    }

    /** Sends every domain to legacy, whatever {@code ROUTING_MODE} or earlier changes say. */
    public Mono<State> killSwitch(String reason, Actor actor) {
        Instant now = now();
        List<WeightChange> changes = new ArrayList<>();
        for (Domain domain : Domain.values()) {
            WeightRecord record = new WeightRecord(Weights.MIN, WeightSource.KILL_SWITCH, actor.subject(), now, reason);
            changes.add(change(domain, record, AuditEntry.KILL_SWITCH, actor));
        }
        return change(changes);
    }

    public Mono<WeightStore.AuditPage> audit(int limit) {
        return store.audit(limit);
    }

    /** The state as this replica last read it. */
    public State state() {
        Map<Domain, WeightRecord> records = runtime;
        List<DomainState> domains = new ArrayList<>();
        for (Domain domain : Domain.values()) {
            WeightRecord record = records.get(domain);
            domains.add(new DomainState(RoutingPolicy.resolve(domain, configured, record), configured.of(domain), record));
        }
        return new State(configured, domains, syncedAt, store.shared());
    }

    /** Whether this replica has read the shared store at least once since it started. */
    public boolean synced() {
        return syncedAt != null;
    }

    private WeightChange change(Domain domain, WeightRecord record, String action, Actor actor) {
        AuditEntry entry = new AuditEntry(record.changedAt(), actor.subject(), action, domain.key(), 0, null,
                record.weight(), record.source().value(), record.reason(), actor.requestId());
        return new WeightChange(domain, record, configured.of(domain), entry);
    }

    private Mono<State> change(List<WeightChange> changes) {
        return store.apply(changes)
                .doOnNext(entries -> entries.forEach(RoutingControl::logAudit))
                .then(Mono.defer(this::refresh))
                .then(Mono.fromSupplier(this::state));
    }

    private void publish(Map<Domain, WeightRecord> records) {
        Map<Domain, Integer> effective = new EnumMap<>(Domain.class);
        for (Domain domain : Domain.values()) {
            effective.put(domain, RoutingPolicy.resolve(domain, configured, records.get(domain)).weight());
        }
        Map<Domain, Integer> before = table.snapshot();
        runtime = Map.copyOf(records);
        table.publish(effective);
        if (!before.equals(effective)) {
            log.info("weights in force: {}", effective);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void logAudit(AuditEntry entry) {
        audit.atInfo()
                .addKeyValue("action", entry.action())
                .addKeyValue("domain", entry.domain())
                .addKeyValue("from", entry.from())
                .addKeyValue("to", entry.to())
                .addKeyValue("actor", entry.actor())
                .addKeyValue("reason", entry.reason())
                .addKeyValue("request_id", entry.requestId())
                .log("routing weight of {} changed from {} to {} by {} ({}): {}", entry.domain(), entry.from(),
                        entry.to(), entry.actor(), entry.action(), entry.reason());
    }

    /** One domain: the weight in force, the configured default, and the runtime record if any. */
    public record DomainState(RoutingPolicy.Effective effective, ConfiguredRouting.Configured configured, WeightRecord runtime) {
    }

    /**
     * @param syncedAt when this replica last read the store ({@code null} before the first read)
     * @param shared   whether the store is shared by every replica (Redis) or this replica's memory
     */
    public record State(ConfiguredRouting routing, List<DomainState> domains, Instant syncedAt, boolean shared) {
    }
}
