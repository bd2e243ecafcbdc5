package dev.cutover.sync;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Compares what both sides hold of each resource of a domain: counts, a checksum over every row's compared columns,
 * and each id that is missing on one side or differs. Rows are read in id order from both databases and
 * merged, so memory stays flat however many rows there are. What differs on a first look is looked at again after
 * {@code settle} (changes the streams had not applied yet), and only what still differs is reported.
 */
public final class Reconciliation {

    static final int LISTED = 1_000;

    /**
     * One resource as both sides hold it.
     *
     * @param resource    its name in the report
     * @param legacyTable {@code schema.table} on the monolith; {@code ownTable} on the service
     * @param legacyKey   the column of the public id on the monolith; {@code ownKey} on the service
     * @param columns     SQL expressions whose text must be equal: legacy's → the service's (an expression, not only a
     *                    column, where the sides write a value differently)
     */
    public record Compared(String resource, String legacyTable, String ownTable, String legacyKey, String ownKey,
                           Map<String, String> columns) {

        public Compared {
            columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        }

        /** A synced table as its mapping from legacy copies it: the mapped columns and the row's version. */
        public static Compared of(TableMapping fromLegacy) {
            Map<String, String> columns = new LinkedHashMap<>(fromLegacy.columns());
            columns.put(TableMapping.VERSION, TableMapping.VERSION);
            String legacyKey = fromLegacy.columns().entrySet().stream()
                    .filter(e -> e.getValue().equals(fromLegacy.key())).findFirst().orElseThrow().getKey();
            String target = fromLegacy.targetTable();
            return new Compared(target.substring(target.indexOf('.') + 1), fromLegacy.sourceTable(), target, legacyKey,
                    fromLegacy.key(), columns);
        }
    }

    private final DataSource own;
    private final DataSource legacy;
    private final List<Compared> compared;
    private final Clock clock;
    private final Duration settle;

    Reconciliation(DataSource own, DataSource legacy, List<Compared> compared, Clock clock, Duration settle) {
        this.own = own;
        this.legacy = legacy;
        this.compared = List.copyOf(compared);
        this.clock = clock;
        this.settle = settle;
    }

    /** One id that does not agree: {@code missing_on_new}, {@code missing_on_legacy} or {@code different}. */
    public record Mismatch(String id, String kind) {
    }

    public record Side(String table, long count, String checksum) {
    }

    public record Resource(String resource, Side legacy, Side current, long mismatchCount, List<Mismatch> mismatches) {
    }

    public record Report(Instant checkedAt, long mismatches, List<Resource> resources) {
    }

    public Report run() throws SQLException, InterruptedException {
        List<Resource> resources = new ArrayList<>();
        long total = 0;
        for (Compared mapping : compared) {
            Resource first = compare(mapping, null);
            Resource resource = first;
            if (first.mismatchCount() > 0) {
                Thread.sleep(settle);
                resource = compare(mapping, first.mismatches().stream().map(Mismatch::id).toList());
                resource = new Resource(first.resource(), first.legacy(), first.current(), resource.mismatchCount(), resource.mismatches());
            }
            total += resource.mismatchCount();
            resources.add(resource);
        }
        return new Report(clock.instant(), total, resources);
    }

    private Resource compare(Compared mapping, List<String> onlyIds) throws SQLException {
        String resource = mapping.resource();
        List<String> legacyColumns = new ArrayList<>(mapping.columns().keySet());
        List<String> ownColumns = legacyColumns.stream().map(mapping.columns()::get).toList();
        try (Connection legacyConnection = legacy.getConnection(); Connection ownConnection = own.getConnection()) {
            try (Rows legacyRows = new Rows(legacyConnection, mapping.legacyTable(), mapping.legacyKey(), legacyColumns, onlyIds);
                 Rows ownRows = new Rows(ownConnection, mapping.ownTable(), mapping.ownKey(), ownColumns, onlyIds)) {
                List<Mismatch> mismatches = new ArrayList<>();
                long count = 0;
                legacyRows.next();
                ownRows.next();
                while (legacyRows.id != null || ownRows.id != null) {
                    int order = legacyRows.id == null ? 1 : ownRows.id == null ? -1 : legacyRows.id.compareTo(ownRows.id);
                    String kind = null;
                    String id;
                    if (order < 0) {
                        id = legacyRows.id;
                        kind = "missing_on_new";
                        legacyRows.next();
                    } else if (order > 0) {
                        id = ownRows.id;
                        kind = "missing_on_legacy";
                        ownRows.next();
                    } else {
                        id = legacyRows.id;
                        if (!legacyRows.hash.equals(ownRows.hash)) {
                            kind = "different";
                        }
                        legacyRows.next();
                        ownRows.next();
                    }
                    if (kind != null) {
                        count++;
                        if (mismatches.size() < LISTED) {
                            mismatches.add(new Mismatch(id, kind));
                        }
                    }
                }
                return new Resource(resource, legacyRows.side(), ownRows.side(), count, mismatches);
            }
        }
    }

    /** One side's rows of one table, in id order, each as its id and a hash of its compared columns. */
    private static final class Rows implements AutoCloseable {

        private final String table;
        private final Connection connection;
        private final boolean autoCommit;
        private final PreparedStatement select;
        private final ResultSet rows;
        private final MessageDigest checksum;
        private long count;
        String id;
        String hash;

        Rows(Connection connection, String table, String key, List<String> columns, List<String> onlyIds) throws SQLException {
            this.table = table;
            this.connection = connection;
            this.autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false); // a cursor, and UTC for the timestamps' text, for this transaction only
            try (Statement utc = connection.createStatement()) {
                utc.execute("SET LOCAL TIME ZONE 'UTC'");
            }
            String row = columns.stream().map(c -> "coalesce((" + c + ")::text, '\\N')").collect(Collectors.joining(" || '|' || "));
            String id = "(" + key + ")::text";
            String where = onlyIds == null ? "" : " WHERE " + id + " = ANY (?)";
            this.select = connection.prepareStatement("SELECT " + id + ", md5(" + row + ") FROM " + table + where
                    + " ORDER BY " + id + " COLLATE \"C\"");
            select.setFetchSize(1_000);
            if (onlyIds != null) {
                select.setArray(1, connection.createArrayOf("text", onlyIds.toArray()));
            }
            this.rows = select.executeQuery();
            try {
                this.checksum = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void next() throws SQLException {
            if (rows.next()) {
                id = rows.getString(1);
                hash = rows.getString(2);
                checksum.update(hash.getBytes(StandardCharsets.US_ASCII));
                count++;
            } else {
                id = null;
                hash = null;
            }
        }

        Side side() {
            return new Side(table, count, HexFormat.of().formatHex(checksum.digest()));
        }

        @Override
        public void close() throws SQLException {
            rows.close();
            select.close();
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The report as the ops endpoint answers it (snake_case members, in this order). */
    public static Map<String, Object> json(Report report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("checked_at", report.checkedAt().toString());
        body.put("mismatches", report.mismatches());
        body.put("resources", report.resources().stream().map(r -> {
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("resource", r.resource());
            resource.put("legacy", side(r.legacy()));
            resource.put("new", side(r.current()));
            resource.put("mismatches", r.mismatchCount());
            resource.put("listed", r.mismatches().stream().map(m -> Map.of("id", m.id(), "kind", m.kind())).toList());
            return resource;
        }).toList());
        return body;
    }

    private static Map<String, Object> side(Side side) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("table", side.table());
        json.put("count", side.count());
        json.put("checksum", side.checksum());
        return json;
    }
}
