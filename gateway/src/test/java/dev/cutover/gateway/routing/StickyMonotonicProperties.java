package dev.cutover.gateway.routing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Sticky and monotonic (SPEC §5), over many callers, domains and weight pairs. */
class StickyMonotonicProperties {

    @Property(tries = 300)
    void raisingAWeightNeverMovesACallerFromNewBackToLegacy(@ForAll @Size(min = 50, max = 200) Set<@From("callers") String> callers,
                                                            @ForAll Domain domain,
                                                            @ForAll @IntRange(min = 0, max = 100) int from,
                                                            @ForAll @IntRange(min = 0, max = 100) int to) {
        int lower = Math.min(from, to);
        int higher = Math.max(from, to);
        for (String caller : callers) {
            int bucket = Buckets.of(domain, caller);
            if (Buckets.sideOf(bucket, lower) == Side.NEW) {
                assertThat(Buckets.sideOf(bucket, higher)).as("%s from %d to %d", caller, lower, higher).isEqualTo(Side.NEW);
            }
        }
    }

    @Property(tries = 300)
    void loweringAWeightNeverMovesACallerFromLegacyToNew(@ForAll("callers") String caller, @ForAll Domain domain,
                                                         @ForAll @IntRange(min = 0, max = 100) int from,
                                                         @ForAll @IntRange(min = 0, max = 100) int to) {
        int bucket = Buckets.of(domain, caller);
        if (to <= from && Buckets.sideOf(bucket, from) == Side.LEGACY) {
            assertThat(Buckets.sideOf(bucket, to)).isEqualTo(Side.LEGACY);
        }
    }

    @Property(tries = 500)
    void aCallerRepeatedAHundredTimesAlwaysLandsOnTheSameSide(@ForAll("callers") String caller, @ForAll Domain domain,
                                                              @ForAll @IntRange(min = 0, max = 100) int weight) {
        Side first = Buckets.sideOf(Buckets.of(domain, caller), weight);

        for (int i = 0; i < 100; i++) {
            assertThat(Buckets.sideOf(Buckets.of(domain, caller), weight)).isEqualTo(first);
        }
    }

    @Property(tries = 30)
    void anyTenThousandDistinctCallersSplitWithinTwoPoints(@ForAll("weights") int weight, @ForAll Domain domain,
                                                           @ForAll @StringLength(min = 1, max = 12) String salt) {
        int onNew = 0;
        for (int i = 0; i < 10_000; i++) {
            if (Buckets.sideOf(Buckets.of(domain, salt + "/" + i), weight) == Side.NEW) {
                onNew++;
            }
        }

        assertThat(onNew / 100.0).isBetween(weight - 2.0, weight + 2.0);
    }

    @Example
    void raisingPaymentsFromTenToFiftyOnlyAddsCallersToNew() {
        List<String> callers = java.util.stream.IntStream.range(0, 10_000).mapToObj(i -> "usr_" + i).toList();
        long movedBack = callers.stream()
                .map(c -> Buckets.of(Domain.PAYMENTS, c))
                .filter(b -> Buckets.sideOf(b, 10) == Side.NEW && Buckets.sideOf(b, 50) == Side.LEGACY)
                .count();
        long movedForward = callers.stream()
                .map(c -> Buckets.of(Domain.PAYMENTS, c))
                .filter(b -> Buckets.sideOf(b, 10) == Side.LEGACY && Buckets.sideOf(b, 50) == Side.NEW)
                .count();

        assertThat(movedBack).isZero();
        assertThat(movedForward).isBetween(3_800L, 4_200L);
    }

    @Provide
    Arbitrary<String> callers() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().ofMinLength(4).ofMaxLength(24).map(s -> "usr_" + s),
                Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(64),
                Arbitraries.integers().between(0, 255).list().ofSize(4)
                        .map(octets -> String.join(".", octets.stream().map(String::valueOf).toList())));
    }

    @Provide
    Arbitrary<Integer> weights() {
        return Arbitraries.of(0, 1, 10, 50, 99, 100);
    }
}
