package dev.cutover.payments.sync;

import com.zaxxer.hikari.HikariDataSource;
import dev.cutover.sync.ChangeStream;
import dev.cutover.sync.ChangeStreamSettings;
import dev.cutover.sync.ChangeStreamSettings.SourceDatabase;
import dev.cutover.sync.ChangeStreams;
import dev.cutover.sync.ChangeStreamsHealth;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Two change streams: the monolith's payments tables into this service's schema, and this service's back into the
 * monolith's tables. The first reads legacy's database and writes ours through our pool; the second reads ours and
 * writes legacy's through a small pool of its own.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("cutover.payments.sync.enabled")
class PaymentsSync {

    static final String FROM_LEGACY = "legacy-to-payments";
    static final String TO_LEGACY = "payments-to-legacy";

    /** The monolith's database, written by the stream to legacy; not a DataSource bean, which would replace ours. */
    record LegacyDatabase(HikariDataSource pool) implements AutoCloseable {
        @Override
        public void close() {
            pool.close();
        }
    }

    @Bean
    LegacyDatabase legacyPaymentsDatabase(SyncProperties properties) {
        SyncProperties.Legacy legacy = required(properties);
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("legacy-sync");
        pool.setJdbcUrl(legacy.url());
        pool.setUsername(legacy.user());
        pool.setPassword(legacy.password());
        pool.setMaximumPoolSize(3); // the stream to legacy writes with one; reconciliation reads with one
        pool.setMinimumIdle(0);
        return new LegacyDatabase(pool);
    }

    @Bean
    ChangeStreams paymentsChangeStreams(SyncProperties properties, DataSource dataSource, LegacyDatabase legacyPaymentsDatabase,
                                        JdbcConnectionDetails own, MeterRegistry meters) {
        SyncProperties.Legacy legacy = required(properties);
        SourceDatabase legacyDb = SourceDatabase.fromJdbcUrl(legacy.url(), legacy.user(), legacy.password());
        SourceDatabase ownDb = SourceDatabase.fromJdbcUrl(own.getJdbcUrl(), own.getUsername(), own.getPassword());
        String prefix = properties.slotPrefix();
        ChangeStream fromLegacy = new ChangeStream(new ChangeStreamSettings(FROM_LEGACY, "legacy", "payments", legacyDb,
                prefix + "_from_legacy", prefix + "_from_legacy", LegacyPaymentsMapping.FROM_LEGACY, dataSource,
                ownDb, "payments.sync_offsets", properties.pollInterval(), LegacyPaymentsMapping.LEGACY_FENCES), meters, Clock.systemUTC());
        ChangeStream toLegacy = new ChangeStream(new ChangeStreamSettings(TO_LEGACY, "payments", "legacy", ownDb,
                prefix + "_to_legacy", prefix + "_to_legacy", LegacyPaymentsMapping.TO_LEGACY, legacyPaymentsDatabase.pool(),
                ownDb, "payments.sync_offsets", properties.pollInterval(), LegacyPaymentsMapping.OWN_FENCES), meters, Clock.systemUTC());
        return new ChangeStreams(List.of(fromLegacy, toLegacy));
    }

    @Bean
    Reconciliation paymentsReconciliation(DataSource dataSource, LegacyDatabase legacyPaymentsDatabase) {
        return new Reconciliation(dataSource, legacyPaymentsDatabase.pool(), LegacyPaymentsMapping.FROM_LEGACY,
                Clock.systemUTC(), Duration.ofSeconds(2));
    }

    @Bean
    ChangeStreamsHealth syncHealthIndicator(ChangeStreams paymentsChangeStreams) {
        return new ChangeStreamsHealth(paymentsChangeStreams);
    }

    private static SyncProperties.Legacy required(SyncProperties properties) {
        if (properties.legacy() == null || properties.legacy().url() == null || properties.legacy().url().isBlank()) {
            throw new IllegalStateException("cutover.payments.sync.enabled is true but no legacy database is set:"
                    + " set PAYMENTS_SYNC_LEGACY_DB_URL (jdbc:postgresql://host:port/database)");
        }
        return properties.legacy();
    }
}
