package dev.cutover.gateway.edge;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Tokens this replica has taken from callers' shared buckets ahead of need, so that most requests of a busy
 * caller are decided in memory. Each lease is spent within {@code leaseFor} or lost. It is sized by how many
 * requests the caller made here in the current or the last lease period (doubling from one within a burst), so
 * what a caller that stops loses is at most what it spent in a period — a caller below half its limit is
 * never refused because of leasing — and it never holds more than the bucket refills in that time. The tokens come out of the shared bucket, so leasing
 * never lets a caller past its limit; it can only make a caller that spreads over many replicas reach it a
 * little earlier.
 */
final class TokenLeases {

    private static final int SWEEP_EVERY = 4096;

    private final long leaseNanos;
    private final int largestLease;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    TokenLeases(Duration leaseFor, RateLimiter.Limits limits, LongSupplier nanoClock) {
        this.leaseNanos = leaseFor.toNanos();
        this.largestLease = (int) Math.max(1, Math.min(limits.burst(),
                Math.floor(limits.replenishPerSecond() * leaseFor.toNanos() / 1e9)));
        this.nanoClock = nanoClock;
    }

    /**
     * Spends a token of the caller's lease if it holds one; otherwise answers how many tokens to ask the
     * shared bucket for (at least 1), after which {@link #granted} must be called with what it gave.
     */
    int spendOrAsk(String callerKey) {
        long now = nanoClock.getAsLong();
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            leases.values().removeIf(lease -> lease.forgettable(now, leaseNanos));
        }
        return leases.computeIfAbsent(callerKey, key -> new Lease()).spendOrAsk(now, leaseNanos, largestLease);
    }

    /** The shared bucket gave {@code tokens} (one of which the asking request spends), possibly none. */
    void granted(String callerKey, int tokens) {
        if (tokens > 1) {
            leases.computeIfAbsent(callerKey, key -> new Lease()).add(tokens - 1, nanoClock.getAsLong(), leaseNanos);
        }
    }

    int largestLease() {
        return largestLease;
    }

    int held() {
        return leases.size();
    }

    private static final class Lease {

        private int tokens;
        private long expiresAt;
        /** Requests of the caller seen here in the current lease period, and in the one before it. */
        private boolean started;
        private long periodStart;
        private int seen;
        private int seenBefore;

        synchronized int spendOrAsk(long now, long leaseNanos, int largestLease) {
            if (!started) {
                started = true;
                periodStart = now;
            }
            long intoPeriod = now - periodStart;
            if (intoPeriod >= leaseNanos) {
                seenBefore = intoPeriod < 2 * leaseNanos ? seen : 0;
                seen = 0;
                periodStart = now;
            }
            seen++;
            if (tokens > 0 && now - expiresAt < 0) {
                tokens--;
                return 0;
            }
            tokens = 0;
            // what the caller spent in a lease period lately: at most that much is lost should it stop now
            return Math.clamp(Math.max(seen, seenBefore), 1, largestLease);
        }

        synchronized void add(int extra, long now, long leaseNanos) {
            tokens += extra;
            expiresAt = now + leaseNanos;
        }

        synchronized boolean forgettable(long now, long leaseNanos) {
            return now - periodStart > 4 * leaseNanos;
        }
    }
}
