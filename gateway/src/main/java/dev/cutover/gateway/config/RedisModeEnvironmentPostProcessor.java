package dev.cutover.gateway.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides once, before anything is created, whether this gateway uses Redis: yes when {@code REDIS_URL} or
 * one of Spring's {@code spring.data.redis.url|host} is set. Without Redis the Redis auto-configurations are
 * switched off altogether, so no client, health check or template points at a default {@code localhost:6379}
 * that nobody configured. The decision is published as {@code cutover.gateway.state.redis}.
 */
public final class RedisModeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    public static final String REDIS_URL = "REDIS_URL";
    public static final String REDIS_MODE = "cutover.gateway.state.redis";
    static final String SOURCE_NAME = "cutoverGatewayRedisMode";
    static final List<String> REDIS_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration",
            "org.springframework.cloud.gateway.config.GatewayRedisAutoConfiguration");

    @Override
    public int getOrder() {
        // after gateway.yml and every other property source is in place
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> derived = new LinkedHashMap<>();
        String redisUrl = environment.getProperty(REDIS_URL);
        boolean springUrl = StringUtils.hasText(environment.getProperty("spring.data.redis.url"));
        boolean springHost = StringUtils.hasText(environment.getProperty("spring.data.redis.host"));
        if (StringUtils.hasText(redisUrl) && !springUrl && !springHost) {
            derived.put("spring.data.redis.url", redisUrl.trim());
        }
        boolean redis = StringUtils.hasText(redisUrl) || springUrl || springHost;
        derived.put(REDIS_MODE, redis);
        if (!redis) {
            Set<String> excluded = new LinkedHashSet<>(REDIS_AUTO_CONFIGURATIONS);
            String existing = environment.getProperty("spring.autoconfigure.exclude");
            if (StringUtils.hasText(existing)) {
                excluded.addAll(StringUtils.commaDelimitedListToSet(existing));
            }
            derived.put("spring.autoconfigure.exclude", String.join(",", excluded));
        }
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, derived));
    }
}
