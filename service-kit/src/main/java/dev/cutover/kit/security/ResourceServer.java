package dev.cutover.kit.security;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.kit.problem.Problems;
import dev.cutover.kit.problem.ProblemWriter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security every service shares: stateless bearer tokens verified against the configured JWKS and
 * issuer, problem responses for 401 and 403, and the public probe and documentation endpoints.
 * Services add their own path rules; scope checks sit on the controllers.
 */
public final class ResourceServer {

    /** Endpoints that answer without a token: probes and the API description. */
    public static final String[] PUBLIC_PATHS = {
        "/actuator/health", "/actuator/health/**", "/actuator/info",
        "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**"
    };

    private final ProblemWriter writer;

    public ResourceServer(JsonMapper mapper) {
        this.writer = new ProblemWriter(mapper);
    }

    /**
     * The whole chain of a service with no path rules of its own: probes and the API description open, the
     * rest of the actuator for {@code ops}, everything else for any valid token (scopes sit on controllers).
     */
    public SecurityFilterChain standardChain(HttpSecurity http) throws Exception {
        apply(http).authorizeHttpRequests(requests -> requests
                .requestMatchers(PUBLIC_PATHS).permitAll()
                .requestMatchers("/actuator/**").hasAuthority("SCOPE_ops")
                .anyRequest().authenticated());
        return http.build();
    }

    /** Applies the shared rules; call before adding the service's own {@code authorizeHttpRequests}. */
    public HttpSecurity apply(HttpSecurity http) {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(writer);
        AccessDeniedHandler denied = (request, response, exception) ->
                writer.write(response, Problems.of(ErrorCode.FORBIDDEN, "The token lacks the scope this operation needs."));
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> { })
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied));
    }
}
