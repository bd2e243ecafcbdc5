package dev.cutover.gateway.edge;

import reactor.core.publisher.Mono;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Token buckets in this replica's memory, for when no Redis is configured: each replica then enforces the
 * limit on its own share of the traffic. Buckets that have refilled are forgotten, which is the same as
 * keeping them full.
 */
public final class LocalTokenBuckets implements RateLimiter {

    private static final int SWEEP_EVERY = 4096;

    private final Limits limits;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    public LocalTokenBuckets(Limits limits) {
        this(limits, System::nanoTime);
    }

    LocalTokenBuckets(Limits limits, LongSupplier nanoClock) {
        this.limits = limits;
        this.nanoClock = nanoClock;
    }

    @Override
    public Mono<Decision> tryAcquire(String callerKey) {
        return Mono.just(acquire(callerKey));
    }

    Decision acquire(String callerKey) {
        long now = nanoClock.getAsLong();
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep(now);
        }
        Bucket bucket = buckets.computeIfAbsent(callerKey, key -> new Bucket(limits.burst(), now));
        return bucket.take(now, limits);
    }

    int size() {
        return buckets.size();
    }

    private void sweep(long now) {
        long idle = limits.refillMillis() * 1_000_000L;
        buckets.entrySet().removeIf(entry -> entry.getValue().idleSince(now) > idle);
    }

    private static final class Bucket {

        private double tokens;
        private long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }

        synchronized Decision take(long now, Limits limits) {
            double elapsedSeconds = Math.max(0, now - updatedNanos) / 1e9;
            tokens = Math.min(limits.burst(), tokens + elapsedSeconds * limits.replenishPerSecond());
            updatedNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Decision.ALLOWED;
            }
            return Decision.deniedFor((long) Math.ceil((1 - tokens) * 1000 / limits.replenishPerSecond()));
        }

        synchronized long idleSince(long now) {
            return now - updatedNanos;
        }
    }
}
