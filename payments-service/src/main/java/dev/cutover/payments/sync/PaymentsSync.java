package dev.cutover.payments.sync;

import dev.cutover.sync.LegacySync;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The payments domain syncs with the monolith when {@code PAYMENTS_SYNC_ENABLED} (ADR 63): sync-kit's
 * auto-configuration runs its two change streams, their health and the internal endpoints.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("cutover.payments.sync.enabled")
class PaymentsSync {

    @Bean
    LegacySync.Domain paymentsSyncDomain() {
        return LegacyPaymentsMapping.DOMAIN;
    }
}
