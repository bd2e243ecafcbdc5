package dev.cutover.gateway.edge;

import dev.cutover.contracts.http.CutoverHeaders;
import dev.cutover.gateway.problem.ProblemExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * Accepts a well-formed {@code X-Request-Id} or generates one, passes it upstream and echoes it on every
 * response, the gateway's own problems included. A malformed id (too long, odd characters) is replaced
 * rather than forwarded, so it cannot smuggle anything into upstream logs.
 */
public final class RequestIdFilter implements WebFilter, Ordered {

    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;
    static final int MAX_LENGTH = 128;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String offered = exchange.getRequest().getHeaders().getFirst(CutoverHeaders.REQUEST_ID);
        ServerWebExchange current = exchange;
        String requestId = offered;
        if (!isWellFormed(offered)) {
            requestId = UUID.randomUUID().toString();
            String generated = requestId;
            current = exchange.mutate()
                    .request(request -> request.headers(headers -> headers.set(CutoverHeaders.REQUEST_ID, generated)))
                    .build();
        }
        String id = requestId;
        current.getAttributes().put(ProblemExceptionHandler.REQUEST_ID_ATTRIBUTE, id);
        ServerHttpResponse response = current.getResponse();
        // set at commit time: a proxied response may carry its own copy, which must not be doubled
        response.beforeCommit(() -> {
            response.getHeaders().set(CutoverHeaders.REQUEST_ID, id);
            return Mono.empty();
        });
        return chain.filter(current);
    }

    static boolean isWellFormed(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
