package dev.cutover.gateway.control;

import dev.cutover.gateway.routing.Domain;
import dev.cutover.gateway.routing.RoutingMode;
import dev.cutover.gateway.routing.RoutingTable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class RoutingHealthTest {

    private final FlakyStore store = new FlakyStore();
    private final RoutingTable table = new RoutingTable();
    private final RoutingControl control = new RoutingControl(RoutingPolicyTest.configured(RoutingMode.GRADUAL_MIGRATION),
            store, table, Clock.systemUTC());

    @Test
    void aReplicaThatNeverReadTheStoreIsNotReadyAndServesTheConfiguredWeights() {
        store.down.set(true);

        catchThrowable(() -> control.refresh().block());

        assertThat(new RoutingHealth(control).health().block().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(table.weightOf(Domain.PAYMENTS)).isEqualTo(10);
    }

    @Test
    void onceSyncedAReplicaStaysReadyThroughAStoreOutageWithTheLastKnownWeights() {
        control.setWeight(Domain.PAYMENTS, 60, "ramp", new Actor("ops-console", "r1")).block();
        store.down.set(true);

        catchThrowable(() -> control.refresh().block());

        assertThat(new RoutingHealth(control).health().block().getStatus()).isEqualTo(Status.UP);
        assertThat(table.weightOf(Domain.PAYMENTS)).isEqualTo(60);
    }

    private static final class FlakyStore implements WeightStore {

        final AtomicBoolean down = new AtomicBoolean();
        private final InMemoryWeightStore delegate = new InMemoryWeightStore(10);

        @Override
        public Mono<Map<Domain, WeightRecord>> load() {
            return down.get() ? Mono.error(new IllegalStateException("redis down")) : delegate.load();
        }

        @Override
        public Mono<List<AuditEntry>> apply(List<WeightChange> changes) {
            return down.get() ? Mono.error(new IllegalStateException("redis down")) : delegate.apply(changes);
        }

        @Override
        public Mono<AuditPage> audit(int limit) {
            return delegate.audit(limit);
        }

        @Override
        public boolean shared() {
            return true;
        }
    }
}
