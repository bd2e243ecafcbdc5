package dev.cutover.gateway.edge;

import dev.cutover.contracts.http.CutoverHeaders;
import dev.cutover.gateway.routing.CallerKey;
import dev.cutover.gateway.routing.ClientAddresses;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.security.Principal;

/**
 * Records who is calling, after the token has been verified: only a verified token's {@code sub} is ever
 * trusted, never one read from an unverified JWT. Runs after Spring Security's filter chain ({@code -100}).
 */
public final class CallerKeyFilter implements WebFilter, Ordered {

    public static final int ORDER = 0;
    static final int MAX_CLIENT_ID_LENGTH = 128;

    private final ClientAddresses addresses;

    public CallerKeyFilter(ClientAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
                .map(CallerKeyFilter::subjectOf)
                .defaultIfEmpty("")
                .flatMap(subject -> {
                    exchange.getAttributes().put(CallerKey.ATTRIBUTE, new CallerKey(
                            subject.isEmpty() ? null : subject,
                            clientId(exchange.getRequest().getHeaders().getFirst(CutoverHeaders.CLIENT_ID)),
                            addresses.of(exchange.getRequest())));
                    return chain.filter(exchange);
                });
    }

    private static String subjectOf(Principal principal) {
        if (principal instanceof JwtAuthenticationToken token && token.getToken().getSubject() != null) {
            return token.getToken().getSubject();
        }
        return "";
    }

    static String clientId(String raw) {
        if (raw == null) {
            return null;
        }
        String trimmed = raw.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_CLIENT_ID_LENGTH) {
            return null;
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return null;
            }
        }
        return trimmed;
    }
}
