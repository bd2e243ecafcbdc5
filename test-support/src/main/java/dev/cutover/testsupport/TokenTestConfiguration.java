package dev.cutover.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** Points a service's resource server at the test JWKS and issuer of {@link TestTokens}. */
@TestConfiguration(proxyBeanMethods = false)
public class TokenTestConfiguration {

    @Bean
    DynamicPropertyRegistrar testTokenProperties() {
        return registry -> {
            registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", JwksServer::uri);
            registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestTokens.ISSUER);
        };
    }
}
