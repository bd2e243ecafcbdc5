package dev.cutover.gateway.edge;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TokenLeasesTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong nanos = new AtomicLong(1_000 * MS);
    private final TokenLeases leases = new TokenLeases(Duration.ofMillis(500), new RateLimiter.Limits(50, 100), nanos::get);

    @Test
    void aCallerSeenForTheFirstTimeAsksForOneToken() {
        assertThat(leases.spendOrAsk("sub:usr_1")).isEqualTo(1);
    }

    @Test
    void withinABurstTheLeaseDoublesFromOne() {
        List<Integer> asked = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            nanos.addAndGet(MS);
            int wanted = leases.spendOrAsk("sub:usr_1");
            if (wanted > 0) {
                asked.add(wanted);
                leases.granted("sub:usr_1", wanted);
            }
        }

        assertThat(asked).containsExactly(1, 2, 4, 8);
    }

    @Test
    void aSteadyCallerLeasesWhatItSpendsInALeasePeriod() {
        List<Integer> asked = drive(10, Duration.ofSeconds(3));

        // 10/s over 500 ms
        assertThat(asked.subList(asked.size() - 3, asked.size())).allMatch(wanted -> wanted >= 5 && wanted <= 6);
    }

    @Test
    void aBurstyCallerTakesAtMostTwiceWhatItSpends() {
        int taken = 0;
        int spent = 0;
        for (int burst = 0; burst < 25; burst++) {
            for (int i = 0; i < 3; i++) {
                nanos.addAndGet(7 * MS);
                int wanted = leases.spendOrAsk("sub:usr_phone");
                spent++;
                if (wanted > 0) {
                    leases.granted("sub:usr_phone", wanted);
                    taken += wanted;
                }
            }
            nanos.addAndGet(400 * MS);
        }

        assertThat(taken).isLessThanOrEqualTo(2 * spent);
    }

    @Test
    void leasedTokensAreSpentInMemoryThenTheNextRequestAsksAgain() {
        leases.spendOrAsk("sub:usr_1");
        leases.granted("sub:usr_1", 4);

        for (int i = 0; i < 3; i++) {
            nanos.addAndGet(10 * MS);
            assertThat(leases.spendOrAsk("sub:usr_1")).isZero();
        }
        nanos.addAndGet(10 * MS);
        assertThat(leases.spendOrAsk("sub:usr_1")).isPositive();
    }

    @Test
    void anExpiredLeaseIsNotSpent() {
        leases.spendOrAsk("sub:usr_1");
        leases.granted("sub:usr_1", 10);
        nanos.addAndGet(500 * MS);

        assertThat(leases.spendOrAsk("sub:usr_1")).isPositive();
    }

    @Test
    void aLeaseNeverHoldsMoreThanTheBucketRefillsInTheLeasePeriod() {
        assertThat(leases.largestLease()).isEqualTo(25);
        List<Integer> asked = drive(1_000, Duration.ofSeconds(1));

        assertThat(asked).last().isEqualTo(25);
    }

    @Test
    void aSlowLimitLeasesOneTokenAtATime() {
        TokenLeases slow = new TokenLeases(Duration.ofMillis(500), new RateLimiter.Limits(0.5, 3), nanos::get);

        assertThat(slow.largestLease()).isEqualTo(1);
    }

    @Test
    void callersHaveLeasesOfTheirOwn() {
        leases.spendOrAsk("sub:usr_1");
        leases.granted("sub:usr_1", 5);

        assertThat(leases.spendOrAsk("sub:usr_2")).isEqualTo(1);
        assertThat(leases.spendOrAsk("sub:usr_1")).isZero();
    }

    /** Requests at {@code perSecond} for {@code span}, each lease granted in full; the sizes asked for. */
    private List<Integer> drive(int perSecond, Duration span) {
        List<Integer> asked = new ArrayList<>();
        long step = 1_000_000_000L / perSecond;
        for (long at = 0; at < span.toNanos(); at += step) {
            nanos.addAndGet(step);
            int wanted = leases.spendOrAsk("sub:usr_steady");
            if (wanted > 0) {
                asked.add(wanted);
                leases.granted("sub:usr_steady", wanted);
            }
        }
        return asked;
    }

    @Test
    void leasesOfCallersGoneQuietAreForgotten() {
        for (int i = 0; i < 100; i++) {
            leases.spendOrAsk("sub:usr_" + i);
        }
        nanos.addAndGet(10_000 * MS);
        for (int i = 0; i < 4096; i++) {
            leases.spendOrAsk("sub:usr_busy");
        }

        assertThat(leases.held()).isLessThan(100);
    }
}
