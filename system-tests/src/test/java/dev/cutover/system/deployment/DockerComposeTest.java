package dev.cutover.system.deployment;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml and the Dockerfiles, checked by reading them (no Docker engine is needed): health checks
 * and start order, image names, and above all that every variable a container gets is one its service reads,
 * and that the values wire each service to the right peer, port and credentials.
 *
 * <p>{@code ${VAR:-default}} in compose values is read as its default, as on a machine where VAR is unset.
 */
class DockerComposeTest {

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(:?-([^}]*))?}");

    private static Map<String, Object> services;

    @BeforeAll
    static void load() {
        services = Repo.map(Repo.yamlMap(Repo.file("docker-compose.yml")), "services");
    }

    private static Map<String, Object> service(String name) {
        assertThat(services).as("compose services").containsKey(name);
        return Repo.map(services, name);
    }

    /** A service's environment, list or map form, interpolated with the defaults written in the file. */
    private static Map<String, String> environment(String name) {
        Object raw = service(name).get("environment");
        Map<String, String> environment = new LinkedHashMap<>();
        if (raw instanceof List<?> list) {
            for (Object entry : list) {
                String text = String.valueOf(entry);
                int equals = text.indexOf('=');
                environment.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? null : interpolate(text.substring(equals + 1)));
            }
        } else if (raw != null) {
            Repo.asMap(raw).forEach((key, value) -> environment.put(key, value == null ? null : interpolate(String.valueOf(value))));
        }
        return environment;
    }

    private static String interpolate(String value) {
        Matcher matcher = INTERPOLATION.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            if (matcher.group(2) == null) {
                throw new AssertionError("'" + value + "' depends on the host's " + matcher.group(1) + " without a default");
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(matcher.group(3)));
        }
        matcher.appendTail(result);
        return result.toString().replace("$$", "$");
    }

    @Test
    void everyComponentIsBuiltFromItsModuleAndNamedCutoverServiceLocal() {
        for (App app : App.values()) {
            Map<String, Object> service = service(app.name);
            assertThat(Repo.string(service, "image")).isEqualTo("cutover/" + app.name + ":local");
            assertThat(Repo.string(service, "build", "context")).isEqualTo(".");
            assertThat(Repo.string(service, "build", "dockerfile")).isEqualTo(app.module + "/Dockerfile");
            assertThat(Repo.file(app.module + "/Dockerfile")).isRegularFile();
        }
        assertThat(services.keySet()).containsExactlyInAnyOrder("postgres", "redis", "legacy", "identity", "ledger", "payments", "gateway");
        assertThat(Repo.string(service("postgres"), "image")).isEqualTo("postgres:15");
        assertThat(Repo.string(service("redis"), "image")).isEqualTo("redis:7");
    }

    @Test
    void everyServiceHasAHealthcheckOnItsReadinessEndpoint() {
        for (String name : services.keySet()) {
            Map<String, Object> healthcheck = Repo.map(service(name), "healthcheck");
            List<String> test = Repo.strings(healthcheck, "test");
            assertThat(test).as(name + " healthcheck").isNotEmpty().first().isIn("CMD", "CMD-SHELL");
            assertThat(healthcheck.get("disable")).as(name + " healthcheck disabled").isNotEqualTo(true);
            String command = String.join(" ", test);
            switch (name) {
                case "postgres" -> assertThat(command).contains("pg_isready");
                case "redis" -> assertThat(command).contains("redis-cli ping");
                default -> {
                    App app = App.named(name).orElseThrow(() -> new AssertionError("unknown compose service " + name));
                    assertThat(command).as(name + " healthcheck").contains("GET " + app.readinessPath() + " ")
                            .containsPattern("/" + app.healthPort(environment(name)) + "\\b")
                            .contains(" 200");
                }
            }
        }
    }

    @Test
    void everyServiceStartsOnlyOnceTheServicesItNeedsAreHealthy() {
        Map<String, Set<String>> needs = Map.of(
                "identity", Set.of("postgres"),
                "ledger", Set.of("postgres", "identity"),
                "payments", Set.of("postgres", "identity", "ledger"),
                "gateway", Set.of("redis", "legacy", "identity", "payments", "ledger"));
        for (String name : services.keySet()) {
            Object dependsOn = service(name).get("depends_on");
            if (dependsOn == null) {
                assertThat(needs).as(name + " declares no dependencies").doesNotContainKey(name);
                continue;
            }
            assertThat(dependsOn).as(name + " depends_on must name a condition (long form)").isInstanceOf(Map.class);
            Map<String, Object> dependencies = Repo.asMap(dependsOn);
            dependencies.forEach((peer, condition) -> {
                assertThat(services).as(name + " depends on").containsKey(peer);
                assertThat(Repo.string(Repo.asMap(condition), "condition")).as(name + " → " + peer).isEqualTo("service_healthy");
            });
            assertThat(dependencies.keySet()).as(name + " waits for").containsAll(needs.getOrDefault(name, Set.of()));
        }
    }

    @Test
    void servicesSetOnlyVariablesTheirConfigurationReadsAndAllTheyNeedFromTheirPeers() {
        Map<App, Set<String>> required = Map.of(
                App.GATEWAY, Set.of("LEGACY_UPSTREAM", "PAYMENTS_UPSTREAM", "IDENTITY_UPSTREAM", "LEDGER_UPSTREAM",
                        "IDENTITY_JWKS_URI", "JWT_ISSUER", "REDIS_URL", "ROUTING_MODE",
                        "TRAFFIC_SPLIT_PAYMENTS", "TRAFFIC_SPLIT_IDENTITY", "TRAFFIC_SPLIT_LEDGER", "SPRING_PROFILES_ACTIVE"),
                App.IDENTITY, Set.of("IDENTITY_DB_URL", "IDENTITY_DB_USER", "IDENTITY_DB_PASSWORD", "JWT_ISSUER",
                        "IDENTITY_MASTER_KEY", "SPRING_PROFILES_ACTIVE"),
                App.PAYMENTS, Set.of("PAYMENTS_DB_URL", "PAYMENTS_DB_USER", "PAYMENTS_DB_PASSWORD", "JWT_ISSUER", "JWKS_URI",
                        "IDENTITY_UPSTREAM", "LEDGER_UPSTREAM", "SERVICE_TOKEN_URI", "SERVICE_CLIENT_ID", "SERVICE_CLIENT_SECRET",
                        "SPRING_PROFILES_ACTIVE"),
                App.LEDGER, Set.of("LEDGER_DB_URL", "LEDGER_DB_USER", "LEDGER_DB_PASSWORD", "JWT_ISSUER", "JWKS_URI", "SPRING_PROFILES_ACTIVE"),
                App.LEGACY, Set.of("PORT"));
        for (App app : App.values()) {
            Set<String> set = environment(app.name).keySet();
            Set<String> known = new HashSet<>(app.variablesRead());
            known.addAll(app.platformVariables());
            assertThat(set).as(app.name + " sets only what " + app.configFile + " reads").isSubsetOf(known);
            assertThat(set).as(app.name + " is told where its peers are").containsAll(required.get(app));
            if (app.isSpringBoot()) {
                assertThat(List.of(environment(app.name).get("SPRING_PROFILES_ACTIVE").split(","))).as(app.name + " profiles").contains("docker");
            }
        }
    }

    @Test
    void servicesReachTheirPeersByComposeServiceNameAndPort() {
        String issuer = environment("identity").get("JWT_ISSUER");
        for (App app : List.of(App.GATEWAY, App.PAYMENTS, App.LEDGER)) {
            assertThat(environment(app.name).get("JWT_ISSUER")).as(app.name + " JWT_ISSUER, one value for the suite").isEqualTo(issuer);
        }
        expectPeer(issuer, App.IDENTITY, "");

        expectPeer(environment("gateway").get("IDENTITY_JWKS_URI"), App.IDENTITY, "/.well-known/jwks.json");
        expectPeer(environment("payments").get("JWKS_URI"), App.IDENTITY, "/.well-known/jwks.json");
        expectPeer(environment("ledger").get("JWKS_URI"), App.IDENTITY, "/.well-known/jwks.json");

        expectPeer(environment("gateway").get("LEGACY_UPSTREAM"), App.LEGACY, "");
        expectPeer(environment("gateway").get("PAYMENTS_UPSTREAM"), App.PAYMENTS, "");
        expectPeer(environment("gateway").get("IDENTITY_UPSTREAM"), App.IDENTITY, "");
        expectPeer(environment("gateway").get("LEDGER_UPSTREAM"), App.LEDGER, "");
        expectPeer(environment("payments").get("IDENTITY_UPSTREAM"), App.IDENTITY, "");
        expectPeer(environment("payments").get("LEDGER_UPSTREAM"), App.LEDGER, "");
        expectPeer(environment("payments").get("SERVICE_TOKEN_URI"), App.IDENTITY, "/api/v1/auth/token");

        URI redis = URI.create(environment("gateway").get("REDIS_URL"));
        assertThat(redis.getScheme()).isEqualTo("redis");
        assertThat(redis.getHost()).isEqualTo("redis");
        assertThat(redis.getPort()).isEqualTo(6379);
    }

    @Test
    void eachServiceLogsInToTheCutoverDatabaseAsItsOwnRole() {
        String sql = Repo.read(Repo.file("deploy/postgres/roles-and-schemas.sql"));
        assertThat(sql).contains("'cutover_' || service", "service || '-local-only'");
        for (App app : List.of(App.IDENTITY, App.PAYMENTS, App.LEDGER)) {
            Map<String, String> environment = environment(app.name);
            String prefix = app.schema.toUpperCase() + "_DB_";
            URI url = URI.create(environment.get(prefix + "URL").replaceFirst("^jdbc:", ""));
            assertThat(url.getScheme()).isEqualTo("postgresql");
            assertThat(url.getHost()).isEqualTo("postgres");
            assertThat(url.getPort()).isEqualTo(5432);
            assertThat(url.getPath()).isEqualTo("/" + environment("postgres").get("POSTGRES_DB"));
            assertThat(sql).contains("'" + app.schema + "'");
            assertThat(environment).containsEntry(prefix + "USER", "cutover_" + app.schema)
                    .containsEntry(prefix + "PASSWORD", app.schema + "-local-only");
        }
    }

    @Test
    void paymentsPresentsTheClientSecretIdentitySeedsForIt() {
        Map<String, String> identity = environment("identity");
        Map<String, String> payments = environment("payments");
        // plain client secrets are honoured only by identity's local profile (ADR 0026)
        assertThat(List.of(identity.get("SPRING_PROFILES_ACTIVE").split(","))).contains("local");
        assertThat(App.IDENTITY.configuration()).contains("allow-plain-client-secrets: true", "- id: payments-service");
        String seeded = identity.getOrDefault("PAYMENTS_SERVICE_SECRET", App.IDENTITY.defaultOf("PAYMENTS_SERVICE_SECRET").orElseThrow());
        assertThat(payments).containsEntry("SERVICE_CLIENT_ID", "payments-service").containsEntry("SERVICE_CLIENT_SECRET", seeded);
        assertThat(identity.getOrDefault("OPS_CONSOLE_SECRET", App.IDENTITY.defaultOf("OPS_CONSOLE_SECRET").orElseThrow()))
                .as("the ops secret docs/deployment.md and ./cutover use").isEqualTo("local-ops-console-secret");
        assertThat(Base64.getDecoder().decode(identity.get("IDENTITY_MASTER_KEY"))).as("master key bytes").hasSize(32);
    }

    @Test
    void postgresRunsTheRepositorysRolesAndSchemasOnTheCutoverDatabase() {
        assertThat(environment("postgres")).containsEntry("POSTGRES_DB", "cutover");
        List<String> mounts = Repo.strings(service("postgres"), "volumes").stream()
                .filter(volume -> volume.contains(":/docker-entrypoint-initdb.d/")).toList();
        assertThat(mounts).hasSize(1);
        String[] parts = mounts.get(0).split(":");
        assertThat(parts[0]).isEqualTo("./deploy/postgres/roles-and-schemas.sql");
        assertThat(Repo.file(parts[0])).isRegularFile();
        assertThat(parts[1]).endsWith(".sql");
    }

    @Test
    void onlyTheGatewayIsPublishedBeyondThisMachine() {
        for (String name : services.keySet()) {
            for (String port : Repo.strings(service(name), "ports")) {
                String[] parts = port.split(":");
                if (parts.length == 3) {
                    assertThat(parts[0]).as(name + " publishes " + port + " on").isEqualTo("127.0.0.1");
                } else {
                    assertThat(name).as(port + " is published on every interface by").isEqualTo("gateway");
                    assertThat(parts).as("the gateway's public port").containsExactly("8080", String.valueOf(App.GATEWAY.port(environment("gateway"))));
                }
            }
        }
        assertThat(Repo.strings(service("gateway"), "ports")).contains("8080:8080");
        assertThat(Repo.strings(service("postgres"), "ports")).isEmpty();
        assertThat(Repo.strings(service("redis"), "ports")).isEmpty();
    }

    @Test
    void containersAreGivenLongerToStopThanTheirGracefulShutdownTakes() {
        for (App app : App.values()) {
            String stopGrace = Repo.string(service(app.name), "stop_grace_period");
            assertThat(stopGrace).as(app.name + " stop_grace_period (Docker's default is 10s)").isNotNull();
            assertThat(Durations.parse(stopGrace)).as(app.name + " stop_grace_period")
                    .isGreaterThan(app.shutdownGrace(environment(app.name)))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(10));
        }
    }

    @Test
    void javaContainersRunOnAReadOnlyFilesystemWithoutCapabilities() {
        for (App app : App.values()) {
            Map<String, Object> service = service(app.name);
            assertThat(service.get("read_only")).as(app.name + " read_only").isEqualTo(true);
            assertThat(Repo.strings(service, "tmpfs")).as(app.name + " tmpfs").contains("/tmp");
            assertThat(Repo.strings(service, "cap_drop")).as(app.name + " cap_drop").contains("ALL");
            assertThat(Repo.string(service, "mem_limit")).as(app.name + " mem_limit, which MaxRAMPercentage sizes the heap from").isNotNull();
        }
    }

    @Test
    void dockerfilesPackageTheBuiltJarForAJdk25RuntimeAndRunItAsANonRootUser() {
        String version = projectVersion();
        for (App app : App.values()) {
            Dockerfile dockerfile = Dockerfile.read(Repo.file(app.module + "/Dockerfile"));
            String name = app.module + "/Dockerfile";
            assertThat(dockerfile.all("FROM")).as(name + " FROM").isNotEmpty()
                    .allSatisfy(from -> assertThat(from).matches("eclipse-temurin:25(\\.[0-9.+_]+)?-jre[a-z-]*( AS \\w+)?"));

            String jar = app.module + "/target/" + app.module + "-" + version + "-exec.jar";
            assertThat(dockerfile.assignments("ARG")).as(name + " ARG JAR_FILE").containsEntry("JAR_FILE", jar);
            assertThat(dockerfile.all("COPY")).as(name + " copies the jar").contains("${JAR_FILE} app.jar");
            assertThat(Repo.read(Repo.file(app.module + "/pom.xml"))).as(app.module + " builds the -exec jar").contains("<classifier>exec</classifier>");

            Dockerfile runtime = dockerfile.finalStage();
            List<String> users = runtime.all("USER");
            assertThat(users).as(name + " USER in the final stage").isNotEmpty();
            assertThat(users.get(users.size() - 1)).as(name + " runs as a numeric non-root user").matches("[0-9]+(:[0-9]+)?").doesNotStartWith("0");

            Map<String, String> env = runtime.assignments("ENV");
            assertThat(env.get("JAVA_TOOL_OPTIONS")).as(name + " JAVA_TOOL_OPTIONS").contains("-XX:MaxRAMPercentage=");
            assertThat(String.join(" ", runtime.all("EXPOSE")).split(" ")).as(name + " EXPOSE")
                    .contains(String.valueOf(app.port(env)), String.valueOf(app.healthPort(env)));
            assertThat(runtime.all("HEALTHCHECK")).as(name + " HEALTHCHECK").singleElement().asString().contains("GET " + app.readinessPath() + " ");

            if (app.isSpringBoot()) {
                assertThat(env).as(name + " ENV").containsEntry("SPRING_PROFILES_ACTIVE", "docker");
                assertThat(dockerfile.all("RUN")).as(name + " extracts the layers")
                        .anySatisfy(run -> assertThat(run).contains("-Djarmode=tools", "extract --layers --launcher"));
                assertThat(runtime.all("COPY")).as(name + " copies the layers, least often changed first").containsExactly(
                        "--from=layers /build/extracted/dependencies/ ./",
                        "--from=layers /build/extracted/spring-boot-loader/ ./",
                        "--from=layers /build/extracted/snapshot-dependencies/ ./",
                        "--from=layers /build/extracted/application/ ./");
                assertThat(runtime.all("ENTRYPOINT")).singleElement().asString().contains("org.springframework.boot.loader.launch.JarLauncher");
            } else {
                assertThat(runtime.all("ENTRYPOINT")).singleElement().asString().contains("\"-jar\"");
            }
        }
    }

    @Test
    void theBuildContextCarriesOnlyTheRunnableJars() {
        List<String> rules = Repo.read(Repo.file(".dockerignore")).lines()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        String version = projectVersion();
        for (App app : App.values()) {
            assertThat(sentToDocker(rules, app.module + "/target/" + app.module + "-" + version + "-exec.jar")).as(app.module + " jar").isTrue();
        }
        for (String path : List.of(".git/config", "pom.xml", "run/logs/gateway.log", "identity-service/src/main/resources/identity.yml",
                "gateway/target/gateway-" + version + ".jar", "docker-compose.yml")) {
            assertThat(sentToDocker(rules, path)).as(path).isFalse();
        }
    }

    /** Docker's rule: the last pattern matching the path or one of its parent directories decides; '!' re-includes. */
    private static boolean sentToDocker(List<String> rules, String path) {
        boolean included = true;
        for (String rule : rules) {
            boolean exception = rule.startsWith("!");
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + (exception ? rule.substring(1) : rule));
            for (Path candidate = Path.of(path); candidate != null; candidate = candidate.getParent()) {
                if (matcher.matches(candidate)) {
                    included = exception;
                    break;
                }
            }
        }
        return included;
    }

    private static String projectVersion() {
        Matcher matcher = Pattern.compile("<artifactId>cutover-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Repo.read(Repo.file("pom.xml")));
        assertThat(matcher.find()).as("the parent pom's version").isTrue();
        return matcher.group(1);
    }

    private static void expectPeer(String url, App target, String path) {
        assertThat(url).as("URL of " + target.name).isNotNull();
        URI uri = URI.create(url);
        assertThat(uri.getScheme()).as(url).isEqualTo("http");
        assertThat(uri.getHost()).as(url + " names the compose service").isEqualTo(target.name);
        assertThat(uri.getPort()).as(url + " uses the port " + target.name + " listens on").isEqualTo(target.port(environment(target.name)));
        assertThat(uri.getPath()).as(url).isEqualTo(path);
    }
}
