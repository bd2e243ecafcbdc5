package dev.cutover.system.deployment;

import dev.cutover.testsupport.LegacyMonolith;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * legacy/Dockerfile, legacy/.dockerignore and the entry point, checked by reading them (no Docker engine): Debian's
 * packages and interpreter, no pip; a numeric non-root user; nothing written outside /tmp; gunicorn bound beyond
 * loopback on the port compose and Kubernetes expect; a health check on /health; migrations before gunicorn, which
 * then is PID 1.
 */
class LegacyDockerfileTest {

    private static final String ENTRYPOINT = "legacy/bin/docker-entrypoint";
    private static final String PYTHON = "/usr/bin/python3";

    private static Dockerfile dockerfile;
    private static Map<String, String> env;

    @BeforeAll
    static void read() {
        dockerfile = Dockerfile.read(Repo.file(App.LEGACY.dockerfile()));
        env = dockerfile.finalStage().assignments("ENV");
    }

    @Test
    void theImageIsDebian12WithDebiansOwnPythonPackagesAndNoPip() {
        assertThat(dockerfile.all("FROM")).as("one stage, Debian 12 slim").singleElement().asString()
                .matches("debian:bookworm-slim(@sha256:[0-9a-f]{64})?");
        String install = dockerfile.all("RUN").stream().filter(run -> run.contains("apt-get install")).findFirst()
                .orElseThrow(() -> new AssertionError("no RUN installs the packages"));
        assertThat(install).as("the packages the tests and ./cutover run the monolith with")
                .contains(LegacyMonolith.PACKAGES.split(" "))
                .contains("apt-get update", "--no-install-recommends", "rm -rf /var/lib/apt/lists/*");
        assertThat(String.join("\n", dockerfile.all("RUN"))).as("nothing from PyPI").doesNotContainPattern("\\bpip3?\\b|ensurepip|get-pip");
        assertThat(Repo.read(Repo.file(ENTRYPOINT))).as("the entry point runs Debian's interpreter")
                .contains(PYTHON + " manage.py", PYTHON + " -m gunicorn");
    }

    @Test
    void theAppRunsAsANumericNonRootUserAndOwnsNoneOfItsFiles() {
        List<String> users = dockerfile.all("USER");
        assertThat(users).as("USER").isNotEmpty();
        assertThat(users.get(users.size() - 1)).as("a numeric non-root user, as the other images").isEqualTo("10001:10001");
        assertThat(dockerfile.all("COPY")).as("the sources, root-owned: the app only reads them").singleElement().asString()
                .doesNotContain("--chown", "--chmod").isEqualTo(". ./");
        assertThat(dockerfile.all("WORKDIR")).containsExactly("/app");
        assertThat(String.join("\n", dockerfile.all("RUN"))).as("no RUN hands files to the app's user").doesNotContain("chown", "chmod");
    }

    @Test
    void theImageWritesNothingOutsideTmp() {
        assertThat(env).as("no bytecode beside the sources on a read-only root filesystem").containsEntry("PYTHONDONTWRITEBYTECODE", "1");
        // gunicorn's worker heartbeat files: its worker_tmp_dir, left at its default (the temporary directory)
        assertThat(App.LEGACY.configuration()).doesNotContain("worker_tmp_dir");
        assertThat(env).doesNotContainKey("TMPDIR");
    }

    @Test
    void gunicornListensOnEveryInterfaceOnThePortTheImageExposes() {
        assertThat(App.LEGACY.bindAddress(env)).as("gunicorn's bind address in the image").isEqualTo("0.0.0.0");
        int port = App.LEGACY.port(env);
        assertThat(port).isEqualTo(8000);
        assertThat(String.join(" ", dockerfile.all("EXPOSE")).split(" ")).as("EXPOSE").containsExactly(String.valueOf(port));
        // the model App uses: LEGACY_BIND, else BIND_ADDRESS:PORT; graceful_timeout from SHUTDOWN_GRACE_SECONDS
        assertThat(App.LEGACY.configuration())
                .containsPattern("(?m)^bind = os\\.environ\\.get\\(\"LEGACY_BIND\", .*BIND_ADDRESS.*PORT")
                .containsPattern("(?m)^graceful_timeout = int\\(os\\.environ\\.get\\(\"SHUTDOWN_GRACE_SECONDS\"");
    }

    @Test
    void everyVariableTheImageSetsIsOneTheMonolithOrItsInterpreterReads() {
        Set<String> known = new HashSet<>(App.LEGACY.variablesRead());
        known.addAll(App.LEGACY.platformVariables());
        assertThat(env.keySet()).as("ENV of " + App.LEGACY.dockerfile()).isSubsetOf(known);
        assertThat(env).as("no profile baked in: compose and Kubernetes choose it").doesNotContainKey("LEGACY_PROFILE");
        assertThat(env.keySet()).as("no secret baked in").noneMatch(name -> name.matches(".*(PASSWORD|SECRET|_KEY|HASH)$"));
    }

    @Test
    void theHealthCheckAsksHealthOnTheConfiguredPort() {
        assertThat(dockerfile.all("HEALTHCHECK")).singleElement().asString()
                .contains("GET " + App.LEGACY.readinessPath() + " ", "/dev/tcp/127.0.0.1/${PORT:-" + App.LEGACY.port(env) + "}", " 200")
                .contains("--start-period=");
    }

    @Test
    void theEntryPointMigratesAndThenBecomesGunicorn() {
        assertThat(dockerfile.all("ENTRYPOINT")).singleElement().asString().contains("/app/bin/docker-entrypoint");
        List<String> commands = Repo.read(Repo.file(ENTRYPOINT)).lines()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertThat(commands).as(ENTRYPOINT).contains("set -eu");
        int migrate = commands.indexOf(PYTHON + " manage.py migrate --noinput");
        int gunicorn = commands.indexOf("exec " + PYTHON + " -m gunicorn -c gunicorn.conf.py cutover_legacy.wsgi");
        assertThat(migrate).as("migrates").isNotNegative();
        assertThat(gunicorn).as("execs gunicorn (PID 1, so it gets SIGTERM)").isGreaterThan(migrate);
        assertThat(commands.indexOf("set -eu")).as("stops at a failed migration").isLessThan(migrate);
        assertThat(gunicorn).as("gunicorn is the last command").isEqualTo(commands.size() - 1);
    }

    @Test
    void theBuildContextCarriesTheProjectButNotItsTestsOrBuildFiles() {
        assertThat(App.LEGACY.buildContext()).isEqualTo("legacy");
        DockerIgnore ignore = DockerIgnore.read(Repo.file("legacy/.dockerignore"));
        for (String path : List.of("manage.py", "gunicorn.conf.py", "cutover_legacy/settings.py", "cutover_legacy/wsgi.py",
                "core/views.py", "core/migrations/0001_initial.py", "identity/migrations/0001_initial.py", "bin/docker-entrypoint")) {
            assertThat(Repo.file("legacy/" + path)).as(path).isRegularFile();
            assertThat(ignore.sends(path)).as(path + " reaches the image").isTrue();
        }
        for (String path : List.of("core/tests/support.py", "identity/tests/test_accounts.py", "core/__pycache__/views.cpython-311.pyc",
                "core/views.pyc", "bin/test", "pom.xml", "target/legacy-1.log", "Dockerfile", ".dockerignore")) {
            assertThat(ignore.sends(path)).as(path + " stays out of the image").isFalse();
        }
    }
}
