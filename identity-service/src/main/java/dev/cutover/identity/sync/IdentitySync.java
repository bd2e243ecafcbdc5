package dev.cutover.identity.sync;

import dev.cutover.identity.crypto.LegacyCiphertexts;
import dev.cutover.identity.pii.PersonalData;
import dev.cutover.sync.LegacySync;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.util.Base64;

/**
 * The identity domain syncs with the monolith when {@code IDENTITY_SYNC_ENABLED} (ADR 63, 66): sync-kit's
 * auto-configuration runs its two change streams, their health and the internal endpoints. It needs the monolith's PII
 * key to open and seal the personal data it copies ({@code IDENTITY_SYNC_LEGACY_PII_KEY}, the monolith's
 * {@code LEGACY_PII_KEY}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("cutover.identity.sync.enabled")
class IdentitySync {

    @Bean
    LegacySync.Domain identitySyncDomain(Environment environment, PersonalData personalData, Clock clock) {
        String key = environment.getProperty("cutover.identity.sync.legacy-pii-key", "");
        if (key.isBlank()) {
            throw new IllegalStateException("cutover.identity.sync.enabled is true but the monolith's PII key is not set:"
                    + " set IDENTITY_SYNC_LEGACY_PII_KEY to the monolith's LEGACY_PII_KEY (32 bytes, base64)");
        }
        return LegacyIdentityMapping.domain(personalData, new LegacyCiphertexts(Base64.getDecoder().decode(key.trim())), clock);
    }
}
