package dev.cutover.payments.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** Points payments at its test peers: the identity stub and the real ledger behind its switchable front. */
@TestConfiguration(proxyBeanMethods = false)
public class PeersTestConfiguration {

    @Bean
    DynamicPropertyRegistrar peers() {
        return registry -> {
            registry.add("cutover.payments.identity.base-url", IdentityStub::baseUrl);
            registry.add("cutover.payments.service-client.token-uri", () -> IdentityStub.baseUrl() + "/api/v1/auth/token");
            registry.add("cutover.payments.service-client.client-secret", () -> "test-secret");
            registry.add("cutover.payments.ledger.base-url", LedgerPeer::frontUrl);
        };
    }
}
