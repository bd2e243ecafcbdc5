package dev.cutover.gateway.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingModeTest {

    @Test
    void modesParseFromTheirDocumentedValuesIgnoringCaseAndSpaces() {
        assertThat(RoutingMode.fromValue("legacy_only")).contains(RoutingMode.LEGACY_ONLY);
        assertThat(RoutingMode.fromValue(" NEW_ONLY ")).contains(RoutingMode.NEW_ONLY);
        assertThat(RoutingMode.fromValue("gradual_migration")).contains(RoutingMode.GRADUAL_MIGRATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "legacy", "new-only", "gradual", "all_new"})
    void anythingElseIsNotAMode(String raw) {
        assertThat(RoutingMode.fromValue(raw)).isEmpty();
        assertThat(RoutingMode.fromValue(null)).isEmpty();
    }

    @Test
    void legacyOnlyAndNewOnlyForceAWeightWhileGradualMigrationDoesNot() {
        assertThat(RoutingMode.LEGACY_ONLY.forcedWeight()).hasValue(0);
        assertThat(RoutingMode.NEW_ONLY.forcedWeight()).hasValue(100);
        assertThat(RoutingMode.GRADUAL_MIGRATION.forcedWeight()).isEmpty();
    }
}
