package dev.cutover.gateway.edge;

import dev.cutover.gateway.redis.LuaScripts;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets shared by every replica, one Redis hash per caller, taken atomically by a Lua script that
 * uses Redis's clock (replicas' clocks never disagree about a bucket). A busy caller's tokens are taken a few
 * at a time and spent from this replica's memory ({@link TokenLeases}), so most of its requests do not wait
 * for Redis; with a lease period of zero every request asks Redis. If Redis is slow or down the request is
 * let through: a rate limiter must not turn a Redis outage into a gateway outage.
 */
public final class RedisTokenBuckets implements RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RedisTokenBuckets.class);
    private static final long WARN_EVERY_MILLIS = 10_000;
    private static final Mono<Decision> ALLOWED = Mono.just(Decision.ALLOWED);

    private final ReactiveStringRedisTemplate redis;
    private final RedisScript<List> script;
    private final Limits limits;
    private final String keyPrefix;
    private final Duration timeout;
    private final AtomicLong lastWarning = new AtomicLong();
    private final @Nullable TokenLeases leases;

    public RedisTokenBuckets(ReactiveStringRedisTemplate redis, Limits limits, String keyPrefix, Duration timeout,
                             Duration leaseFor) {
        this.redis = redis;
        this.script = LuaScripts.listReplying("token_bucket.lua");
        this.limits = limits;
        this.keyPrefix = keyPrefix + "ratelimit:";
        this.timeout = timeout;
        this.leases = leaseFor.isPositive() ? new TokenLeases(leaseFor, limits, System::nanoTime) : null;
    }

    @Override
    public Mono<Decision> tryAcquire(String callerKey) {
        int wanted = leases == null ? 1 : leases.spendOrAsk(callerKey);
        if (wanted == 0) {
            return ALLOWED;
        }
        List<String> keys = List.of(keyPrefix + callerKey);
        return redis.execute(script, keys, List.of(Double.toString(limits.replenishPerSecond()),
                        Integer.toString(limits.burst()), Long.toString(limits.refillMillis()), Integer.toString(wanted)))
                .next()
                .map(reply -> decision(callerKey, reply))
                .timeout(timeout)
                .onErrorResume(error -> {
                    warn(error);
                    return Mono.just(Decision.ALLOWED);
                })
                .defaultIfEmpty(Decision.ALLOWED);
    }

    private Decision decision(String callerKey, List<?> reply) {
        int taken = ((Number) reply.get(0)).intValue();
        long retryAfterMillis = ((Number) reply.get(1)).longValue();
        if (leases != null) {
            leases.granted(callerKey, taken);
        }
        return taken >= 1 ? Decision.ALLOWED : Decision.deniedFor(retryAfterMillis);
    }

    private void warn(Throwable error) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last > WARN_EVERY_MILLIS && lastWarning.compareAndSet(last, now)) {
            log.warn("rate limiting is letting requests through: Redis did not answer ({})", error.getClass().getSimpleName());
        }
    }
}
