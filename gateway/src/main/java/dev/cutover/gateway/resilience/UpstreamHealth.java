package dev.cutover.gateway.resilience;

import dev.cutover.gateway.routing.Upstreams;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Health per upstream ({@code /actuator/health/upstreams/<name>}): can a TCP connection be opened, and what
 * state is its breaker in. Deliberately not part of readiness: with the new payments service down the gateway
 * still serves payments from legacy, and pulling the gateway out of rotation would help nobody.
 */
public final class UpstreamHealth {

    private UpstreamHealth() {
    }

    public static CompositeReactiveHealthContributor of(Upstreams upstreams, CircuitBreakerRegistry breakers, Duration timeout) {
        Map<String, ReactiveHealthIndicator> indicators = new LinkedHashMap<>();
        upstreams.byName().forEach((name, uri) -> indicators.put(name, () -> probe(uri, timeout)
                .map(reachable -> (reachable ? Health.up() : Health.down())
                        .withDetail("reachable", reachable)
                        .withDetail("circuit_breaker", breakers.circuitBreaker(name).getState().name())
                        .build())));
        return CompositeReactiveHealthContributor.fromMap(indicators);
    }

    private static Mono<Boolean> probe(URI uri, Duration timeout) {
        return Mono.fromCallable(() -> {
            int port = uri.getPort() > 0 ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), port), (int) timeout.toMillis());
                return true;
            } catch (IOException unreachable) {
                return false;
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
