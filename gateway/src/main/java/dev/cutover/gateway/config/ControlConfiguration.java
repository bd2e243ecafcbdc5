package dev.cutover.gateway.config;

import dev.cutover.gateway.control.InMemoryWeightStore;
import dev.cutover.gateway.control.RedisWeightStore;
import dev.cutover.gateway.control.RoutingControl;
import dev.cutover.gateway.control.RoutingHealth;
import dev.cutover.gateway.control.RoutingStatePoller;
import dev.cutover.gateway.control.WeightStore;
import dev.cutover.gateway.routing.RoutingTable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/** The control plane: weight store (Redis or memory), the replica's control, its poller and readiness. */
@Configuration(proxyBeanMethods = false)
class ControlConfiguration {

    @Bean
    WeightStore weightStore(GatewayProperties properties, ObjectProvider<ReactiveStringRedisTemplate> redis, JsonMapper json) {
        GatewayProperties.State state = properties.state();
        if (state.redis()) {
            return new RedisWeightStore(redis.getObject(), json, state.keyPrefix(), state.auditRetention(), state.redisTimeout());
        }
        return new InMemoryWeightStore(state.auditRetention());
    }

    @Bean
    RoutingControl routingControl(GatewaySettings settings, WeightStore store, RoutingTable table) {
        return new RoutingControl(settings.routing(), store, table, Clock.systemUTC());
    }

    @Bean
    RoutingStatePoller routingStatePoller(RoutingControl control, GatewayProperties properties) {
        return new RoutingStatePoller(control, properties.state().pollInterval(), properties.state().startupWait());
    }

    @Bean
    RoutingHealth routingHealthIndicator(RoutingControl control) {
        return new RoutingHealth(control);
    }
}
