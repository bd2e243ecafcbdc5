package dev.cutover.identity.support;

import dev.cutover.identity.crypto.MasterKey;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

import java.security.SecureRandom;
import java.util.Base64;

/** A master key of this test run, supplied from outside the database as in production. */
@TestConfiguration(proxyBeanMethods = false)
public class IdentityTestConfiguration {

    public static final String MASTER_KEY = randomKey();

    @Bean
    DynamicPropertyRegistrar testMasterKey() {
        return registry -> registry.add(MasterKey.PROPERTY, () -> MASTER_KEY);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
