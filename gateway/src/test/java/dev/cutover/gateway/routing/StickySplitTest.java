package dev.cutover.gateway.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §5: measured split within ±2 points of the weight over 10 000 distinct callers. */
class StickySplitTest {

    private static final int CALLERS = 10_000;

    @ParameterizedTest(name = "weight {0}")
    @ValueSource(ints = {0, 1, 10, 50, 99, 100})
    void tenThousandDistinctCallersSplitWithinTwoPointsOfTheWeight(int weight) {
        for (Domain domain : Domain.values()) {
            int onNew = 0;
            for (int i = 0; i < CALLERS; i++) {
                if (Buckets.sideOf(Buckets.of(domain, "usr_" + i), weight) == Side.NEW) {
                    onNew++;
                }
            }

            double percentOnNew = onNew * 100.0 / CALLERS;
            assertThat(percentOnNew).as("%s at weight %d", domain, weight).isBetween(weight - 2.0, weight + 2.0);
        }
    }

    @ParameterizedTest(name = "weight {0}")
    @ValueSource(ints = {0, 1, 10, 50, 99, 100})
    void callersOfEveryKindSplitWithinTwoPoints(int weight) {
        // subjects, client ids and addresses look nothing alike; the split must not care
        int onNew = 0;
        for (int i = 0; i < CALLERS; i++) {
            String caller = switch (i % 3) {
                case 0 -> "usr_" + UUID.nameUUIDFromBytes(Integer.toString(i).getBytes()).toString().replace("-", "");
                case 1 -> "mobile-ios-" + i;
                default -> "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
            };
            if (Buckets.sideOf(Buckets.of(Domain.PAYMENTS, caller), weight) == Side.NEW) {
                onNew++;
            }
        }

        assertThat(onNew * 100.0 / CALLERS).isBetween(weight - 2.0, weight + 2.0);
    }
}
