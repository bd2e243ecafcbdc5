package dev.cutover.gateway.resilience;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.gateway.problem.ProblemException;
import dev.cutover.gateway.problem.ProblemExceptionHandler;
import dev.cutover.gateway.routing.Domain;
import dev.cutover.gateway.routing.RouteAttributes;
import dev.cutover.gateway.routing.Side;
import dev.cutover.gateway.routing.Upstreams;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.removeAlreadyRouted;

/**
 * Sends a routed request through its upstream's circuit breaker, and decides what happens when that fails.
 *
 * <ul>
 *   <li>A read (GET, HEAD) for the new side, provably not delivered (connect failure, breaker open): the same request
 *       goes to legacy — the new service never saw it, and a read changes nothing.</li>
 *   <li>A write for the new side is served only by the new side: when it is not delivered it is 503
 *       {@code dependency_unavailable} with {@code Retry-After}, never sent to legacy — a retry with the same
 *       idempotency key must find its first attempt where it may have landed, not become a second charge on the
 *       other side (SPEC §5, ADR 62).</li>
 *   <li>Anything else: never replayed. A response timeout is 504 {@code gateway_timeout}, a broken exchange
 *       502 {@code bad_gateway}, an upstream's own 5xx passes through unchanged.</li>
 *   <li>Legacy unreachable or its breaker open: 503 {@code dependency_unavailable} with {@code Retry-After}
 *       — safe to retry, since nothing was delivered.</li>
 * </ul>
 *
 * <p>Runs right after the request URL is resolved and before Netty sends it, so a fallback only has to point
 * the URL at legacy and run the rest of the chain again (ADR 0013). No TimeLimiter: the HTTP client's
 * response timeout is the one deadline (ADR 0014).
 */
public final class UpstreamGuard implements GlobalFilter, Ordered {

    public static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;

    private static final Logger log = LoggerFactory.getLogger(UpstreamGuard.class);

    private final Upstreams upstreams;
    private final Map<Domain, CircuitBreaker> newSide = new EnumMap<>(Domain.class);
    private final CircuitBreaker legacy;
    private final Map<String, Counter> fallbacks = new HashMap<>();

    public UpstreamGuard(Upstreams upstreams, CircuitBreakerRegistry breakers, MeterRegistry meters) {
        this.upstreams = upstreams;
        this.legacy = breakers.circuitBreaker(Upstreams.LEGACY);
        for (Domain domain : Domain.values()) {
            newSide.put(domain, breakers.circuitBreaker(Upstreams.name(domain, Side.NEW)));
            for (FallbackReason reason : FallbackReason.values()) {
                fallbacks.put(domain.key() + reason.value, Counter.builder("cutover.gateway.fallbacks")
                        .description("Requests meant for a new service that legacy served because the new one provably never got them")
                        .tag("domain", domain.key()).tag("reason", reason.value).register(meters));
            }
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        Domain domain = RouteAttributes.domainOf(route);
        Side side = RouteAttributes.sideOf(route);
        if (domain == null || side == null) {
            return chain.filter(exchange);
        }
        return send(exchange, chain, domain, side);
    }

    private Mono<Void> send(ServerWebExchange exchange, GatewayFilterChain chain, Domain domain, Side side) {
        CircuitBreaker breaker = side == Side.NEW ? newSide.get(domain) : legacy;
        exchange.getAttributes().put(RouteAttributes.SERVED_BY, side);
        if (!breaker.tryAcquirePermission()) {
            return side == Side.NEW && isRead(exchange)
                    ? fallBack(exchange, chain, domain, FallbackReason.BREAKER_OPEN)
                    : Mono.error(unavailable(breaker));
        }
        long started = System.nanoTime();
        return chain.filter(exchange)
                .doOnSuccess(done -> {
                    HttpStatusCode status = exchange.getResponse().getStatusCode();
                    long elapsed = System.nanoTime() - started;
                    if (status != null && status.is5xxServerError()) {
                        breaker.onError(elapsed, TimeUnit.NANOSECONDS, new UpstreamServerError(status.value()));
                    } else {
                        breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
                    }
                })
                .doOnCancel(breaker::releasePermission)
                .onErrorResume(error -> {
                    if (Delivery.find(error, ProblemException.class) != null) {
                        // the client's fault (e.g. an oversized streamed body), not the upstream's
                        breaker.releasePermission();
                        return Mono.error(Delivery.find(error, ProblemException.class));
                    }
                    breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, error);
                    boolean notDelivered = Delivery.provablyNotDelivered(error);
                    if (side == Side.NEW && notDelivered && isRead(exchange) && !exchange.getResponse().isCommitted()) {
                        return fallBack(exchange, chain, domain, FallbackReason.CONNECT_FAILED);
                    }
                    return Mono.error(translate(error, notDelivered, exchange, domain, side));
                });
    }

