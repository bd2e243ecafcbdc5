package dev.cutover.gateway.metrics;

import dev.cutover.gateway.routing.Domain;
import dev.cutover.gateway.routing.RoutingTable;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code cutover.gateway.weight} — the weight in force per domain on this replica, as a gauge. */
public final class WeightGauges {

    public static final String METER = "cutover.gateway.weight";

    private WeightGauges() {
    }

    public static void register(MeterRegistry registry, RoutingTable table) {
        for (Domain domain : Domain.values()) {
            Gauge.builder(METER, table, t -> t.weightOf(domain))
                    .description("Percent of the domain's callers routed to the new service")
                    .baseUnit("percent")
                    .tag("domain", domain.key())
                    .register(registry);
        }
    }
}
