package dev.cutover.sync;

import dev.cutover.testsupport.LogicalPostgres;
import dev.cutover.testsupport.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sync's figures for {@code ./bench --sync}: the backfill of {@code BENCH_SYNC_ROWS} rows (rows/s), then the lag
 * of changes written at {@code BENCH_SYNC_RATE}/s for {@code BENCH_SYNC_SECONDS} (P50/P99), on a Postgres cluster with
 * logical decoding. Lag is measured by the databases, not the stream: the source stamps each write with
 * {@code clock_timestamp()}, the target stamps each apply, and Postgres takes the percentiles of the difference.
 * Prints {@code key=value} lines and writes them to the file named by the first argument.
 */
public final class SyncBench {

    private SyncBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(env("BENCH_SYNC_ROWS", "100000"));
        int rate = Integer.parseInt(env("BENCH_SYNC_RATE", "200"));
        int seconds = Integer.parseInt(env("BENCH_SYNC_SECONDS", "60"));
        int warmup = Integer.parseInt(env("BENCH_SYNC_WARMUP_SECONDS", "10"));
        StringBuilder facts = new StringBuilder();

        TestDatabase source = LogicalPostgres.database();
        TestDatabase target = LogicalPostgres.database();
        prepare(source, target, rows);
        SimpleDriverDataSource targetPool = new SimpleDriverDataSource(new org.postgresql.Driver(), target.jdbcUrl(),
                target.username(), target.password());
        ChangeStreamSettings.SourceDatabase sourceDb = ChangeStreamSettings.SourceDatabase.fromJdbcUrl(source.jdbcUrl(), source.username(), source.password());
        ChangeStreamSettings.SourceDatabase targetDb = ChangeStreamSettings.SourceDatabase.fromJdbcUrl(target.jdbcUrl(), target.username(), target.password());
        TableMapping mapping = TableMapping.sameColumns("src.items", "dst.items", "id",
                List.of("id", "amount", "note", "created_at", "written_at"));
        ChangeStream stream = new ChangeStream(new ChangeStreamSettings("bench", "legacy", "payments", sourceDb, "bench_sync",
                "bench_sync", List.of(mapping), targetPool, targetDb, "dst.sync_offsets", Duration.ofMillis(50), null),
                new SimpleMeterRegistry(), Clock.systemUTC());

        Instant started = Instant.now();
        stream.start();
        while (stream.state() != ChangeStream.State.STREAMING || count(target) < rows) {
            Thread.sleep(20);
            if (Duration.between(started, Instant.now()).toMinutes() > 20) {
                throw new IllegalStateException("the backfill did not finish in 20 minutes: " + stream.snapshotRows() + " rows");
            }
        }
        double backfillSeconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        fact(facts, "sync_backfill_rows", rows);
        fact(facts, "sync_backfill_seconds", String.format(Locale.ROOT, "%.1f", backfillSeconds));
        fact(facts, "sync_backfill_rows_per_s", Math.round(rows / backfillSeconds));

