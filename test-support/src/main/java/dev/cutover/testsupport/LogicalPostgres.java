package dev.cutover.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Postgres server with logical decoding ({@code wal_level=logical}) for the tests of change data capture.
 *
 * <p>When the server of {@link TestDatabase} already decodes logically (a Docker container, or a server set up so),
 * its databases are used. Otherwise this starts a cluster of its own once per JVM — {@code initdb} and {@code pg_ctl}
 * from PATH or {@code PG_BIN}, trust authentication on 127.0.0.1 and a free port, {@code fsync} off — and stops and
 * removes it when the JVM exits. Nobody has to change the configuration of the machine's server.
 */
public final class LogicalPostgres {

    private static volatile TestDatabase root;

    private LogicalPostgres() {
    }

    /** A fresh database on a server with logical decoding, dropped when the JVM exits. */
    public static TestDatabase database() {
        return server().sibling();
    }

    private static TestDatabase server() {
        TestDatabase known = root;
        if (known == null) {
            synchronized (LogicalPostgres.class) {
                known = root;
                if (known == null) {
                    TestDatabase shared = TestDatabase.get();
                    known = decodesLogically(shared) ? shared : ownCluster();
                    root = known;
                }
            }
        }
        return known;
    }

    private static boolean decodesLogically(TestDatabase database) {
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement();
             ResultSet level = statement.executeQuery("SHOW wal_level")) {
            return level.next() && "logical".equals(level.getString(1));
        } catch (SQLException e) {
            return false;
        }
    }

    private static TestDatabase ownCluster() {
        Path directory;
        int port = freePort();
        try {
            directory = Files.createTempDirectory("cutover-logical-pg-");
        } catch (IOException e) {
            throw new IllegalStateException("could not make a directory for a Postgres cluster", e);
        }
        Path data = directory.resolve("data");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", "postgres", directory.toString()), directory);
        }
        run(asServerUser(root, List.of(tool("initdb"), "-D", data.toString(), "-U", "postgres", "--auth=trust",
                "--encoding=UTF8", "--no-sync")), directory);
        String options = String.join(" ", "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=" + directory, "-c", "wal_level=logical",
                "-c", "max_replication_slots=40", "-c", "max_wal_senders=40", "-c", "max_connections=300",
                "-c", "fsync=off", "-c", "full_page_writes=off");
        run(asServerUser(root, List.of(tool("pg_ctl"), "-D", data.toString(), "-l", directory.resolve("server.log").toString(),
                "-o", options, "-w", "-t", "60", "start")), directory);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(root, data, directory), "logical-postgres-stop"));
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        return TestDatabase.at(url, "postgres", "", "own cluster with logical decoding at " + url + " in " + directory);
    }

    private static void stop(boolean root, Path data, Path directory) {
        try {
            run(asServerUser(root, List.of(tool("pg_ctl"), "-D", data.toString(), "-m", "immediate", "-w", "stop")), directory);
        } catch (IllegalStateException ignored) {
            // removed below either way
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the machine clears it
        }
    }

    private static List<String> asServerUser(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static String tool(String name) {
        String bin = System.getenv("PG_BIN");
        if (bin != null && !bin.isBlank()) {
            return Path.of(bin, name).toString();
        }
        for (String candidate : List.of("/usr/local/bin", "/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin",
                "/usr/lib/postgresql/17/bin", "/usr/bin")) {
            if (Files.isExecutable(Path.of(candidate, name))) {
                return Path.of(candidate, name).toString();
            }
        }
        return name;
    }

    private static void run(List<String> command, Path directory) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("setup.log").toFile()).start();
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(command.getFirst() + " failed; see " + directory.resolve("setup.log")
                        + ": " + Files.readString(directory.resolve("setup.log")));
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command.getFirst()
                    + " (change data capture tests need initdb and pg_ctl of PostgreSQL 15 or newer on PATH, or PG_BIN)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.getFirst(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
