package dev.cutover.sync;

import dev.cutover.testsupport.LogicalPostgres;
import dev.cutover.testsupport.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream's process killed (SIGKILL, no shutdown) three times — once in the middle of the backfill, twice while it
 * streams the changes several writers keep making — and started again each time: in the end the target holds every source row at its
 * source version (nothing lost) and no row version was ever written twice (nothing duplicated).
 */
class ChangeStreamKillIT {

    private static final int SEEDED = 30_000;
    private static final int WRITERS = 4;

    @Test
    void killedThreeTimesMidStreamLosesNothingAndAppliesNothingTwice() throws Exception {
        TestDatabase source = LogicalPostgres.database();
        TestDatabase target = LogicalPostgres.database();
        String slot = "kill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = source.connect()) {
            SyncedTables.create(connection, "src");
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO src.items (id, amount, note) SELECT 'itm_seed_' || n, n, repeat('x', n % 50)"
                        + " FROM generate_series(1, " + SEEDED + ") n");
            }
        }
        try (Connection connection = target.connect()) {
            SyncedTables.create(connection, "dst");
            SyncedTables.logWrites(connection, "dst");
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE dst.sync_offsets (stream text NOT NULL, offset_key bytea NOT NULL,"
                        + " offset_value bytea, saved_at timestamptz NOT NULL, PRIMARY KEY (stream, offset_key))");
            }
        }

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong writes = new AtomicLong();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(Thread.ofPlatform().start(() -> write(source, writer, writing, writes)));
        }
        Process stream = startStream(source, target, slot, 0);
        try {
            // the first kill in the middle of the backfill
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> scalar(target, "SELECT count(*) FROM dst.items") >= 2_000);
            long copiedAtKill = scalar(target, "SELECT count(*) FROM dst.items");
            stream.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            assertThat(copiedAtKill).as("killed during the backfill").isLessThan(SEEDED);
            stream = startStream(source, target, slot, 1);
            // two more while it streams the writers' changes
            for (int kill = 2; kill <= 3; kill++) {
                long writtenBefore = scalar(target, "SELECT count(*) FROM dst.writes");
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                        .until(() -> scalar(target, "SELECT count(*) FROM dst.items") >= SEEDED
                                && scalar(target, "SELECT count(*) FROM dst.writes") >= writtenBefore + 500);
                stream.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                stream = startStream(source, target, slot, kill);
            }
            Thread.sleep(2_000);
            writing.set(false);
            for (Thread thread : writers) {
                thread.join();
            }

            String expected = contents(source, "src");
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> contents(target, "dst"), expected::equals);
            assertThat(writes.get()).as("the writers made changes while the stream was killed").isGreaterThan(500);
            assertThat(scalar(target, "SELECT count(*) FROM (SELECT id, row_version FROM dst.writes"
                    + " GROUP BY id, row_version HAVING count(*) > 1) twice")).as("row versions written twice").isZero();
            assertThat(scalar(target, "SELECT count(*) FROM dst.items")).isEqualTo(scalar(source, "SELECT count(*) FROM src.items"));
        } finally {
            stream.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            dropSlot(source, slot);
        }
    }

    private static void write(TestDatabase source, int writer, AtomicBoolean writing, AtomicLong writes) {
        try (Connection connection = source.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO src.items (id, amount, note) VALUES (?, ?, ?)");
             PreparedStatement update = connection.prepareStatement("UPDATE src.items SET amount = amount + 1, note = ? WHERE id = ?")) {
            int made = 0;
            while (writing.get()) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                if (made == 0 || random.nextInt(3) == 0) {
                    insert.setString(1, "itm_w" + writer + "_" + made++);
                    insert.setLong(2, 1 + random.nextInt(1_000));
                    insert.setString(3, "by writer " + writer);
                    insert.executeUpdate();
                } else {
                    update.setString(1, "changed at " + Instant.now());
                    update.setString(2, random.nextBoolean() ? "itm_w" + writer + "_" + random.nextInt(made)
                            : "itm_seed_" + (1 + random.nextInt(SEEDED)));
                    update.executeUpdate();
                }
                writes.incrementAndGet();
                Thread.sleep(2);
            }
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Process startStream(TestDatabase source, TestDatabase target, String slot, int run) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = Path.of("target", "stream-process-" + slot + "-" + run + ".log");
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), StreamProcess.class.getName(),
                "kill-test", source.jdbcUrl(), "src", target.jdbcUrl(), "dst", slot)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Every row as id, amount, note and version, in id order, as one text. */
    private static String contents(TestDatabase database, String schema) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet all = statement.executeQuery("SELECT md5(string_agg(id || ':' || amount || ':' || coalesce(note, '')"
                     + " || ':' || row_version || ':' || created_at, ',' ORDER BY id)) FROM " + schema + ".items")) {
            all.next();
            return all.getString(1);
        }
    }

    private static long scalar(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void dropSlot(TestDatabase source, String slot) throws SQLException {
        try (Connection connection = source.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot + "'");
        }
    }
}
