package dev.cutover.gateway.edge;

import dev.cutover.gateway.support.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.Fuseable;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared buckets against a real Redis, with two replicas leasing tokens from one caller's bucket at once. */
class RedisTokenBucketsIT {

    private static final String PREFIX = TestRedis.newPrefix();
    private static LettuceConnectionFactory connections;
    private static ReactiveStringRedisTemplate redis;

    @BeforeAll
    static void connect() {
        URI url = URI.create(TestRedis.url());
        connections = new LettuceConnectionFactory(url.getHost(), url.getPort());
        connections.afterPropertiesSet();
        connections.start();
        redis = new ReactiveStringRedisTemplate(connections);
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
        TestRedis.deleteKeys(PREFIX);
    }

    @Test
    void replicasLeasingFromOneBucketNeverLetACallerPastItsLimit() throws Exception {
        RateLimiter.Limits limits = new RateLimiter.Limits(50, 20);
        List<RedisTokenBuckets> replicas = List.of(replica(limits, Duration.ofMillis(500)), replica(limits, Duration.ofMillis(500)));
        Duration span = Duration.ofMillis(1_500);
        // connected before the clock starts: a full bucket waiting for a connection loses its refill
        replicas.forEach(replica -> replica.tryAcquire("sub:usr_warm-up").block(Duration.ofSeconds(5)));

        long started = System.nanoTime();
        int allowed = hammer(replicas, "sub:usr_greedy", 16, span);
        double seconds = (System.nanoTime() - started) / 1e9;

        // the bucket holds 20 and refills 50 a second: nothing leased can come from anywhere else
        assertThat(allowed).isLessThanOrEqualTo((int) Math.ceil(20 + 50 * seconds));
        // a caller over its limit still gets most of it (each replica loses at most a lease a period)
        assertThat(allowed).isGreaterThanOrEqualTo((int) (20 + 50 * span.toMillis() / 1000.0 * 0.6));
    }

    @Test
    void aBusyCallerIsMostlyAnsweredFromItsLeaseWithoutRedis() {
        RedisTokenBuckets replica = replica(new RateLimiter.Limits(1_000, 2_000), Duration.ofMillis(500));
        int fromMemory = 0;
        for (int i = 0; i < 200; i++) {
            Mono<RateLimiter.Decision> decision = replica.tryAcquire("sub:usr_busy");
            if (decision instanceof Fuseable.ScalarCallable<?>) {
                fromMemory++;
            }
            assertThat(decision.block(Duration.ofSeconds(2)).allowed()).isTrue();
        }

        assertThat(fromMemory).isGreaterThan(180);
    }

    @Test
    void withoutLeasesEveryRequestTakesOneTokenFromRedis() {
        RedisTokenBuckets replica = replica(new RateLimiter.Limits(0.5, 3), Duration.ZERO);

        List<Boolean> allowed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            allowed.add(replica.tryAcquire("sub:usr_plain").block(Duration.ofSeconds(2)).allowed());
        }

        assertThat(allowed).containsExactly(true, true, true, false, false);
    }

    private static RedisTokenBuckets replica(RateLimiter.Limits limits, Duration leaseFor) {
        return new RedisTokenBuckets(redis, limits, PREFIX, Duration.ofSeconds(2), leaseFor);
    }

    private static int hammer(List<RedisTokenBuckets> replicas, String caller, int threads, Duration span) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        long end = System.nanoTime() + span.toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Integer>> counts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                RedisTokenBuckets replica = replicas.get(t % replicas.size());
                counts.add(pool.submit(() -> {
                    start.await();
                    int allowed = 0;
                    while (System.nanoTime() < end) {
                        if (replica.tryAcquire(caller).block(Duration.ofSeconds(2)).allowed()) {
                            allowed++;
                        }
                        TimeUnit.MILLISECONDS.sleep(1);
                    }
                    return allowed;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> count : counts) {
                total += count.get();
            }
            return total;
        }
    }
}
