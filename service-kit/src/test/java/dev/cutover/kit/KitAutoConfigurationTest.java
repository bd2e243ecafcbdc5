package dev.cutover.kit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KitAutoConfigurationTest {

    @Test
    void theInFlightLimitIsAWholeNumberAndZeroTurnsItOff() {
        assertThat(KitAutoConfiguration.maxInFlight("512")).isEqualTo(512);
        assertThat(KitAutoConfiguration.maxInFlight(" 8 ")).isEqualTo(8);
        assertThat(KitAutoConfiguration.maxInFlight("0")).isZero();
        assertThat(new KitAutoConfiguration().inFlightLimit("0").isEnabled()).isFalse();
        assertThat(new KitAutoConfiguration().inFlightLimit("16").getFilter().limit()).isEqualTo(16);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "lots", "", "1.5"})
    void anythingElseStopsTheServiceFromStarting(String configured) {
        assertThatThrownBy(() -> KitAutoConfiguration.maxInFlight(configured))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MAX_IN_FLIGHT");
    }
}
