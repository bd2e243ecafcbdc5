package dev.cutover.payments.sync;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The sync with the legacy monolith's payments tables; off unless {@code enabled}.
 *
 * @param enabled      whether both change streams run
 * @param legacy       the monolith's database: read from (a user that may replicate) and written to
 * @param slotPrefix   names the replication slots and publications: {@code <prefix>_from_legacy}, {@code <prefix>_to_legacy}
 * @param pollInterval how long the connector waits for more changes before it hands over what it has
 */
@ConfigurationProperties("cutover.payments.sync")
public record SyncProperties(
        @DefaultValue("false") boolean enabled,
        Legacy legacy,
        @DefaultValue("cutover_payments") String slotPrefix,
        @DefaultValue("50ms") Duration pollInterval) {

    public record Legacy(String url, @DefaultValue("postgres") String user, @DefaultValue("") String password) {
    }
}
