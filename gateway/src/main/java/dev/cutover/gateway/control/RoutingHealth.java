package dev.cutover.gateway.control;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * Part of readiness: a replica that has never read the shared weights could route against a kill switch it
 * does not know about, so it takes no traffic until it has. Once synced it stays ready through later store
 * outages, serving the last known weights.
 */
public final class RoutingHealth implements ReactiveHealthIndicator {

    private final RoutingControl control;

    public RoutingHealth(RoutingControl control) {
        this.control = control;
    }

    @Override
    public Mono<Health> health() {
        RoutingControl.State state = control.state();
        Health.Builder builder = control.synced() ? Health.up() : Health.outOfService();
        builder.withDetail("shared_store", state.shared());
        if (state.syncedAt() != null) {
            builder.withDetail("synced_at", state.syncedAt().toString());
        }
        return Mono.just(builder.build());
    }
}
