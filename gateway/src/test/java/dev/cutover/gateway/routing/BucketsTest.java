package dev.cutover.gateway.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class BucketsTest {

    @Test
    void aBucketIsTheFirstEightBytesOfSha256OfDomainNewlineCallerModuloTenThousand() throws Exception {
        // the documented recipe, so ops can compute a caller's bucket outside Java
        byte[] hash = MessageDigest.getInstance("SHA-256").digest("payments\nusr_42".getBytes(StandardCharsets.UTF_8));
        long prefix = Long.parseUnsignedLong(HexFormat.of().formatHex(hash, 0, 8), 16);

        assertThat(Buckets.of(Domain.PAYMENTS, "usr_42")).isEqualTo((int) Long.remainderUnsigned(prefix, 10_000));
    }

    @Test
    void theSameCallerGetsTheSameBucketEveryTime() {
        int first = Buckets.of(Domain.LEDGER, "usr_stable");

        for (int i = 0; i < 1_000; i++) {
            assertThat(Buckets.of(Domain.LEDGER, "usr_stable")).isEqualTo(first);
        }
    }

    @Test
    void bucketsAreSaltedPerDomainSoOneCohortIsNotFirstEverywhere() {
        int sameBucketInEveryDomain = 0;
        for (int i = 0; i < 1_000; i++) {
            String caller = "usr_" + i;
            int payments = Buckets.of(Domain.PAYMENTS, caller);
            if (payments == Buckets.of(Domain.IDENTITY, caller) && payments == Buckets.of(Domain.LEDGER, caller)) {
                sameBucketInEveryDomain++;
            }
        }

        assertThat(sameBucketInEveryDomain).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "usr_1", "ops-console", "127.0.0.1", "ünïcødé", "a very long client identifier indeed"})
    void everyCallerLandsInABucketFromZeroTo9999(String caller) {
        for (Domain domain : Domain.values()) {
            assertThat(Buckets.of(domain, caller)).isBetween(0, Buckets.COUNT - 1);
        }
    }

    @Test
    void aBucketGoesToNewExactlyWhenItIsBelowTheWeightTimesOneHundred() {
        assertThat(Buckets.sideOf(0, 0)).isEqualTo(Side.LEGACY);
        assertThat(Buckets.sideOf(0, 1)).isEqualTo(Side.NEW);
        assertThat(Buckets.sideOf(99, 1)).isEqualTo(Side.NEW);
        assertThat(Buckets.sideOf(100, 1)).isEqualTo(Side.LEGACY);
        assertThat(Buckets.sideOf(9_999, 99)).isEqualTo(Side.LEGACY);
        assertThat(Buckets.sideOf(9_999, 100)).isEqualTo(Side.NEW);
    }
}
