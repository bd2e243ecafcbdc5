package dev.cutover.kit;

import dev.cutover.contracts.money.SupportedCurrencies;
import dev.cutover.kit.json.StrictJson;
import dev.cutover.kit.security.CallerResolution;
import dev.cutover.kit.security.VerifiedTokens;
import dev.cutover.kit.web.InFlightLimit;
import dev.cutover.kit.web.RequestIdFilter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
     * Sheds requests past {@code cutover.web.max-in-flight} (env {@code MAX_IN_FLIGHT}, default 256; 0 turns it off)
     * with 503 and {@code Retry-After}, right after the request id is set so the answer carries one.
     */
    @Bean
    FilterRegistrationBean<InFlightLimit> inFlightLimit(
            @Value("${cutover.web.max-in-flight:${MAX_IN_FLIGHT:256}}") String configured) {
        int limit = maxInFlight(configured);
        FilterRegistrationBean<InFlightLimit> registration =
                new FilterRegistrationBean<>(new InFlightLimit(Math.max(limit, 1), StrictJson.mapper()));
        registration.setEnabled(limit > 0);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    static int maxInFlight(String configured) {
        try {
            int limit = Integer.parseInt(configured.trim());
            if (limit >= 0) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalStateException("MAX_IN_FLIGHT (cutover.web.max-in-flight) must be a whole number >= 0"
                + " (0 turns the limit off), was '" + configured + "'");
    }

    /** {@code cutover.http.in_flight} and {@code cutover.http.shed}, where the service has metrics. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class InFlightMetrics {

        @Bean
        MeterBinder inFlightMeters(FilterRegistrationBean<InFlightLimit> inFlightLimit) {
            InFlightLimit limit = inFlightLimit.getFilter();
            return registry -> {
                if (!inFlightLimit.isEnabled()) {
                    return;
                }
                Gauge.builder("cutover.http.in_flight", limit, InFlightLimit::inFlight)
                        .description("Requests being served now").register(registry);
                Gauge.builder("cutover.http.in_flight.limit", limit, InFlightLimit::limit)
                        .description("Requests served at once before more are shed (MAX_IN_FLIGHT)").register(registry);
                FunctionCounter.builder("cutover.http.shed", limit, InFlightLimit::shed)
                        .description("Requests answered 503 over the in-flight limit").register(registry);
            };
        }
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
