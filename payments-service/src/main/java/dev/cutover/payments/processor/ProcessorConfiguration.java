package dev.cutover.payments.processor;

import dev.cutover.payments.config.PaymentsProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** In test mode the deterministic processor; otherwise a real one must be provided, or startup fails. */
@Configuration(proxyBeanMethods = false)
class ProcessorConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CardProcessor cardProcessor(PaymentsProperties properties) {
        if (!properties.testMode()) {
            throw new IllegalStateException(
                    "No card processor is configured and PAYMENTS_TEST_MODE is off: provide a CardProcessor bean or enable test mode");
        }
        return new DeterministicTestProcessor();
    }
}
