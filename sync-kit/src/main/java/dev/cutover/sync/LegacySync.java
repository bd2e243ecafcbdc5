package dev.cutover.sync;

import com.zaxxer.hikari.HikariDataSource;
import dev.cutover.sync.ChangeStreamSettings.SourceDatabase;
import io.micrometer.core.instrument.MeterRegistry;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One service's two change streams with the legacy monolith: the monolith's tables of the domain into the service's
 * schema ({@code legacy-to-<domain>}), and the service's back into the monolith's ({@code <domain>-to-legacy}). The
 * first reads legacy's database and writes through the service's pool; the second reads the service's and writes
 * legacy's through a small pool of its own, which reconciliation reads with too.
 */
public final class LegacySync implements AutoCloseable {

    /** The side name the monolith's rows carry in {@link TableMapping#ORIGIN}. */
    public static final String LEGACY = "legacy";

    /**
     * What one service syncs.
     *
     * @param name        the service's side name ({@code payments}), written into {@link TableMapping#ORIGIN}
     * @param schema      the service's schema, which holds {@code sync_offsets}
     * @param fromLegacy  the monolith's tables into the service's, parents first
     * @param toLegacy    the service's tables into the monolith's, parents first
     * @param legacyFences the monolith's fence table; {@code ownFences} the service's (ADR 64)
     * @param compared    what reconciliation compares, legacy's side as each item's source
     */
    public record Domain(String name, String schema, List<TableMapping> fromLegacy, List<TableMapping> toLegacy,
                         String legacyFences, String ownFences, List<Reconciliation.Compared> compared) {

        public Domain {
            Objects.requireNonNull(name, "name");
            fromLegacy = List.copyOf(fromLegacy);
            toLegacy = List.copyOf(toLegacy);
            compared = List.copyOf(compared);
        }

        public String fromLegacyStream() {
            return LEGACY + "-to-" + name;
        }

        public String toLegacyStream() {
            return name + "-to-" + LEGACY;
        }

        /** Where the service's settings of its sync are: {@code cutover.<name>.sync}. */
        public String propertyPrefix() {
            return "cutover." + name + ".sync";
        }

        /** The environment variable of the monolith's database URL, named in the error when it is missing. */
        public String urlVariable() {
            return name.toUpperCase(java.util.Locale.ROOT) + "_SYNC_LEGACY_DB_URL";
        }
    }

    private final Domain domain;
    private final HikariDataSource legacyPool;
    private final ChangeStreams streams;
    private final Reconciliation reconciliation;

    /**
     * @param own     the service's pool, which the stream from legacy writes through
     * @param ownUrl  the service's database as the connector reads it (a user that may replicate)
     */
    public LegacySync(Domain domain, SyncProperties properties, DataSource own, SourceDatabase ownUrl, MeterRegistry meters) {
        this.domain = domain;
        SyncProperties.Legacy legacy = properties.legacy();
        this.legacyPool = new HikariDataSource();
        legacyPool.setPoolName("legacy-sync-" + domain.name());
        legacyPool.setJdbcUrl(legacy.url());
        legacyPool.setUsername(legacy.user());
        legacyPool.setPassword(legacy.password());
        legacyPool.setMaximumPoolSize(3); // the stream to legacy writes with one; reconciliation reads with one
        legacyPool.setMinimumIdle(0);
        SourceDatabase legacyDb = SourceDatabase.fromJdbcUrl(legacy.url(), legacy.user(), legacy.password());
        String prefix = properties.slotPrefix();
        String offsets = domain.schema() + ".sync_offsets";
        ChangeStream fromLegacy = new ChangeStream(new ChangeStreamSettings(domain.fromLegacyStream(), LEGACY, domain.name(),
                legacyDb, prefix + "_from_legacy", prefix + "_from_legacy", domain.fromLegacy(), own, ownUrl, offsets,
                properties.pollInterval(), domain.legacyFences()), meters, Clock.systemUTC());
        ChangeStream toLegacy = new ChangeStream(new ChangeStreamSettings(domain.toLegacyStream(), domain.name(), LEGACY,
                ownUrl, prefix + "_to_legacy", prefix + "_to_legacy", domain.toLegacy(), legacyPool, ownUrl, offsets,
                properties.pollInterval(), domain.ownFences()), meters, Clock.systemUTC());
        this.streams = new ChangeStreams(List.of(fromLegacy, toLegacy));
        this.reconciliation = new Reconciliation(own, legacyPool, domain.compared(), Clock.systemUTC(), Duration.ofSeconds(2));
    }

    public Domain domain() {
        return domain;
    }

    /** Both streams: a lifecycle bean of the service, so they start with it and stop before its pool closes. */
    public ChangeStreams streams() {
        return streams;
    }

    public Reconciliation reconciliation() {
        return reconciliation;
    }

    /** The monolith's database, as the stream to legacy writes it. */
    public DataSource legacyDatabase() {
        return legacyPool;
    }

    @Override
    public void close() {
        legacyPool.close();
    }
}
