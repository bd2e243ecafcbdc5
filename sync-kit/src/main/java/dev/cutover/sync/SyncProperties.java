package dev.cutover.sync;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;

import java.time.Duration;

/**
 * One service's sync with the legacy monolith's tables of its domain; off unless {@code enabled}. Each service binds
 * it under its own prefix ({@code cutover.payments.sync}, …), see {@link #bind}.
 *
 * @param enabled      whether both change streams run
 * @param legacy       the monolith's database: read from (a user that may replicate) and written to
 * @param slotPrefix   names the replication slots and publications: {@code <prefix>_from_legacy}, {@code <prefix>_to_legacy}
 * @param pollInterval how long the connector waits for more changes before it hands over what it has
 */
public record SyncProperties(
        @DefaultValue("false") boolean enabled,
        Legacy legacy,
        String slotPrefix,
        @DefaultValue("50ms") Duration pollInterval) {

    public record Legacy(String url, @DefaultValue("postgres") String user, @DefaultValue("") String password) {
    }

    /** The properties under {@code prefix}; fails, naming the variable to set, when the legacy database is missing. */
    public static SyncProperties bind(Environment environment, String prefix, String urlVariable) {
        SyncProperties properties = Binder.get(environment).bindOrCreate(prefix, Bindable.of(SyncProperties.class));
        if (properties.legacy() == null || properties.legacy().url() == null || properties.legacy().url().isBlank()) {
            throw new IllegalStateException(prefix + ".enabled is true but no legacy database is set: set " + urlVariable
                    + " (jdbc:postgresql://host:port/database)");
        }
        if (properties.slotPrefix() == null || !properties.slotPrefix().matches("[a-z0-9_]{1,40}")) {
            throw new IllegalStateException(prefix + ".slot-prefix must be 1 to 40 of a-z, 0-9 and _");
        }
        return properties;
    }
}
