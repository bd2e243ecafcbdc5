package dev.cutover.sync;

import dev.cutover.testsupport.TestDatabase;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writing half of the sync against a real Postgres: versions decide, echoes and deletes are dropped, batches are whole. */
class VersionedUpsertsIT {

    private static final Schema ROW = SchemaBuilder.struct()
            .field("id", Schema.STRING_SCHEMA)
            .field("amount", Schema.INT64_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .field("created_at", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").build())
            .field("row_version", Schema.INT64_SCHEMA)
            .field("sync_origin", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private static final String SCHEMA = "upserts_" + UUID.randomUUID().toString().substring(0, 8);
    private static final TestDatabase DB = TestDatabase.get();
    private static VersionedUpserts upserts;

    @BeforeAll
    static void tables() throws SQLException {
        try (Connection connection = DB.connect()) {
            SyncedTables.create(connection, SCHEMA);
        }
        SimpleDriverDataSource target = new SimpleDriverDataSource(new org.postgresql.Driver(), DB.jdbcUrl(), DB.username(), DB.password());
        upserts = new VersionedUpserts(target, "legacy", "payments", List.of(SyncedTables.mapping("public", SCHEMA)));
    }

    @Test
    void aNewerVersionIsWrittenAndARedeliveredOrOlderOneChangesNothing() throws SQLException {
        String id = newId();
        assertThat(apply(row(id, 100, "first", 1, null))).containsExactly(Outcome.APPLIED);
        assertThat(apply(row(id, 250, "second", 3, null))).containsExactly(Outcome.APPLIED);

        assertThat(apply(row(id, 250, "second", 3, null), row(id, 180, "late", 2, null), row(id, 100, "first", 1, null)))
                .containsExactly(Outcome.STALE, Outcome.STALE, Outcome.STALE);
        assertThat(read(id)).isEqualTo("250|second|3|legacy");
    }

    @Test
    void aChangeThatCameFromTheTargetSideIsAnEchoAndIsDropped() throws SQLException {
        String id = newId();
        apply(row(id, 100, "mine", 1, null));

        assertThat(apply(row(id, 999, "echo", 2, "payments"))).containsExactly(Outcome.ECHO);
        assertThat(read(id)).isEqualTo("100|mine|1|legacy");
    }

    @Test
    void theTargetsOwnWritesBumpTheVersionAndClearTheOrigin() throws SQLException {
        String id = newId();
        apply(row(id, 100, "imported", 4, null));

        execute("UPDATE " + SCHEMA + ".items SET amount = 120 WHERE id = '" + id + "'");
        assertThat(read(id)).isEqualTo("120|imported|5|");
        assertThat(apply(row(id, 100, "imported", 4, null))).as("the import is now older than the local change")
                .containsExactly(Outcome.STALE);
    }

    @Test
    void aValueAnUpdateDidNotChangeKeepsWhatTheTargetHas() throws SQLException {
        String id = newId();
        apply(row(id, 100, "a long note kept out of line", 1, null));

        assertThat(apply(row(id, 140, VersionedUpserts.UNAVAILABLE, 2, null))).containsExactly(Outcome.APPLIED);
        assertThat(read(id)).isEqualTo("140|a long note kept out of line|2|legacy");
    }

    @Test
    void deletesAreNotApplied() throws SQLException {
        String id = newId();
        apply(row(id, 100, null, 1, null));

        assertThat(upserts.apply(List.of(new VersionedUpserts.Change("public.items", "d", null)))).containsExactly(Outcome.DELETE_IGNORED);
        assertThat(read(id)).isEqualTo("100||1|legacy");
    }

    @Test
    void aBatchWithOneChangeTheTargetRefusesWritesNothing() throws SQLException {
        String first = newId();
        String second = newId();

        assertThatThrownBy(() -> apply(row(first, 100, null, 1, null), row(second, -5, null, 1, null)))
                .isInstanceOf(SQLException.class).hasMessageContaining("check constraint");
        assertThat(read(first)).isNull();
    }

    @Test
    void aTransformRewritesTheRowInsideTheTargetsTransactionBeforeItIsWritten() throws SQLException {
        TableMapping mapping = SyncedTables.mapping("public", SCHEMA).transformedBy((target, row) -> {
            try (Statement statement = target.createStatement();
                 ResultSet origin = statement.executeQuery("SELECT current_setting('cutover.sync_origin', true)")) {
                origin.next();
                row.put("note", row.get("note") + " via " + origin.getString(1));
            }
            row.put("amount", Long.toString(Long.parseLong((String) row.get("amount")) * 2));
        });
        SimpleDriverDataSource target = new SimpleDriverDataSource(new org.postgresql.Driver(), DB.jdbcUrl(), DB.username(), DB.password());
        VersionedUpserts transformed = new VersionedUpserts(target, "legacy", "payments", List.of(mapping));
        String id = newId();

        assertThat(transformed.apply(List.of(new VersionedUpserts.Change("public.items", "c", row(id, 100, "sealed", 1, null)))))
                .containsExactly(Outcome.APPLIED);
        assertThat(read(id)).isEqualTo("200|sealed via legacy|1|legacy");
    }

    @Test
    void anInsertOnlyMappingCopiesNewRowsAndNeverWritesAnUpdate() throws SQLException {
        SimpleDriverDataSource target = new SimpleDriverDataSource(new org.postgresql.Driver(), DB.jdbcUrl(), DB.username(), DB.password());
        VersionedUpserts insertOnly = new VersionedUpserts(target, "legacy", "payments",
                List.of(SyncedTables.mapping("public", SCHEMA).insertedOnly()));
        String id = newId();

        assertThat(insertOnly.apply(List.of(new VersionedUpserts.Change("public.items", "c", row(id, 100, "opened", 1, null)))))
                .containsExactly(Outcome.APPLIED);
        assertThat(insertOnly.apply(List.of(new VersionedUpserts.Change("public.items", "u", row(id, 900, "changed", 2, null)),
                new VersionedUpserts.Change("public.items", "r", row(id, 900, "snapshot", 3, null)))))
                .containsExactly(Outcome.STALE, Outcome.STALE);
        assertThat(read(id)).isEqualTo("100|opened|1|legacy");
    }

    private static List<Outcome> apply(Struct... rows) throws SQLException {
        return upserts.apply(java.util.Arrays.stream(rows).map(r -> new VersionedUpserts.Change("public.items", "u", r)).toList());
    }

    private static Struct row(String id, long amount, String note, long version, String origin) {
        return new Struct(ROW).put("id", id).put("amount", amount).put("note", note)
                .put("created_at", "2026-12-02T10:15:30.123456Z").put("row_version", version).put("sync_origin", origin);
    }

    private static String newId() {
        return "itm_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String read(String id) throws SQLException {
        try (Connection connection = DB.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT amount, note, row_version, sync_origin, created_at = '2026-12-02T10:15:30.123456Z'"
                     + " FROM " + SCHEMA + ".items WHERE id = '" + id + "'")) {
            if (!row.next()) {
                return null;
            }
            assertThat(row.getBoolean(5)).as("created_at to the microsecond").isTrue();
            return row.getLong(1) + "|" + (row.getString(2) == null ? "" : row.getString(2)) + "|" + row.getLong(3) + "|"
                    + (row.getString(4) == null ? "" : row.getString(4));
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DB.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
