package dev.cutover.payments.task;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CappedBackoffTest {

    @Test
    void theWaitDoublesWithEachFailureUpToTheCap() {
        Duration initial = Duration.ofSeconds(1);
        Duration max = Duration.ofMinutes(5);

        assertThat(TaskScheduling.CappedBackoff.delay(initial, max, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(TaskScheduling.CappedBackoff.delay(initial, max, 1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(TaskScheduling.CappedBackoff.delay(initial, max, 5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(TaskScheduling.CappedBackoff.delay(initial, max, 9)).isEqualTo(max);
        assertThat(TaskScheduling.CappedBackoff.delay(initial, max, 10_000)).isEqualTo(max);
    }
}
