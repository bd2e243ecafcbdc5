package dev.cutover.ledger.config;

import dev.cutover.kit.security.ResourceServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every request needs a valid bearer token except the probes and the API description; which scope an
 * operation needs is declared on its controller method.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class LedgerSecurity {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JsonMapper mapper) throws Exception {
        return new ResourceServer(mapper).standardChain(http);
    }
}
