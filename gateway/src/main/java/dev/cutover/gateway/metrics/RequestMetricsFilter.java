package dev.cutover.gateway.metrics;

import dev.cutover.gateway.routing.Domain;
import dev.cutover.gateway.routing.RouteAttributes;
import dev.cutover.gateway.routing.Side;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code cutover.gateway.requests} — a timer per domain × side × status, recorded when the response is
 * committed, so it also counts what the gateway answered itself (401, 413, 429, 502…). Requests that reach no
 * domain count as domain {@code none}; requests no upstream saw count as side {@code none}.
 */
public final class RequestMetricsFilter implements WebFilter, Ordered {

    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;
    public static final String METER = "cutover.gateway.requests";
    static final String NONE = "none";

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final List<DomainPaths> domainPaths = new ArrayList<>();

    public RequestMetricsFilter(MeterRegistry registry) {
        this.registry = registry;
        for (Domain domain : Domain.values()) {
            List<PathPattern> patterns = domain.pathPatterns().stream().map(PathPatternParser.defaultInstance::parse).toList();
            domainPaths.add(new DomainPaths(domain, patterns));
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long started = System.nanoTime();
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> {
            record(exchange, response.getStatusCode(), System.nanoTime() - started);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private void record(ServerWebExchange exchange, HttpStatusCode status, long nanos) {
        Domain domain = RouteAttributes.domainOf(exchange);
        if (domain == null) {
            domain = domainOfPath(exchange);
        }
        Side side = RouteAttributes.servedBy(exchange);
        String domainTag = domain == null ? NONE : domain.key();
        String sideTag = side == null ? NONE : side.value();
        String statusTag = status == null ? "200" : Integer.toString(status.value());
        timers.computeIfAbsent(domainTag + '|' + sideTag + '|' + statusTag, key -> Timer.builder(METER)
                        .description("Requests through the gateway by domain, serving side and status")
                        .tag("domain", domainTag).tag("side", sideTag).tag("status", statusTag)
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private Domain domainOfPath(ServerWebExchange exchange) {
        var path = exchange.getRequest().getPath().pathWithinApplication();
        for (DomainPaths candidate : domainPaths) {
            for (PathPattern pattern : candidate.patterns()) {
                if (pattern.matches(path)) {
                    return candidate.domain();
                }
            }
        }
        return null;
    }

    private record DomainPaths(Domain domain, List<PathPattern> patterns) {
    }
}
