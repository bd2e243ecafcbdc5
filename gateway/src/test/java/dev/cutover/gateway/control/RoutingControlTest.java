package dev.cutover.gateway.control;

import dev.cutover.gateway.routing.Domain;
import dev.cutover.gateway.routing.RoutingMode;
import dev.cutover.gateway.routing.RoutingTable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingControlTest {

    private final RoutingTable table = new RoutingTable();
    private final InMemoryWeightStore store = new InMemoryWeightStore(100);
    private final RoutingControl control = new RoutingControl(RoutingPolicyTest.configured(RoutingMode.GRADUAL_MIGRATION),
            store, table, Clock.fixed(Instant.parse("2026-11-25T08:30:00.123456Z"), ZoneOffset.UTC));
    private final Actor ops = new Actor("ops-console", "req-1");

    @Test
    void theConfiguredWeightsAreInForceFromTheStart() {
        assertThat(table.weightOf(Domain.PAYMENTS)).isEqualTo(10);
        assertThat(table.weightOf(Domain.IDENTITY)).isZero();
        assertThat(table.weightOf(Domain.LEDGER)).isEqualTo(50);
    }

    @Test
    void settingAWeightPutsItInForceAndAuditsWhoWhenFromToAndWhy() {
        var state = control.setWeight(Domain.PAYMENTS, 25, "canary looks healthy", ops).block();

        assertThat(table.weightOf(Domain.PAYMENTS)).isEqualTo(25);
        assertThat(state.domains()).filteredOn(d -> d.effective().domain() == Domain.PAYMENTS).singleElement()
                .satisfies(d -> assertThat(d.effective().source()).isEqualTo(WeightSource.RUNTIME));
        var audit = control.audit(10).block();
        assertThat(audit.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("ops-console");
            assertThat(entry.at()).isEqualTo(Instant.parse("2026-11-25T08:30:00.123Z"));
            assertThat(entry.from()).isEqualTo(10);
            assertThat(entry.fromSource()).isEqualTo("environment");
            assertThat(entry.to()).isEqualTo(25);
            assertThat(entry.reason()).isEqualTo("canary looks healthy");
            assertThat(entry.requestId()).isEqualTo("req-1");
        });
    }

    @Test
    void theKillSwitchSendsEveryDomainToLegacyAndAuditsEach() {
        control.setWeight(Domain.LEDGER, 80, "ramp", ops).block();

        control.killSwitch("incident 42", ops).block();

        assertThat(table.snapshot()).containsOnlyKeys(Domain.values()).allSatisfy((domain, weight) -> assertThat(weight).isZero());
        var audit = control.audit(10).block().entries();
        assertThat(audit).hasSize(4);
        assertThat(audit.subList(0, 3)).allSatisfy(entry -> {
            assertThat(entry.action()).isEqualTo(AuditEntry.KILL_SWITCH);
            assertThat(entry.to()).isZero();
        });
        assertThat(audit).filteredOn(e -> e.action().equals(AuditEntry.KILL_SWITCH) && e.domain().equals("ledger"))
                .singleElement().satisfies(entry -> assertThat(entry.from()).isEqualTo(80));
    }

    @Test
    void anOpsChangeAfterTheKillSwitchLiftsItForThatDomainOnly() {
        control.killSwitch("incident", ops).block();

        control.setWeight(Domain.PAYMENTS, 5, "recovered", ops).block();

        assertThat(table.weightOf(Domain.PAYMENTS)).isEqualTo(5);
        assertThat(table.weightOf(Domain.LEDGER)).isZero();
    }

    @Test
    void aReadThatAnswersLateNeverOverwritesANewerOne() {
        Sinks.One<Map<Domain, WeightRecord>> slowRead = Sinks.one();
        Sinks.One<Map<Domain, WeightRecord>> fastRead = Sinks.one();
        java.util.Deque<Mono<Map<Domain, WeightRecord>>> answers = new java.util.ArrayDeque<>(
                java.util.List.of(slowRead.asMono(), fastRead.asMono()));
        WeightStore outOfOrder = new WeightStore() {
            @Override
            public Mono<Map<Domain, WeightRecord>> load() {
                return answers.pop();
            }

            @Override
            public Mono<java.util.List<AuditEntry>> apply(java.util.List<WeightChange> changes) {
                return Mono.empty();
            }

            @Override
            public Mono<AuditPage> audit(int limit) {
                return Mono.empty();
            }

            @Override
            public boolean shared() {
                return true;
            }
        };
        RoutingTable replica = new RoutingTable();
        RoutingControl lagging = new RoutingControl(RoutingPolicyTest.configured(RoutingMode.GRADUAL_MIGRATION),
                outOfOrder, replica, Clock.systemUTC());
        WeightRecord before = new WeightRecord(40, WeightSource.RUNTIME, "ops-console", Instant.EPOCH, "old");
        WeightRecord killed = new WeightRecord(0, WeightSource.KILL_SWITCH, "ops-console", Instant.EPOCH, "incident");

        lagging.refresh().subscribe();
        lagging.refresh().subscribe();
        fastRead.tryEmitValue(Map.of(Domain.PAYMENTS, killed));
        slowRead.tryEmitValue(Map.of(Domain.PAYMENTS, before));

        assertThat(replica.weightOf(Domain.PAYMENTS)).isZero();
    }

    @Test
    void theAuditListIsNewestFirstAndSaysWhenThereIsMore() {
        for (int weight = 1; weight <= 5; weight++) {
            control.setWeight(Domain.IDENTITY, weight, "step " + weight, ops).block();
        }

        var page = control.audit(3).block();

        assertThat(page.entries()).extracting(AuditEntry::to).containsExactly(5, 4, 3);
        assertThat(page.hasMore()).isTrue();
    }
}
