package dev.cutover.gateway.edge;

import dev.cutover.gateway.routing.RouteAttributes;
import dev.cutover.gateway.routing.Side;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Names the side that served a routed request ({@code X-Upstream: legacy|new} by default), decided at
 * commit time so that it reflects a fallback and overrides anything an upstream sent under that name.
 */
public final class UpstreamHeaderFilter implements GlobalFilter, Ordered {

    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    private final String headerName;

    public UpstreamHeaderFilter(String headerName) {
        this.headerName = headerName;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> {
            Side side = RouteAttributes.servedBy(exchange);
            if (side != null) {
                response.getHeaders().set(headerName, side.value());
            } else {
                response.getHeaders().remove(headerName);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
