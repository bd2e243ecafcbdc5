package dev.cutover.identity.config;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.cutover.contracts.auth.TokenClaims;
import dev.cutover.identity.signingkey.KeyRing;
import dev.cutover.kit.security.ResourceServer;
import dev.cutover.kit.security.TrustedKeySets;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * Identity is a resource server for its own API too. It verifies tokens against its own key store rather
 * than over HTTP against its own JWKS, with the issuer every other service expects
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, env {@code JWT_ISSUER}). Sign-up, the
 * token endpoint and the JWKS are open; which scope the other operations need is declared on their
 * controller methods.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class IdentitySecurity {

    private static final RequestMatcher ANONYMOUS_ENDPOINTS = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/users"),
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/auth/token"),
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, TokenClaims.JWKS_PATH));

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JsonMapper mapper) throws Exception {
        new ResourceServer(mapper).apply(http)
                .oauth2ResourceServer(oauth -> oauth.bearerTokenResolver(ignoringAnonymousEndpoints()))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(ResourceServer.PUBLIC_PATHS).permitAll()
                        .requestMatchers(ANONYMOUS_ENDPOINTS).permitAll()
                        .requestMatchers("/actuator/**").hasAuthority("SCOPE_ops")
                        .anyRequest().authenticated());
        return http.build();
    }

    @Bean
    JwtDecoder jwtDecoder(KeyRing keyRing, @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
                          @Value("${cutover.security.legacy-jwks-uri:}") String legacyJwks) {
        // its own keys first, then the legacy monolith's, whose tokens are accepted too (ADR 61)
        List<JWKSource<SecurityContext>> keys = legacyJwks.isBlank()
                ? List.of(keyRing.verificationKeys())
                : List.of(keyRing.verificationKeys(), TrustedKeySets.remote(legacyJwks));
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(new TrustedKeySets(keys))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        return decoder;
    }

    /**
     * A stale or foreign {@code Authorization} header must not turn a sign-up, a token request or a JWKS
     * fetch into a 401: those endpoints need no token, so none is read there.
     */
    private static BearerTokenResolver ignoringAnonymousEndpoints() {
        DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();
        return (HttpServletRequest request) -> ANONYMOUS_ENDPOINTS.matches(request) ? null : bearer.resolve(request);
    }
}
