package dev.cutover.ledger.sync;

import dev.cutover.sync.LegacySync;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ledger syncs with the monolith when {@code LEDGER_SYNC_ENABLED} (ADR 63, 65): sync-kit's
 * auto-configuration runs its two change streams, their health and the internal endpoints.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("cutover.ledger.sync.enabled")
class LedgerSync {

    @Bean
    LegacySync.Domain ledgerSyncDomain() {
        return LegacyLedgerMapping.DOMAIN;
    }
}
