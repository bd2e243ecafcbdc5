package dev.cutover.gateway.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** What the control API answers, in the public API's JSON style (snake_case, RFC 3339 UTC times). */
final class RoutingViews {

    private RoutingViews() {
    }

    /**
     * @param routingMode the {@code ROUTING_MODE} in force
     * @param store       {@code redis} (shared by replicas, kept across restarts) or {@code memory}
     * @param syncedAt    when this replica last read the store
     * @param sync        per syncing domain, its change streams (state, lag, backlog, last error), or why they are
     *                    not known; absent from the answers of changes
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Routing(String routingMode, String routingModeSource, String store, String syncedAt, List<DomainWeight> domains,
                   @JsonInclude(JsonInclude.Include.NON_NULL) java.util.Map<String, Object> sync) {

        static Routing of(RoutingControl.State state) {
            return new Routing(state.routing().mode().value(), state.routing().modeSource().value(),
                    state.shared() ? "redis" : "memory",
                    state.syncedAt() == null ? null : state.syncedAt().toString(),
                    state.domains().stream().map(DomainWeight::of).toList(), null);
        }

        Routing withSync(java.util.Map<String, Object> streams) {
            return new Routing(routingMode, routingModeSource, store, syncedAt, domains, streams);
        }
    }

    /**
     * @param weight           the weight in force: percent of callers served by the new service
     * @param source           where it came from: kill_switch, routing_mode, runtime, environment or configuration
     * @param configuredWeight the default from the environment or configuration file
     * @param runtime          the last ops change, or null
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record DomainWeight(String domain, int weight, String source, int configuredWeight, String configuredSource,
                        RuntimeChange runtime) {

        static DomainWeight of(RoutingControl.DomainState state) {
            return new DomainWeight(state.effective().domain().key(), state.effective().weight(),
                    state.effective().source().value(), state.configured().weight(), state.configured().source().value(),
                    state.runtime() == null ? null : RuntimeChange.of(state.runtime()));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RuntimeChange(int weight, String source, String changedBy, String changedAt, String reason) {

        static RuntimeChange of(WeightRecord record) {
            return new RuntimeChange(record.weight(), record.source().value(), record.changedBy(),
                    record.changedAt().toString(), record.reason());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AuditList(List<Audit> data, boolean hasMore) {

        static AuditList of(WeightStore.AuditPage page) {
            return new AuditList(page.entries().stream().map(Audit::of).toList(), page.hasMore());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Audit(String at, String actor, String action, String domain, int from, String fromSource, int to,
                 String toSource, String reason, String requestId) {

        static Audit of(AuditEntry entry) {
            return new Audit(entry.at().toString(), entry.actor(), entry.action(), entry.domain(), entry.from(),
                    entry.fromSource(), entry.to(), entry.toSource(), entry.reason(), entry.requestId());
        }
    }
}
