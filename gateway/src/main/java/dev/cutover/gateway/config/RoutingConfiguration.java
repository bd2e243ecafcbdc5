package dev.cutover.gateway.config;

import dev.cutover.gateway.metrics.RequestMetricsFilter;
import dev.cutover.gateway.metrics.WeightGauges;
import dev.cutover.gateway.problem.ProblemExceptionHandler;
import dev.cutover.gateway.problem.ProblemWriter;
import dev.cutover.gateway.resilience.UpstreamGuard;
import dev.cutover.gateway.resilience.UpstreamHealth;
import dev.cutover.gateway.routing.ClientAddresses;
import dev.cutover.gateway.routing.MigrationRoutes;
import dev.cutover.gateway.routing.RoutingTable;
import dev.cutover.gateway.routing.SideChooser;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/** Routes, the sticky chooser, upstream breakers, problem responses and request metrics. */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    GatewaySettings gatewaySettings(GatewayProperties properties, Environment environment) {
        return GatewaySettings.from(properties, environment);
    }

    @Bean
    RoutingTable routingTable() {
        return new RoutingTable();
    }

    @Bean
    ClientAddresses clientAddresses(GatewaySettings settings) {
        return new ClientAddresses(settings.trustedProxies());
    }

    @Bean
    SideChooser sideChooser(RoutingTable table, ClientAddresses addresses) {
        return new SideChooser(table, addresses);
    }

    @Bean
    RouteLocator migrationRoutes(RouteLocatorBuilder builder, GatewaySettings settings, SideChooser chooser) {
        return MigrationRoutes.of(builder, settings.upstreams(), chooser);
    }

    @Bean
    UpstreamGuard upstreamGuard(GatewaySettings settings, CircuitBreakerRegistry breakers, MeterRegistry meters) {
        return new UpstreamGuard(settings.upstreams(), breakers, meters);
    }

    /**
     * Reactor Netty retries a request once when a pooled connection turns out to be closed. That could send a
     * write twice, so it is off: the pool's idle time is kept below the upstreams' keep-alive instead (ADR 0013).
     */
    @Bean
    HttpClientCustomizer noSilentRetries() {
        return client -> client.disableRetry(true);
    }

    @Bean
    CompositeReactiveHealthContributor upstreamsHealthContributor(GatewaySettings settings, CircuitBreakerRegistry breakers,
                                                                  GatewayProperties properties) {
        return UpstreamHealth.of(settings.upstreams(), breakers, properties.healthProbeTimeout());
    }

    @Bean
    ProblemWriter problemWriter(JsonMapper json) {
        return new ProblemWriter(json);
    }

    @Bean
    ProblemExceptionHandler problemExceptionHandler(ProblemWriter writer) {
        return new ProblemExceptionHandler(writer);
    }

    @Bean
    RequestMetricsFilter requestMetricsFilter(MeterRegistry registry) {
        return new RequestMetricsFilter(registry);
    }

    @Bean
    MeterBinder weightGauges(RoutingTable table) {
        return registry -> WeightGauges.register(registry, table);
    }
}
