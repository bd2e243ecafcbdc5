package dev.cutover.gateway.control;

import dev.cutover.gateway.routing.Domain;
import dev.cutover.gateway.routing.RoutingMode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingPolicyTest {

    private static final WeightRecord RUNTIME_30 = new WeightRecord(30, WeightSource.RUNTIME, "ops-console", Instant.EPOCH, "canary");
    private static final WeightRecord KILLED = new WeightRecord(0, WeightSource.KILL_SWITCH, "ops-console", Instant.EPOCH, "incident");

    @Test
    void withoutChangesTheConfiguredWeightIsInForceWithItsSource() {
        var effective = RoutingPolicy.resolve(Domain.PAYMENTS, configured(RoutingMode.GRADUAL_MIGRATION), null);

        assertThat(effective.weight()).isEqualTo(10);
        assertThat(effective.source()).isEqualTo(WeightSource.ENVIRONMENT);
    }

    @Test
    void aRuntimeChangeOverridesTheConfiguredWeight() {
        var effective = RoutingPolicy.resolve(Domain.PAYMENTS, configured(RoutingMode.GRADUAL_MIGRATION), RUNTIME_30);

        assertThat(effective.weight()).isEqualTo(30);
        assertThat(effective.source()).isEqualTo(WeightSource.RUNTIME);
    }

    @Test
    void legacyOnlyAndNewOnlyOverrideEveryWeight() {
        assertThat(RoutingPolicy.resolve(Domain.PAYMENTS, configured(RoutingMode.LEGACY_ONLY), RUNTIME_30))
                .extracting(RoutingPolicy.Effective::weight, RoutingPolicy.Effective::source)
                .containsExactly(0, WeightSource.ROUTING_MODE);
        assertThat(RoutingPolicy.resolve(Domain.LEDGER, configured(RoutingMode.NEW_ONLY), null))
                .extracting(RoutingPolicy.Effective::weight, RoutingPolicy.Effective::source)
                .containsExactly(100, WeightSource.ROUTING_MODE);
    }

    @Test
    void theKillSwitchWinsEvenOverNewOnly() {
        var effective = RoutingPolicy.resolve(Domain.PAYMENTS, configured(RoutingMode.NEW_ONLY), KILLED);

        assertThat(effective.weight()).isZero();
        assertThat(effective.source()).isEqualTo(WeightSource.KILL_SWITCH);
    }

    static ConfiguredRouting configured(RoutingMode mode) {
        Map<Domain, ConfiguredRouting.Configured> weights = new EnumMap<>(Domain.class);
        weights.put(Domain.PAYMENTS, new ConfiguredRouting.Configured(10, WeightSource.ENVIRONMENT));
        weights.put(Domain.IDENTITY, new ConfiguredRouting.Configured(0, WeightSource.CONFIGURATION));
        weights.put(Domain.LEDGER, new ConfiguredRouting.Configured(50, WeightSource.ENVIRONMENT));
        return new ConfiguredRouting(mode, WeightSource.CONFIGURATION, weights);
    }
}
