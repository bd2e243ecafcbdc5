package dev.cutover.gateway.control;

import dev.cutover.gateway.redis.LuaScripts;
import dev.cutover.gateway.routing.Domain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The shared store: a hash {@code <prefix>weights} (domain → record JSON) and a capped list
 * {@code <prefix>audit} (newest first). A change and its audit entry are written by one Lua script, which also
 * reads the previous weight, so concurrent changes from two replicas each record the right {@code from}.
 */
public final class RedisWeightStore implements WeightStore {

    private static final Logger log = LoggerFactory.getLogger(RedisWeightStore.class);

    private final ReactiveStringRedisTemplate redis;
    private final StoredJson json;
    private final String weightsKey;
    private final String auditKey;
    private final int retention;
    private final Duration timeout;
    @SuppressWarnings("rawtypes")
    private final RedisScript<List> applyScript =
            LuaScripts.listReplying("apply_weights.lua");

    public RedisWeightStore(ReactiveStringRedisTemplate redis, JsonMapper mapper, String keyPrefix, int retention,
                            Duration timeout) {
        this.redis = redis;
        this.json = new StoredJson(mapper);
        this.weightsKey = keyPrefix + "weights";
        this.auditKey = keyPrefix + "audit";
        this.retention = retention;
        this.timeout = timeout;
    }

    @Override
    public Mono<Map<Domain, WeightRecord>> load() {
        return redis.<String, String>opsForHash().entries(weightsKey)
                .collectList()
                .map(entries -> {
                    Map<Domain, WeightRecord> records = new EnumMap<>(Domain.class);
                    for (Map.Entry<String, String> entry : entries) {
                        Domain.fromKey(entry.getKey()).ifPresent(domain -> {
                            try {
                                records.put(domain, json.readRecord(entry.getValue()));
                            } catch (RuntimeException unreadable) {
                                log.warn("ignoring an unreadable stored weight for {}: {}", domain.key(),
                                        unreadable.getClass().getSimpleName());
                            }
                        });
                    }
                    return (Map<Domain, WeightRecord>) records;
                })
                .timeout(timeout);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Mono<List<AuditEntry>> apply(List<WeightChange> changes) {
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(retention));
        for (WeightChange change : changes) {
            args.add(change.domain().key());
            args.add(json.write(change.record()));
            args.add(json.write(change.audit()));
            args.add(Integer.toString(change.previous().weight()));
            args.add(change.previous().source().value());
        }
        return redis.execute(applyScript, List.of(weightsKey, auditKey), args)
                .reduce(new ArrayList<Object>(), (all, part) -> {
                    all.addAll(part);
                    return all;
                })
                .map(written -> written.stream().map(entry -> json.readAudit(entry.toString())).toList())
                .timeout(timeout);
    }

    @Override
    public Mono<AuditPage> audit(int limit) {
        return redis.opsForList().range(auditKey, 0, limit)
                .map(json::readAudit)
                .collectList()
                .map(entries -> entries.size() > limit
                        ? new AuditPage(List.copyOf(entries.subList(0, limit)), true)
                        : new AuditPage(entries, false))
                .timeout(timeout);
    }

    @Override
    public boolean shared() {
        return true;
    }
}
