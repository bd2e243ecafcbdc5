package dev.cutover.kit;

import dev.cutover.contracts.money.SupportedCurrencies;
import dev.cutover.kit.json.StrictJson;
import dev.cutover.kit.security.CallerResolution;
import dev.cutover.kit.security.VerifiedTokens;
import dev.cutover.kit.web.RequestIdFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.util.Arrays;

/** Switches on the shared behaviour in every service that has the kit on its classpath. */
@AutoConfiguration
@Import(CallerResolution.class)
public class KitAutoConfiguration {

    @Bean
    StrictJson strictJson() {
        return new StrictJson();
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Remembers verified bearer tokens ({@code cutover.security.verified-token-cache-size}, env
     * {@code JWT_CACHE_SIZE}, default 10 000; 0 turns it off).
     */
    @Bean
    static BeanPostProcessor verifiedTokens(Environment environment) {
        // a post-processor is created before placeholders in @Value are resolved: read the environment itself
        int capacity = environment.getProperty("cutover.security.verified-token-cache-size", Integer.class,
                environment.getProperty("JWT_CACHE_SIZE", Integer.class, 10_000));
        return VerifiedTokens.wrapping(capacity, Clock.systemUTC());
    }

    /** The currencies this deployment accepts: {@code cutover.currencies} (env {@code SUPPORTED_CURRENCIES}). */
    @Bean
    @ConditionalOnMissingBean
    SupportedCurrencies supportedCurrencies(
            @Value("${cutover.currencies:${SUPPORTED_CURRENCIES:USD,EUR,GBP,CHF,JPY,KWD}}") String codes) {
        try {
            return SupportedCurrencies.of(Arrays.stream(codes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
        } catch (IllegalArgumentException invalid) {
            throw new IllegalStateException("SUPPORTED_CURRENCIES (cutover.currencies) is invalid: " + invalid.getMessage(), invalid);
        }
    }
}
