package dev.cutover.sync;

import dev.cutover.testsupport.LogicalPostgres;
import dev.cutover.testsupport.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A source whose synced tables are quiet while the rest of its database is busy (the monolith's payments tables at
 * night, its other tables not): the stream's slot must still move on, or the server keeps every WAL segment written
 * since the last synced change and its disk fills.
 */
class IdleSlotIT {

    @Test
    void theSlotMovesOnWhileOnlyTablesTheStreamDoesNotReadChange() throws Exception {
        TestDatabase source = LogicalPostgres.database();
        TestDatabase target = LogicalPostgres.database();
        String slot = "idle_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = source.connect(); Statement statement = connection.createStatement()) {
            SyncedTables.create(connection, "src");
            statement.execute("CREATE TABLE src.busy (id bigserial PRIMARY KEY, payload text)");
        }
        try (Connection connection = target.connect(); Statement statement = connection.createStatement()) {
            SyncedTables.create(connection, "dst");
            statement.execute("CREATE TABLE dst.sync_offsets (stream text NOT NULL, offset_key bytea NOT NULL,"
                    + " offset_value bytea, saved_at timestamptz NOT NULL, PRIMARY KEY (stream, offset_key))");
        }
        ChangeStream stream = new ChangeStream(new ChangeStreamSettings("idle", "legacy", "payments",
                ChangeStreamSettings.SourceDatabase.fromJdbcUrl(source.jdbcUrl(), source.username(), source.password()), slot, slot,
                List.of(SyncedTables.mapping("src", "dst")),
                new SimpleDriverDataSource(new org.postgresql.Driver(), target.jdbcUrl(), target.username(), target.password()),
                ChangeStreamSettings.SourceDatabase.fromJdbcUrl(target.jdbcUrl(), target.username(), target.password()),
                "dst.sync_offsets", Duration.ofMillis(50), null), new SimpleMeterRegistry(), Clock.systemUTC());
        stream.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> stream.state() == ChangeStream.State.STREAMING);
            String written;
            try (Connection connection = source.connect(); Statement statement = connection.createStatement()) {
                for (int i = 0; i < 20; i++) {
                    statement.execute("INSERT INTO src.busy (payload) SELECT repeat('x', 500) FROM generate_series(1, 500)");
                }
                written = text(statement, "SELECT pg_current_wal_lsn()");
            }
            Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> confirmedPast(source, slot, written));
        } finally {
            stream.stop();
            try (Connection connection = source.connect(); Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_drop_replication_slot('" + slot + "')");
            }
        }
    }

    private static boolean confirmedPast(TestDatabase source, String slot, String lsn) throws SQLException {
        try (Connection connection = source.connect(); Statement statement = connection.createStatement()) {
            return "t".equals(text(statement, "SELECT confirmed_flush_lsn >= '" + lsn + "'::pg_lsn FROM pg_replication_slots"
                    + " WHERE slot_name = '" + slot + "'"));
        }
    }

    private static String text(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
