package dev.cutover.payments.support;

import dev.cutover.payments.PaymentsApplication;
import dev.cutover.testsupport.PostgresTestConfiguration;
import dev.cutover.testsupport.TokenTestConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The payments service on a random port, against this run's Postgres, trusting the test tokens, with
 * identity stubbed over HTTP and the real ledger running beside it. Timings are shortened so that
 * breakers and retries play out in seconds. Every class with this annotation shares one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.config.name=" + PaymentsApplication.CONFIG_NAME,
    "cutover.payments.test-mode=true",
    "cutover.payments.tasks.polling-interval=200ms",
    "cutover.payments.tasks.retry-initial=100ms",
    "cutover.payments.tasks.retry-max=1s",
    "resilience4j.circuitbreaker.instances.identity.wait-duration-in-open-state=1s",
    "resilience4j.circuitbreaker.instances.ledger.wait-duration-in-open-state=1s",
    "resilience4j.timelimiter.instances.identity.timeout-duration=3s",
    "cutover.payments.identity.read-timeout=5s",
    "cutover.payments.identity.connect-timeout=1s",
    "cutover.payments.ledger.connect-timeout=1s"
})
@Import({PostgresTestConfiguration.class, TokenTestConfiguration.class, PeersTestConfiguration.class})
public @interface PaymentsIntegrationTest {
}
