package dev.cutover.identity.support;

import dev.cutover.identity.IdentityApplication;
import dev.cutover.testsupport.PostgresTestConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole identity service on a random port, against this run's Postgres, with a random master key.
 * Every test class with this annotation shares one application context.
 *
 * <p>Unlike the other services, identity trusts no test key pair: it verifies its own tokens against its
 * own key store, so tests obtain real tokens from its token endpoint ({@link IdentityClient}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=" + IdentityApplication.CONFIG_NAME)
@ActiveProfiles("test")
@Import({PostgresTestConfiguration.class, IdentityTestConfiguration.class})
public @interface IdentityIntegrationTest {
}
