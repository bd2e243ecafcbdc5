package dev.cutover.sync;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The connector's position (its offsets), kept in a table of the service's own database rather than a file, so that
 * it survives the process, its container and its disk. The embedded engine makes it by class name and configures it
 * with the properties named here; each stream keeps its rows under its own name.
 *
 * <p>A position saved late only means changes are read again, and the versioned upserts apply nothing twice (ADR 63).
 */
public final class JdbcOffsetStore extends MemoryOffsetBackingStore {

    static final String URL = "offset.storage.cutover.url";
    static final String USER = "offset.storage.cutover.user";
    static final String PASSWORD = "offset.storage.cutover.password";
    static final String TABLE = "offset.storage.cutover.table";
    static final String STREAM = "offset.storage.cutover.stream";

    private String url;
    private String user;
    private String password;
    private String table;
    private String stream;

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        Map<String, Object> all = config.originals();
        url = required(all, URL);
        user = required(all, USER);
        password = String.valueOf(all.getOrDefault(PASSWORD, ""));
        table = required(all, TABLE);
        if (!table.matches("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?")) {
            throw new ConnectException("not a table name: " + table);
        }
        stream = required(all, STREAM);
    }

    private static String required(Map<String, Object> all, String name) {
        Object value = all.get(name);
        if (value == null || value.toString().isBlank()) {
            throw new ConnectException("the offset store needs " + name);
        }
        return value.toString();
    }

    @Override
    public synchronized void start() {
        super.start();
        Map<ByteBuffer, ByteBuffer> loaded = new HashMap<>();
        try (Connection connection = connect();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT offset_key, offset_value FROM " + table + " WHERE stream = ?")) {
            select.setString(1, stream);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    byte[] value = rows.getBytes(2);
                    loaded.put(ByteBuffer.wrap(rows.getBytes(1)), value == null ? null : ByteBuffer.wrap(value));
                }
            }
        } catch (SQLException e) {
            throw new ConnectException("could not read the offsets of " + stream + " from " + table, e);
        }
        data.putAll(loaded);
    }

    @Override
    protected void save() {
        try (Connection connection = connect();
             PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + table
                     + " (stream, offset_key, offset_value, saved_at) VALUES (?, ?, ?, now())"
                     + " ON CONFLICT (stream, offset_key) DO UPDATE SET offset_value = EXCLUDED.offset_value,"
                     + " saved_at = EXCLUDED.saved_at")) {
            connection.setAutoCommit(false);
            for (Map.Entry<ByteBuffer, ByteBuffer> entry : data.entrySet()) {
                upsert.setString(1, stream);
                upsert.setBytes(2, bytes(entry.getKey()));
                upsert.setBytes(3, entry.getValue() == null ? null : bytes(entry.getValue()));
                upsert.addBatch();
            }
            upsert.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            throw new ConnectException("could not save the offsets of " + stream + " in " + table, e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of(); // only Kafka Connect's REST interface asks
    }
}
