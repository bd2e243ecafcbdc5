package dev.cutover.gateway.edge;

import dev.cutover.gateway.redis.LuaScripts;
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
 * uses Redis's clock (replicas' clocks never disagree about a bucket). If Redis is slow or down the request
 * is let through: a rate limiter must not turn a Redis outage into a gateway outage.
 */
public final class RedisTokenBuckets implements RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RedisTokenBuckets.class);
    private static final long WARN_EVERY_MILLIS = 10_000;

    private final ReactiveStringRedisTemplate redis;
    private final RedisScript<List> script;
    private final Limits limits;
    private final String keyPrefix;
    private final Duration timeout;
    private final AtomicLong lastWarning = new AtomicLong();

    public RedisTokenBuckets(ReactiveStringRedisTemplate redis, Limits limits, String keyPrefix, Duration timeout) {
        this.redis = redis;
        this.script = LuaScripts.listReplying("token_bucket.lua");
        this.limits = limits;
        this.keyPrefix = keyPrefix + "ratelimit:";
        this.timeout = timeout;
    }

    @Override
    public Mono<Decision> tryAcquire(String callerKey) {
        List<String> keys = List.of(keyPrefix + callerKey);
        return redis.execute(script, keys, List.of(Double.toString(limits.replenishPerSecond()),
                        Integer.toString(limits.burst()), Long.toString(limits.refillMillis())))
                .next()
                .map(RedisTokenBuckets::decision)
                .timeout(timeout)
                .onErrorResume(error -> {
                    warn(error);
                    return Mono.just(Decision.ALLOWED);
                })
                .defaultIfEmpty(Decision.ALLOWED);
    }

    private static Decision decision(List<?> reply) {
        long allowed = ((Number) reply.get(0)).longValue();
        long retryAfterMillis = ((Number) reply.get(1)).longValue();
        return allowed == 1 ? Decision.ALLOWED : Decision.deniedFor(retryAfterMillis);
    }

    private void warn(Throwable error) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last > WARN_EVERY_MILLIS && lastWarning.compareAndSet(last, now)) {
            log.warn("rate limiting is letting requests through: Redis did not answer ({})", error.getClass().getSimpleName());
        }
    }
}
