package dev.cutover.sync;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Writes captured rows into the target side, exactly once in effect: each row is upserted by its public id and only
 * when its {@link TableMapping#VERSION} is newer than the target's, so a change delivered twice, replayed after a
 * restart or overtaken by a newer one changes nothing. The whole batch is one database transaction that names the
 * source side in {@code cutover.sync_origin}, which the target's trigger writes into {@link TableMapping#ORIGIN}: that
 * is how the opposite stream recognises these rows as echoes and drops them.
 */
final class VersionedUpserts {

    /** Debezium's stand-in for a TOASTed value an update did not change: the target keeps what it has. */
    static final String UNAVAILABLE = "__debezium_unavailable_value";

    private final DataSource target;
    private final String sourceSide;
    private final String targetSide;
    private final Map<String, TableMapping> bySourceTable;
    private final Map<String, Map<String, String>> targetTypes = new ConcurrentHashMap<>();
    /** Upsert statements by target table and written columns (fewer when an unchanged TOAST value is left out). */
    private final Map<List<String>, String> statements = new ConcurrentHashMap<>();

    VersionedUpserts(DataSource target, String sourceSide, String targetSide, List<TableMapping> mappings) {
        this.target = target;
        this.sourceSide = sourceSide;
        this.targetSide = targetSide;
        this.bySourceTable = mappings.stream().collect(Collectors.toMap(TableMapping::sourceTable, m -> m));
    }

    /** One captured change: its source table ({@code schema.table}), Debezium's {@code op} and its {@code after} row. */
    record Change(String sourceTable, String op, Struct after) {
    }

    /** The outcome of each change, in order; nothing is written unless every change could be. */
    List<Outcome> apply(List<Change> changes) throws SQLException {
        Outcome[] outcomes = new Outcome[changes.size()];
        try (Connection connection = target.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement origin = connection.prepareStatement("SELECT set_config('cutover.sync_origin', ?, true)")) {
                    origin.setString(1, sourceSide);
                    origin.execute();
                }
                writeAll(connection, changes, outcomes);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
        return List.of(outcomes);
    }

    /** Runs of consecutive upserts with the same statement go to the database as one JDBC batch, in order. */
    private void writeAll(Connection connection, List<Change> changes, Outcome[] outcomes) throws SQLException {
        String runSql = null;
        PreparedStatement run = null;
        List<Integer> runIndexes = new ArrayList<>();
        try {
            for (int i = 0; i < changes.size(); i++) {
                Upsert upsert = upsertOf(connection, changes.get(i));
                if (upsert.skipped() != null) {
                    outcomes[i] = upsert.skipped();
                    continue;
                }
                if (!upsert.sql().equals(runSql)) {
                    flush(run, runIndexes, outcomes);
                    if (run != null) {
                        run.close();
                    }
                    runSql = upsert.sql();
                    run = connection.prepareStatement(runSql);
                    runIndexes.clear();
                }
                int index = 1;
                for (Object value : upsert.values()) {
                    if (value instanceof byte[] bytes) {
                        run.setBytes(index++, bytes);
                    } else {
                        run.setString(index++, (String) value);
                    }
                }
                run.addBatch();
                runIndexes.add(i);
            }
            flush(run, runIndexes, outcomes);
        } catch (java.sql.BatchUpdateException failed) {
            throw failed.getNextException() != null ? failed.getNextException() : failed;
        } finally {
            if (run != null) {
                run.close();
            }
        }
    }

    private static void flush(PreparedStatement run, List<Integer> indexes, Outcome[] outcomes) throws SQLException {
        if (run == null || indexes.isEmpty()) {
            return;
        }
        int[] counts = run.executeBatch();
        for (int k = 0; k < counts.length; k++) {
            outcomes[indexes.get(k)] = counts[k] == 1 ? Outcome.APPLIED : Outcome.STALE;
        }
    }

    /** The statement and values that write one change, or why it is not written. */
    private record Upsert(Outcome skipped, String sql, List<Object> values) {
    }

    private Upsert upsertOf(Connection connection, Change change) throws SQLException {
        if ("d".equals(change.op()) || change.after() == null) {
            return new Upsert(Outcome.DELETE_IGNORED, null, null);
        }
        TableMapping mapping = bySourceTable.get(change.sourceTable());
        if (mapping == null) {
            throw new IllegalStateException("a change of " + change.sourceTable() + ", which no mapping names");
        }
        if (mapping.insertOnly() && "u".equals(change.op())) {
            return new Upsert(Outcome.STALE, null, null); // its mapped columns do not change: nothing to write
        }
        Struct after = change.after();
        if (after.schema().field(TableMapping.ORIGIN) != null && targetSide.equals(after.get(TableMapping.ORIGIN))) {
            return new Upsert(Outcome.ECHO, null, null);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        mapping.columns().forEach((sourceColumn, targetColumn) -> {
            Field field = after.schema().field(sourceColumn);
            if (field == null) {
                throw new IllegalStateException(change.sourceTable() + " has no column " + sourceColumn);
            }
            Object value = after.get(field);
            if (!UNAVAILABLE.equals(value)) {
                values.put(targetColumn, ColumnValues.of(field.schema(), value));
            }
        });
        Field version = after.schema().field(TableMapping.VERSION);
        if (version == null) {
            throw new IllegalStateException(change.sourceTable() + " has no " + TableMapping.VERSION + " column");
        }
        mapping.transform().apply(connection, values);
        values.put(TableMapping.VERSION, after.get(version).toString());
        return new Upsert(null, upsertSql(connection, mapping, values.keySet()), new ArrayList<>(values.values()));
    }

    private String upsertSql(Connection connection, TableMapping mapping, java.util.Set<String> columns) throws SQLException {
        List<String> key = new ArrayList<>(columns.size() + 1);
        key.add(mapping.targetTable());
        key.addAll(columns);
        String known = statements.get(key);
        if (known != null) {
            return known;
        }
        String sql = buildUpsertSql(connection, mapping, columns);
        statements.put(key, sql);
        return sql;
    }

    private String buildUpsertSql(Connection connection, TableMapping mapping, java.util.Set<String> columns) throws SQLException {
        Map<String, String> types = typesOf(connection, mapping.targetTable());
        String names = String.join(", ", columns);
        String casts = columns.stream().map(column -> {
            String type = Objects.requireNonNull(types.get(column), () -> mapping.targetTable() + " has no column " + column);
            return "bytea".equals(type) ? "?" : "CAST(? AS " + type + ")";
        }).collect(Collectors.joining(", "));
        String insert = "INSERT INTO " + mapping.targetTable() + " AS t (" + names + ") VALUES (" + casts + ")";
        if (mapping.insertOnly()) {
            return insert + " ON CONFLICT (" + mapping.key() + ") DO NOTHING";
        }
        String updates = columns.stream().filter(column -> !column.equals(mapping.key()))
                .map(column -> column + " = EXCLUDED." + column).collect(Collectors.joining(", "));
        return insert + " ON CONFLICT (" + mapping.key() + ") DO UPDATE SET " + updates
                + " WHERE t." + TableMapping.VERSION + " < EXCLUDED." + TableMapping.VERSION;
    }

    private Map<String, String> typesOf(Connection connection, String table) throws SQLException {
        Map<String, String> known = targetTypes.get(table);
        if (known != null) {
            return known;
        }
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT attname, format_type(atttypid, atttypmod)"
                + " FROM pg_attribute WHERE attrelid = CAST(? AS regclass) AND attnum > 0 AND NOT attisdropped")) {
            select.setString(1, table);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    types.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        targetTypes.put(table, Map.copyOf(types));
        return types;
    }
}
