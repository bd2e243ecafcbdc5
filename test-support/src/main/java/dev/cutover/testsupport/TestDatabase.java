package dev.cutover.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The one Postgres database a test JVM uses, created on first use.
 *
 * <p>With a Docker engine it is a Testcontainers Postgres. Without one it is a fresh, uniquely named
 * database on the server at {@code TEST_POSTGRES_URL} (default {@value #DEFAULT_URL}, user
 * {@code TEST_POSTGRES_USER}, default {@code postgres}, password {@code TEST_POSTGRES_PASSWORD}),
 * dropped when the JVM exits. Databases left behind by killed runs are dropped once they are a day old.
 * Tests therefore never see state they did not make in this run.
 */
public final class TestDatabase {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    public static final String IMAGE = "postgres:15-alpine";
    static final String NAME_PREFIX = "cutover_test_";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private static volatile TestDatabase instance;

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final String origin;

    private TestDatabase(String jdbcUrl, String username, String password, String origin) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.origin = origin;
    }

    /** A database somebody else made: its URL, credentials and where it came from. */
    static TestDatabase at(String jdbcUrl, String username, String password, String origin) {
        return new TestDatabase(jdbcUrl, username, password, origin);
    }

    /** The database of this test run, created on first call. */
    public static TestDatabase get() {
        TestDatabase db = instance;
        if (db == null) {
            synchronized (TestDatabase.class) {
                db = instance;
                if (db == null) {
                    db = dockerAvailable() ? container() : local();
                    instance = db;
                }
            }
        }
        return db;
    }

    private static volatile Boolean docker;

    /** Whether a Docker engine answers; asked once per run. */
    public static boolean dockerAvailable() {
        Boolean known = docker;
        if (known == null) {
            known = probeDocker();
            docker = known;
        }
        return known;
    }

    private static boolean probeDocker() {
        if (Boolean.parseBoolean(env("TEST_POSTGRES_NO_DOCKER", "false"))) {
            return false;
        }
        if (System.getenv("DOCKER_HOST") == null && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
            return false; // no engine to ask; spares Testcontainers' slow and noisy probing
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError noDocker) {
            return false;
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** Where the database came from, for test reports. */
    public String origin() {
        return origin;
    }

    /**
     * Another fresh database on the same server, dropped when the JVM exits (or a day later by the next run), for a
     * process that keeps its own database — the legacy monolith. Its name carries the run's prefix and stamp.
     */
    public TestDatabase sibling() {
        String serverUrl = withDatabase(jdbcUrl, "postgres");
        String name = NAME_PREFIX + LocalDateTime.now(ZoneOffset.UTC).format(STAMP) + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = DriverManager.getConnection(serverUrl, username, password);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a second test database on " + serverUrl, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(serverUrl, username, password, name), "drop-" + name));
        return new TestDatabase(withDatabase(jdbcUrl, name), username, password, "database " + name + " beside " + origin);
    }

    /** The database's name, from its URL. */
    public String name() {
        String base = jdbcUrl.contains("?") ? jdbcUrl.substring(0, jdbcUrl.indexOf('?')) : jdbcUrl;
        return base.substring(base.lastIndexOf('/') + 1);
    }

    /** The server's host and port, from the URL ({@code jdbc:postgresql://host:port/db}). */
    public java.net.URI server() {
        return java.net.URI.create(jdbcUrl.substring("jdbc:".length()));
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    /** The container, shared by every Spring context of the run; only when Docker is available. */
    public static PostgreSQLContainer sharedContainer() {
        return ContainerHolder.CONTAINER;
    }

    private static TestDatabase container() {
        PostgreSQLContainer container = sharedContainer();
        return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                "Testcontainers " + IMAGE);
    }

    private static TestDatabase local() {
        String serverUrl = env("TEST_POSTGRES_URL", DEFAULT_URL);
        String user = env("TEST_POSTGRES_USER", "postgres");
        String password = env("TEST_POSTGRES_PASSWORD", "");
        String name = NAME_PREFIX + LocalDateTime.now(ZoneOffset.UTC).format(STAMP) + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = admin.createStatement()) {
            dropAbandoned(admin);
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException unreachable) {
            throw new IllegalStateException("""
                    Tests need PostgreSQL, and neither is reachable:
                      - no Docker engine for Testcontainers, and
                      - no server at %s as user '%s' (%s).
                    Start a local PostgreSQL (15 or newer) or point TEST_POSTGRES_URL, TEST_POSTGRES_USER and
                    TEST_POSTGRES_PASSWORD at one where that user may CREATE DATABASE."""
                    .formatted(serverUrl, user, unreachable.getMessage()), unreachable);
        }
        String url = withDatabase(serverUrl, name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(serverUrl, user, password, name),
                "drop-" + name));
        return new TestDatabase(url, user, password, "local database " + name + " on " + serverUrl);
    }

    static String withDatabase(String serverUrl, String database) {
        int query = serverUrl.indexOf('?');
        String base = query < 0 ? serverUrl : serverUrl.substring(0, query);
        String params = query < 0 ? "" : serverUrl.substring(query);
        int slash = base.lastIndexOf('/');
        if (slash < "jdbc:postgresql://".length()) {
            return base + "/" + database + params;
        }
        return base.substring(0, slash + 1) + database + params;
    }

    private static void drop(String serverUrl, String user, String password, String name) {
        try (Connection admin = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException ignored) {
            // The next run drops it once it is a day old.
        }
    }

    /** Drops test databases of runs that were killed before they could clean up. */
    private static void dropAbandoned(Connection admin) throws SQLException {
        String cutoff = NAME_PREFIX + LocalDateTime.now(ZoneOffset.UTC).minusDays(1).format(STAMP);
        List<String> abandoned = new ArrayList<>();
        try (Statement statement = admin.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT datname FROM pg_database WHERE datname LIKE '" + NAME_PREFIX + "%'")) {
            while (rows.next()) {
                String name = rows.getString(1);
                if (name.toLowerCase(Locale.ROOT).matches(NAME_PREFIX + "\\d{14}_[0-9a-f]{8}") && name.compareTo(cutoff) < 0) {
                    abandoned.add(name);
                }
            }
        }
        for (String name : abandoned) {
            try (Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException stillInUse) {
                // another run may own it after all; leave it
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    private static final class ContainerHolder {
        static final PostgreSQLContainer CONTAINER = start();

        private static PostgreSQLContainer start() {
            // logical decoding on, for the change data capture tests (LogicalPostgres)
            PostgreSQLContainer container = new PostgreSQLContainer(IMAGE)
                    .withCommand("postgres", "-c", "fsync=off", "-c", "wal_level=logical", "-c", "max_replication_slots=40",
                            "-c", "max_wal_senders=40");
            container.start();
            return container;
        }
    }
}
