package dev.cutover.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real legacy monolith (Django under gunicorn, {@code legacy/}) as a process of the test run: its own fresh
 * database beside the run's, migrated with {@code manage.py migrate}, served on a free port with the local profile
 * (development secrets, the test processor). Stopped when the JVM exits; it can be killed and started again on the
 * same port and database, as a crash and a restart would.
 *
 * <p>It runs with Debian's interpreter ({@code /usr/bin/python3}, or {@code LEGACY_PYTHON}) and packages; when they
 * are missing the start fails saying what to install.
 */
public final class LegacyMonolith implements AutoCloseable {

    public static final String PYTHON = env("LEGACY_PYTHON", "/usr/bin/python3");
    public static final String PACKAGES = "python3-django python3-djangorestframework python3-psycopg2 python3-jwt "
            + "python3-cryptography python3-argon2 gunicorn";
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final Path directory;
    private final TestDatabase database;
    private final int port;
    private final Map<String, String> environment;
    private final Path log;
    private volatile Process process;

    private LegacyMonolith(TestDatabase database, Map<String, String> settings) {
        this.directory = repositoryRoot().resolve("legacy");
        this.database = database;
        this.port = freePort();
        this.log = Path.of("target", "legacy-" + port + ".log").toAbsolutePath();
        this.environment = environment(database, port, settings);
    }

    /**
     * Migrates a new database beside {@code beside} and starts the monolith on it. {@code settings} are environment
     * variables of the monolith (e.g. {@code JWT_ISSUER}, {@code JWT_TRUSTED_JWKS_URIS}); the defaults keep it fast
     * for tests (fewer PBKDF2 iterations — the hash is still {@code pbkdf2_sha256$…}).
     */
    public static LegacyMonolith start(TestDatabase beside, Map<String, String> settings) {
        return prepare(beside, settings).start();
    }

    /**
     * A monolith on a new database beside {@code beside}, its port chosen but not started: what the services
     * started before it need to know of it (its URL, its key set's) is known at once.
     */
    public static LegacyMonolith prepare(TestDatabase beside, Map<String, String> settings) {
        return new LegacyMonolith(beside.sibling(), settings);
    }

    /** Migrates its database and starts it; returns once it is healthy. */
    public LegacyMonolith start() {
        requirePackages();
        manage("migrate", "--noinput");
        startProcess();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "legacy-monolith-stop"));
        return this;
    }

    public String jwksUri() {
        return baseUrl() + "/.well-known/jwks.json";
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The monolith's own database (Django's tables), for tests that read its rows. */
    public TestDatabase database() {
        return database;
    }

    /** Runs a management command ({@code manage.py <args>}) against this monolith's database; fails on a non-zero exit. */
    public String manage(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON, "manage.py"));
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("legacy-manage", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process run = builder.start();
            if (!run.waitFor(120, TimeUnit.SECONDS)) {
                run.destroyForcibly();
                throw new IllegalStateException("manage.py " + String.join(" ", args) + " did not finish in 120 s");
            }
            String printed = Files.readString(output);
            Files.deleteIfExists(output);
            if (run.exitValue() != 0) {
                throw new IllegalStateException("manage.py " + String.join(" ", args) + " failed:\n" + printed);
            }
            return printed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the monolith's processes at once (SIGKILL), as a crash would. */
    public synchronized void kill() {
        Process running = process;
        if (running != null) {
            running.descendants().forEach(ProcessHandle::destroyForcibly);
            running.destroyForcibly();
            waitFor(running);
            process = null;
        }
    }

    /** Starts it again on the same port and database, if it is stopped. */
    public synchronized void startAgain() {
        if (process == null) {
            startProcess();
        }
    }

    @Override
    public synchronized void close() {
        Process running = process;
        if (running != null) {
            running.destroy(); // SIGTERM: gunicorn finishes what is in flight
            try {
                if (!running.waitFor(10, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
            process = null;
        }
    }

    private synchronized void startProcess() {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "cutover_legacy.wsgi")
                    .directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitHealthy();
    }

    private void awaitHealthy() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the legacy monolith exited at start; see " + log);
            }
            try {
                HttpResponse<Void> health = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        throw new IllegalStateException("the legacy monolith was not healthy within " + READY_WITHIN + "; see " + log);
    }

    private void requirePackages() {
        try {
            Process probe = new ProcessBuilder(PYTHON, "-c", "import django, rest_framework, psycopg2, jwt, argon2, gunicorn")
                    .redirectErrorStream(true).start();
            if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return;
            }
        } catch (IOException | InterruptedException missing) {
            // fall through to the message
        }
        throw new IllegalStateException("The legacy monolith needs Debian's Python packages for " + PYTHON
                + ": apt-get install -y " + PACKAGES);
    }

    private static Map<String, String> environment(TestDatabase database, int port, Map<String, String> settings) {
        URI server = database.server();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("LEGACY_PROFILE", "local");
        all.put("LEGACY_DB_HOST", server.getHost());
        all.put("LEGACY_DB_PORT", Integer.toString(server.getPort() < 0 ? 5432 : server.getPort()));
        all.put("LEGACY_DB_NAME", database.name());
        all.put("LEGACY_DB_USER", database.username());
        all.put("LEGACY_DB_PASSWORD", database.password() == null ? "" : database.password());
        all.put("PORT", Integer.toString(port));
        all.put("BIND_ADDRESS", "127.0.0.1");
        all.put("LEGACY_PBKDF2_ITERATIONS", "20000");
        all.put("LEGACY_WORKERS", "2");
        all.put("PAYMENTS_WORKER_POLL", "100ms");
        all.put("PYTHONDONTWRITEBYTECODE", "1");
        all.putAll(settings);
        return all;
    }

    private static void waitFor(Process running) {
        try {
            running.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        while (here != null && !Files.isDirectory(here.resolve("legacy"))) {
            here = here.getParent();
        }
        if (here == null) {
            throw new IllegalStateException("no legacy/ directory above " + Path.of("").toAbsolutePath());
        }
        return here;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