    private static boolean isRead(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
    }

    private Mono<Void> fallBack(ServerWebExchange exchange, GatewayFilterChain chain, Domain domain, FallbackReason reason) {
        fallbacks.get(domain.key() + reason.value).increment();
        log.info("request {} for {} falls back to legacy: {}", exchange.getAttribute(ProblemExceptionHandler.REQUEST_ID_ATTRIBUTE),
                domain.key(), reason.value);
        URI attempted = exchange.getRequiredAttribute(GATEWAY_REQUEST_URL_ATTR);
        URI legacyUri = upstreams.legacy();
        URI rerouted = UriComponentsBuilder.fromUri(attempted)
                .scheme(legacyUri.getScheme()).host(legacyUri.getHost()).port(legacyUri.getPort())
                .build(true).toUri();
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, rerouted);
        removeAlreadyRouted(exchange);
        return send(exchange, chain, domain, Side.LEGACY);
    }

    private ProblemException translate(Throwable error, boolean notDelivered, ServerWebExchange exchange, Domain domain, Side side) {
        if (notDelivered) {
            return new ProblemException(ErrorCode.DEPENDENCY_UNAVAILABLE,
                    "The upstream service is unreachable; the request was not delivered and may be retried.",
                    List.of(), Map.of(HttpHeaders.RETRY_AFTER, "1"));
        }
        ResponseStatusException status = Delivery.find(error, ResponseStatusException.class);
        log.warn("request {} to {} side of {} failed after it was sent: {}",
                exchange.getAttribute(ProblemExceptionHandler.REQUEST_ID_ATTRIBUTE), side.value(), domain.key(),
                error.getClass().getSimpleName());
        if (status != null && status.getStatusCode().value() == 504) {
            return new ProblemException(ErrorCode.GATEWAY_TIMEOUT,
                    "The upstream service did not answer in time; the request may have been processed.");
        }
        return new ProblemException(ErrorCode.BAD_GATEWAY,
                "The upstream service failed while answering; the request may have been processed.");
    }

    private static ProblemException unavailable(CircuitBreaker breaker) {
        Long waitMillis = breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1);
        long seconds = waitMillis == null ? 1 : Math.max(1, Duration.ofMillis(waitMillis).toSeconds());
        return new ProblemException(ErrorCode.DEPENDENCY_UNAVAILABLE,
                "The upstream service is unavailable; the request was not delivered and may be retried.",
                List.of(), Map.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
    }

    private enum FallbackReason {
        CONNECT_FAILED("connect_failed"),
        BREAKER_OPEN("breaker_open");

        private final String value;

        FallbackReason(String value) {
            this.value = value;
        }
    }

    /** An upstream answered with a 5xx: counted by its breaker as a failure, passed through to the client. */
    static final class UpstreamServerError extends RuntimeException {
        UpstreamServerError(int status) {
            super("upstream answered " + status, null, false, false);
        }
    }
}
