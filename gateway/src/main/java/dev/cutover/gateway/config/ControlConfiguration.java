package dev.cutover.gateway.config;

import dev.cutover.gateway.control.InMemoryWeightStore;
import dev.cutover.gateway.control.RedisWeightStore;
import dev.cutover.gateway.control.RoutingControl;
import dev.cutover.gateway.control.RoutingHealth;
import dev.cutover.gateway.control.RoutingStatePoller;
import dev.cutover.gateway.control.SyncStatus;
import dev.cutover.gateway.control.WeightStore;
import dev.cutover.gateway.routing.Domain;
import dev.cutover.gateway.routing.RoutingTable;
import dev.cutover.gateway.routing.Side;
import io.netty.channel.ChannelOption;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The control plane: weight store (Redis or memory), the replica's control, its poller and readiness. */
@Configuration(proxyBeanMethods = false)
class ControlConfiguration {

    static final Duration SYNC_STATUS_TIMEOUT = Duration.ofSeconds(1);

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

    /** Each domain's change streams for the routing view; asked with the ops caller's token, answered within 1 s. */
    @Bean
    SyncStatus syncStatus(GatewaySettings settings) {
        HttpClient http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) SYNC_STATUS_TIMEOUT.toMillis())
                .responseTimeout(SYNC_STATUS_TIMEOUT);
        Map<String, java.net.URI> services = new java.util.LinkedHashMap<>();
        for (Domain domain : Domain.values()) {
            services.put(domain.key(), settings.upstreams().uri(domain, Side.NEW));
        }
        return new SyncStatus(services,
                WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build(), SYNC_STATUS_TIMEOUT);
    }

    @Bean
    RoutingHealth routingHealthIndicator(RoutingControl control) {
        return new RoutingHealth(control);
    }
}
