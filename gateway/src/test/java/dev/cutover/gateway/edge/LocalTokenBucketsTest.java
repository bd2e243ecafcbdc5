package dev.cutover.gateway.edge;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LocalTokenBucketsTest {

    private final AtomicLong nanos = new AtomicLong();
    private final LocalTokenBuckets buckets = new LocalTokenBuckets(new RateLimiter.Limits(2, 3), nanos::get);

    @Test
    void aCallerMaySpendItsBurstThenWaitsForTheNextToken() {
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.acquire("sub:usr_1").allowed()).isTrue();
        }

        RateLimiter.Decision denied = buckets.acquire("sub:usr_1");

        assertThat(denied.allowed()).isFalse();
        assertThat(denied.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void tokensComeBackAtTheReplenishRate() {
        for (int i = 0; i < 3; i++) {
            buckets.acquire("sub:usr_1");
        }

        nanos.addAndGet(500_000_000L);

        assertThat(buckets.acquire("sub:usr_1").allowed()).isTrue();
        assertThat(buckets.acquire("sub:usr_1").allowed()).isFalse();
    }

    @Test
    void callersDoNotShareABucket() {
        for (int i = 0; i < 3; i++) {
            buckets.acquire("sub:usr_1");
        }

        assertThat(buckets.acquire("sub:usr_2").allowed()).isTrue();
    }
}
