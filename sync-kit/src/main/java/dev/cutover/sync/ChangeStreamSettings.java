package dev.cutover.sync;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One direction of the sync: where changes are read, which tables, and where they are written.
 *
 * @param name the direction, e.g. {@code legacy-to-payments}: names its metrics, its offsets and its log lines
 * @param sourceSide the side changes are read from ({@code legacy}, {@code payments}); written as {@link TableMapping#ORIGIN}
 * @param targetSide the side they are written to; a change whose origin is this side is its own echo and is dropped
 * @param source the source database, with a user that may replicate and create a publication
 * @param slot the replication slot (unique on the source's server)
 * @param publication the publication of the source tables (created by the connector when missing)
 * @param mappings the tables, in the order parents come before children
 * @param target where rows are written
 * @param offsets the database that keeps the stream's position, in {@code offsetTable}
 * @param offsetTable {@code schema.table} of the positions: {@code (stream, offset_key, offset_value, saved_at)}
 * @param pollInterval how long the connector waits for more changes before handing over a batch
 * @param fenceTable {@code schema.table} on the source of watermarks ({@code id, created_at}), or null: a fence
 *                   written there is streamed after every change committed before it (see {@link ChangeStream#raiseFence})
 */
public record ChangeStreamSettings(String name, String sourceSide, String targetSide, SourceDatabase source, String slot,
                                   String publication, List<TableMapping> mappings, DataSource target,
                                   SourceDatabase offsets, String offsetTable, Duration pollInterval, String fenceTable) {

    public ChangeStreamSettings {
        Objects.requireNonNull(name, "name");
        if (sourceSide.equals(targetSide)) {
            throw new IllegalArgumentException(name + ": a stream reads one side and writes the other");
        }
        if (!slot.matches("[a-z0-9_]{1,63}")) {
            throw new IllegalArgumentException(name + ": a replication slot is named with a-z, 0-9 and _: " + slot);
        }
        mappings = List.copyOf(mappings);
        if (mappings.isEmpty()) {
            throw new IllegalArgumentException(name + ": no tables to sync");
        }
    }

    /** A database the connector (or the offset store) connects to by JDBC URL. */
    public record SourceDatabase(String host, int port, String database, String user, String password) {

        public SourceDatabase {
            password = password == null ? "" : password;
        }

        /** From {@code jdbc:postgresql://host:port/database}. */
        public static SourceDatabase fromJdbcUrl(String jdbcUrl, String user, String password) {
            java.net.URI uri = java.net.URI.create(jdbcUrl.substring("jdbc:".length()));
            String path = uri.getPath();
            return new SourceDatabase(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), path.substring(1), user, password);
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        @Override
        public String toString() {
            return "SourceDatabase[" + jdbcUrl() + " as " + user + "]"; // never the password
        }
    }
}
