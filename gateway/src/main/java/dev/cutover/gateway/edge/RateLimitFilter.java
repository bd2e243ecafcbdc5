package dev.cutover.gateway.edge;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.gateway.problem.ProblemException;
import dev.cutover.gateway.routing.CallerKey;
import dev.cutover.gateway.routing.ClientAddresses;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/** Routed requests spend one token of their caller's bucket; an empty bucket answers 429 {@code rate_limited}. */
public final class RateLimitFilter implements GlobalFilter, Ordered {

    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private final RateLimiter limiter;
    private final ClientAddresses addresses;

    public RateLimitFilter(RateLimiter limiter, ClientAddresses addresses) {
        this.limiter = limiter;
        this.addresses = addresses;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        CallerKey caller = exchange.getAttribute(CallerKey.ATTRIBUTE);
        String key = caller != null ? caller.rateLimitKey() : "addr:" + addresses.of(exchange.getRequest());
        return limiter.tryAcquire(key).flatMap(decision -> decision.allowed()
                ? chain.filter(exchange)
                : Mono.error(new ProblemException(ErrorCode.RATE_LIMITED,
                        "Too many requests; retry after " + decision.retryAfterSeconds() + " s.", List.of(),
                        Map.of(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds())))));
    }
}
