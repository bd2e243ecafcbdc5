package dev.cutover.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one source table's rows become one target table's: which columns go where, and the key they are upserted by.
 * Every synced table on either side also carries {@link #VERSION} and {@link #ORIGIN}, kept by a trigger (ADR 63):
 * the version counts the row's changes, and the origin names the side a sync wrote it from.
 *
 * @param sourceTable {@code schema.table} on the side changes are read from
 * @param targetTable {@code schema.table} on the side they are written to
 * @param key the target's primary key column, which holds the public id
 * @param columns source column → target column, the key included, {@link #VERSION} and {@link #ORIGIN} not
 * @param transform what turns a mapped row into what the target stores, where the sides store a value differently
 *                  (a password hash's format, personal data sealed under another key); {@link RowTransform#NONE} when
 *                  the values are copied as they are
 * @param insertOnly whether only new rows are copied: for rows whose mapped columns never change after they are
 *                   made, while other columns the mapping leaves out do (a ledger account's running totals). Their
 *                   updates are not written at all — not even as a no-op upsert, which would lock the target's row
 *                   against that side's own writes.
 */
public record TableMapping(String sourceTable, String targetTable, String key, Map<String, String> columns,
                           RowTransform transform, boolean insertOnly) {

    /** The row's version: 1 when created, one more at every change on the side that made it. */
    public static final String VERSION = "row_version";
    /** The side a sync copied the row from; null when it was written by its own side's code. */
    public static final String ORIGIN = "sync_origin";

    /**
     * Rewrites one mapped row before it is written: {@code row} holds the target's column names and their values (text
     * for {@code CAST(? AS type)}, {@code byte[]} for {@code bytea}, or null) and may be changed, and gain columns the
     * source does not have. It runs inside the target's transaction, on {@code target}.
     */
    @FunctionalInterface
    public interface RowTransform {

        RowTransform NONE = (target, row) -> { };

        void apply(Connection target, Map<String, Object> row) throws SQLException;
    }

    public TableMapping(String sourceTable, String targetTable, String key, Map<String, String> columns) {
        this(sourceTable, targetTable, key, columns, RowTransform.NONE, false);
    }

    public TableMapping {
        Objects.requireNonNull(sourceTable, "sourceTable");
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(targetTable, "targetTable");
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        if (!columns.containsValue(key)) {
            throw new IllegalArgumentException(targetTable + ": the key " + key + " is not among the mapped columns");
        }
        if (columns.containsKey(VERSION) || columns.containsKey(ORIGIN)) {
            throw new IllegalArgumentException(targetTable + ": " + VERSION + " and " + ORIGIN + " are mapped by the sync itself");
        }
    }

    /** A mapping of columns that have the same names on both sides. */
    public static TableMapping sameColumns(String sourceTable, String targetTable, String key, List<String> columns) {
        Map<String, String> same = new LinkedHashMap<>();
        columns.forEach(column -> same.put(column, column));
        return new TableMapping(sourceTable, targetTable, key, same);
    }

    /** This mapping, with {@code transform} rewriting each row before it is written. */
    public TableMapping transformedBy(RowTransform rowTransform) {
        return new TableMapping(sourceTable, targetTable, key, columns, rowTransform, insertOnly);
    }

    /** This mapping, copying new rows only (see {@link #insertOnly}). */
    public TableMapping insertedOnly() {
        return new TableMapping(sourceTable, targetTable, key, columns, transform, true);
    }

    /** The same mapping read the other way, without its transform: the target's table becomes the source. */
    public TableMapping reversed() {
        Map<String, String> back = new LinkedHashMap<>();
        columns.forEach((source, target) -> back.put(target, source));
        String sourceKey = columns.entrySet().stream().filter(e -> e.getValue().equals(key)).findFirst().orElseThrow().getKey();
        return new TableMapping(targetTable, sourceTable, sourceKey, back, RowTransform.NONE, insertOnly);
    }
}
