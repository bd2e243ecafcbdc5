package dev.cutover.gateway.config;

import dev.cutover.gateway.hold.HoldProperties;
import dev.cutover.gateway.hold.ReadYourWritesHold;
import dev.cutover.gateway.metrics.RequestMetricsFilter;
import dev.cutover.gateway.metrics.WeightGauges;
import dev.cutover.gateway.problem.ProblemExceptionHandler;
import dev.cutover.gateway.problem.ProblemWriter;
import dev.cutover.gateway.resilience.UpstreamGuard;
import dev.cutover.gateway.resilience.UpstreamHealth;
import dev.cutover.gateway.routing.ClientAddresses;
import dev.cutover.gateway.routing.Domain;
import dev.cutover.gateway.routing.MigrationRoutes;
import dev.cutover.gateway.routing.RoutingTable;
import dev.cutover.gateway.routing.Side;
import dev.cutover.gateway.routing.SideChooser;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.netty.channel.ChannelOption;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

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

    /**
     * The hold of moved callers after a switch (ADR 67); off, with a warning, when the gateway has no service client
     * secret. Fences are raised once every replica has the move: at once with a store of its own, a poll interval
     * later with the shared one.
     */
    @Bean
    ReadYourWritesHold readYourWritesHold(HoldProperties hold, GatewayProperties properties, GatewaySettings settings,
                                          RoutingTable table, SideChooser chooser, MeterRegistry meters) {
        if (!hold.enabled()) {
            LoggerFactory.getLogger(ReadYourWritesHold.class).warn("GATEWAY_SERVICE_CLIENT_SECRET is not set: a caller moved"
                    + " by a weight change is served at once, before the sync may have brought their writes over (ADR 67)");
            return ReadYourWritesHold.off();
        }
        Map<Domain, URI> services = new EnumMap<>(Domain.class);
        for (Domain domain : Domain.values()) {
            services.put(domain, settings.upstreams().uri(domain, Side.NEW));
        }
        String tokenUri = hold.tokenUri() == null || hold.tokenUri().isBlank()
                ? settings.upstreams().uri(Domain.IDENTITY, Side.NEW).resolve("/api/v1/auth/token").toString() : hold.tokenUri();
        HoldProperties resolved = new HoldProperties(hold.max(), hold.poll(), hold.clientId(), hold.clientSecret(), tokenUri);
        HttpClient http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1_000)
                .responseTimeout(Duration.ofSeconds(1));
        WebClient client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
        return ReadYourWritesHold.of(resolved, services, client, table, chooser,
                properties.state().redis() ? properties.state().pollInterval() : Duration.ZERO, meters);
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