        AtomicLong written = new AtomicLong();
        ScheduledExecutorService writers = Executors.newScheduledThreadPool(4);
        Connection[] connections = new Connection[4];
        for (int i = 0; i < connections.length; i++) {
            connections[i] = source.connect();
        }
        AtomicLong next = new AtomicLong();
        long periodMicros = 1_000_000L / rate;
        writers.scheduleAtFixedRate(() -> write(connections[(int) (next.getAndIncrement() % connections.length)], rows, written),
                0, periodMicros, TimeUnit.MICROSECONDS);
        Thread.sleep(warmup * 1000L);
        Instant measuredFrom = Instant.now();
        long writtenBefore = written.get();
        Thread.sleep(seconds * 1000L);
        long changes = written.get() - writtenBefore;
        writers.shutdown();
        writers.awaitTermination(10, TimeUnit.SECONDS);
        Thread.sleep(3_000); // the last changes arrive
        for (Connection connection : connections) {
            connection.close();
        }
        try (Connection connection = target.connect();
             PreparedStatement lag = connection.prepareStatement("SELECT count(*),"
                     + " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM applied_at - written_at)),"
                     + " percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM applied_at - written_at)),"
                     + " max(extract(epoch FROM applied_at - written_at))"
                     + " FROM dst.applies WHERE written_at >= ?")) {
            lag.setObject(1, measuredFrom.atOffset(java.time.ZoneOffset.UTC));
            try (ResultSet result = lag.executeQuery()) {
                result.next();
                fact(facts, "sync_lag_rate_per_s", Math.round(changes / (double) seconds));
                fact(facts, "sync_lag_changes", result.getLong(1));
                fact(facts, "sync_lag_p50_ms", String.format(Locale.ROOT, "%.1f", result.getDouble(2) * 1000));
                fact(facts, "sync_lag_p99_ms", String.format(Locale.ROOT, "%.1f", result.getDouble(3) * 1000));
                fact(facts, "sync_lag_max_ms", String.format(Locale.ROOT, "%.1f", result.getDouble(4) * 1000));
            }
        }
        Runtime runtime = Runtime.getRuntime();
        fact(facts, "sync_heap_used_mb", (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024));
        fact(facts, "sync_rss_mb", rssMegabytes());
        stream.stop();
        try (Connection connection = source.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_drop_replication_slot('bench_sync')");
        }
        System.out.print(facts);
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), facts);
        }
        System.exit(0);
    }

    private static void prepare(TestDatabase source, TestDatabase target, int rows) throws SQLException {
        try (Connection connection = source.connect(); Statement statement = connection.createStatement()) {
            SyncedTables.create(connection, "src");
            stampWrites(statement, "src");
            statement.execute("INSERT INTO src.items (id, amount, note) SELECT 'txn_bench_' || n, n, 'a note of about forty characters, ' || n"
                    + " FROM generate_series(1, " + rows + ") n");
        }
        try (Connection connection = target.connect(); Statement statement = connection.createStatement()) {
            SyncedTables.create(connection, "dst");
            statement.execute("ALTER TABLE dst.items ADD COLUMN written_at timestamptz");
            statement.execute("CREATE TABLE dst.applies (id text, written_at timestamptz, applied_at timestamptz)");
            statement.execute("""
                    CREATE FUNCTION dst.log_apply() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        INSERT INTO dst.applies VALUES (NEW.id, NEW.written_at, clock_timestamp());
                        RETURN NEW;
                    END;
                    $$""");
            statement.execute("CREATE TRIGGER items_applies AFTER INSERT OR UPDATE ON dst.items FOR EACH ROW EXECUTE FUNCTION dst.log_apply()");
            statement.execute("CREATE TABLE dst.sync_offsets (stream text NOT NULL, offset_key bytea NOT NULL,"
                    + " offset_value bytea, saved_at timestamptz NOT NULL, PRIMARY KEY (stream, offset_key))");
        }
    }

    /** Each write on the source carries the moment it was made. */
    private static void stampWrites(Statement statement, String schema) throws SQLException {
        statement.execute("ALTER TABLE " + schema + ".items ADD COLUMN written_at timestamptz");
        statement.execute("""
                CREATE FUNCTION %1$s.stamp_written() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.written_at := clock_timestamp();
                    RETURN NEW;
                END;
                $$""".formatted(schema));
        statement.execute("CREATE TRIGGER items_written BEFORE INSERT OR UPDATE ON " + schema
                + ".items FOR EACH ROW EXECUTE FUNCTION " + schema + ".stamp_written()");
    }

    private static void write(Connection connection, int rows, AtomicLong written) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        synchronized (connection) {
            try (Statement statement = connection.createStatement()) {
                if (random.nextInt(4) == 0) {
                    statement.executeUpdate("INSERT INTO src.items (id, amount, note) VALUES ('txn_live_" + written.get() + "_"
                            + random.nextInt(1_000_000) + "', " + (1 + random.nextInt(10_000)) + ", 'live')");
                } else {
                    statement.executeUpdate("UPDATE src.items SET amount = amount + 1 WHERE id = 'txn_bench_" + (1 + random.nextInt(rows)) + "'");
                }
                written.incrementAndGet();
            } catch (SQLException e) {
                System.err.println("write failed: " + e.getMessage());
            }
        }
    }

    private static long count(TestDatabase target) throws SQLException {
        try (Connection connection = target.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM dst.items")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static long rssMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static void fact(StringBuilder facts, String key, Object value) {
        facts.append(key).append('=').append(value).append('\n');
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
