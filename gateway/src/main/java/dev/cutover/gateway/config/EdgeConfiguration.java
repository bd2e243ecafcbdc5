package dev.cutover.gateway.config;

import dev.cutover.contracts.auth.TokenClaims;
import dev.cutover.gateway.edge.BodySizeLimitFilter;
import dev.cutover.gateway.edge.CallerKeyFilter;
import dev.cutover.gateway.edge.EdgeSecurity;
import dev.cutover.gateway.edge.LocalTokenBuckets;
import dev.cutover.gateway.edge.RateLimitFilter;
import dev.cutover.gateway.edge.RateLimiter;
import dev.cutover.gateway.edge.RedisTokenBuckets;
import dev.cutover.gateway.edge.RequestIdFilter;
import dev.cutover.gateway.edge.TrustedKeySets;
import dev.cutover.gateway.edge.UpstreamHeaderFilter;
import dev.cutover.gateway.edge.VerifiedTokenCache;
import dev.cutover.gateway.problem.ProblemWriter;
import dev.cutover.gateway.routing.ClientAddresses;
import io.netty.channel.ChannelOption;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

import java.time.Clock;
import java.time.Duration;

/** Request ids, body limit, token verification, caller keys, rate limits and the X-Upstream header. */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    /** A token whose kid no trusted set knows fetches the sets again at most this often. */
    static final Duration JWKS_REFETCH_AT_MOST_EVERY = Duration.ofSeconds(1);

    @Bean
    RequestIdFilter requestIdFilter() {
        return new RequestIdFilter();
    }

    @Bean
    BodySizeLimitFilter bodySizeLimitFilter(GatewayProperties properties) {
        return new BodySizeLimitFilter(properties.maxBodySize().toBytes());
    }

    @Bean
    CallerKeyFilter callerKeyFilter(ClientAddresses addresses) {
        return new CallerKeyFilter(addresses);
    }

    @Bean
    @ConditionalOnBooleanProperty("cutover.gateway.upstream-header.enabled")
    UpstreamHeaderFilter upstreamHeaderFilter(GatewayProperties properties) {
        return new UpstreamHeaderFilter(properties.upstreamHeader().name());
    }

    @Bean
    @ConditionalOnBooleanProperty("cutover.gateway.rate-limit.enabled")
    RateLimiter rateLimiter(GatewaySettings settings, GatewayProperties properties,
                            ObjectProvider<ReactiveStringRedisTemplate> redis) {
        if (properties.state().redis()) {
            return new RedisTokenBuckets(redis.getObject(), settings.rateLimits(), properties.state().keyPrefix(),
                    properties.rateLimit().redisTimeout(), properties.rateLimit().leaseFor());
        }
        return new LocalTokenBuckets(settings.rateLimits());
    }

    @Bean
    @ConditionalOnBooleanProperty("cutover.gateway.rate-limit.enabled")
    RateLimitFilter rateLimitFilter(RateLimiter limiter, ClientAddresses addresses) {
        return new RateLimitFilter(limiter, addresses);
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(GatewaySettings settings, GatewayProperties properties) {
        int timeoutMillis = (int) properties.security().jwksTimeout().toMillis();
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                .responseTimeout(properties.security().jwksTimeout());
        WebClient client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
        TrustedKeySets keys = new TrustedKeySets(settings.jwksUris(), client, properties.security().jwksRefresh(),
                JWKS_REFETCH_AT_MOST_EVERY, Clock.systemUTC());
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys)
                .jwsAlgorithm(SignatureAlgorithm.from(TokenClaims.ALGORITHM))
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(settings.issuer()));
        return new VerifiedTokenCache(decoder, properties.security().verifiedTokenCacheSize(), Clock.systemUTC());
    }

    @Bean
    SecurityWebFilterChain edgeSecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder, ProblemWriter problems) {
        return EdgeSecurity.chain(http, decoder, problems);
    }
}
