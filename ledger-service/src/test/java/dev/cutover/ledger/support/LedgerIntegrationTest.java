package dev.cutover.ledger.support;

import dev.cutover.ledger.LedgerApplication;
import dev.cutover.testsupport.PostgresTestConfiguration;
import dev.cutover.testsupport.TokenTestConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole ledger service on a random port, against this run's Postgres, trusting the test tokens.
 * Every test class with this annotation shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=" + LedgerApplication.CONFIG_NAME)
@Import({PostgresTestConfiguration.class, TokenTestConfiguration.class})
public @interface LedgerIntegrationTest {
}
