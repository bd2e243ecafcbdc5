package dev.cutover.payments.carddata;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/** Registers the card-data filter right after the request id, before security and everything that could log. */
@Configuration(proxyBeanMethods = false)
class CardDataConfiguration {

    static final int MAX_BODY_BYTES = 1024 * 1024;

    @Bean
    FilterRegistrationBean<RawCardDataFilter> rawCardDataFilter(JsonMapper mapper) {
        FilterRegistrationBean<RawCardDataFilter> registration = new FilterRegistrationBean<>(new RawCardDataFilter(mapper, MAX_BODY_BYTES));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
