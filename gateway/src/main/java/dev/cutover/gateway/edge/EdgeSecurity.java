package dev.cutover.gateway.edge;

import dev.cutover.contracts.auth.Scope;
import dev.cutover.contracts.auth.TokenClaims;
import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.gateway.problem.ProblemException;
import dev.cutover.gateway.problem.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

import java.util.List;
import java.util.Map;

/**
 * Who may pass the gateway. Every token is verified here (signature against identity's JWKS, issuer,
 * expiry) before any upstream is touched; the services verify again and enforce scopes themselves.
 * Anonymous: sign-up, token and JWKS. Ops API and actuator (except health and metrics scraping): {@code ops}.
 * Everything else under {@code /api/v1}: any valid token. Other paths pass to routing, which knows no route
 * for them, {@code /internal/**} included, and answers 404.
 */
public final class EdgeSecurity {

    public static final String OPS_PATHS = "/ops/**";
    private static final String OPS = Scope.OPS.authority();

    private EdgeSecurity() {
    }

    public static SecurityWebFilterChain chain(ServerHttpSecurity http, ReactiveJwtDecoder decoder, ProblemWriter problems) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, failure) -> {
            String challenge = failure instanceof OAuth2AuthenticationException
                    ? ProblemWriter.BEARER_CHALLENGE + " error=\"invalid_token\""
                    : ProblemWriter.BEARER_CHALLENGE;
            return problems.write(exchange, new ProblemException(ErrorCode.UNAUTHORIZED,
                    "A valid bearer token is required.", List.of(), Map.of(HttpHeaders.WWW_AUTHENTICATE, challenge)));
        };
        ServerAccessDeniedHandler forbidden = (exchange, denied) -> problems.write(exchange,
                new ProblemException(ErrorCode.FORBIDDEN, "This token's scope does not allow this."));

        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                // proxied responses keep the upstream's headers untouched: clients must not see which side served them
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(rules -> rules
                        .pathMatchers(HttpMethod.POST, "/api/v1/users", "/api/v1/auth/token").permitAll()
                        .pathMatchers(HttpMethod.GET, TokenClaims.JWKS_PATH).permitAll()
                        .pathMatchers(OPS_PATHS).hasAuthority(OPS)
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info").permitAll()
                        .pathMatchers("/actuator", "/actuator/**").hasAuthority(OPS)
                        .pathMatchers("/api/v1/**").authenticated()
                        .anyExchange().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtDecoder(decoder))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .build();
    }
}
