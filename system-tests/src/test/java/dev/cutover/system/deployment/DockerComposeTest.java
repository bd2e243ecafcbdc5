package dev.cutover.system.deployment;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml and the Java Dockerfiles, checked by reading them (no Docker engine is needed): health checks
 * and start order, image names, and above all that every variable a container gets is one its service reads,
 * and that the values wire each service to the right peer, port and credentials — the legacy monolith and its own
 * database included. The monolith's image is checked by {@link LegacyDockerfileTest}.
 *
 * <p>{@code ${VAR:-default}} in compose values is read as its default, as on a machine where VAR is unset.
 */
class DockerComposeTest {

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(:?-([^}]*))?}");

    private static final String CDC_WAL_LEVEL = "wal_level=logical";

    /** The services whose data moves both ways with the monolith's by change data capture (ADR 63). */
    private static final List<App> SYNCING = List.of(App.IDENTITY, App.PAYMENTS, App.LEDGER);

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

    /** What a container of one of our images really starts with: its image's ENV, then the compose environment. */
    private static Map<String, String> containerEnvironment(App app) {
        return app.containerEnvironment(environment(app.name));
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
            String context = Repo.string(service, "build", "context");
            assertThat(context).as(app.name + " build context").isEqualTo(app.buildContext());
            // compose resolves the Dockerfile against the context
            String dockerfile = Objects.requireNonNullElse(Repo.string(service, "build", "dockerfile"), "Dockerfile");
            assertThat(Repo.file(context).resolve(dockerfile).normalize()).as(app.name + " Dockerfile").isEqualTo(Repo.file(app.dockerfile()).normalize());
            assertThat(Repo.file(app.dockerfile())).isRegularFile();
        }
        assertThat(services.keySet()).containsExactlyInAnyOrder("postgres", "redis", "legacy-db", "legacy", "identity", "ledger", "payments", "gateway");
        assertThat(Repo.string(service("postgres"), "image")).isEqualTo("postgres:15");
        assertThat(Repo.string(service("legacy-db"), "image")).isEqualTo("postgres:15");
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
                // TCP, not the socket, on the database the service creates
                case "postgres", "legacy-db" -> assertThat(command).as(name + " healthcheck")
                        .contains("pg_isready", "-h 127.0.0.1", "-d " + environment(name).get("POSTGRES_DB"));
                case "redis" -> assertThat(command).contains("redis-cli ping");
                default -> {
                    App app = App.named(name).orElseThrow(() -> new AssertionError("unknown compose service " + name));
                    assertThat(command).as(name + " healthcheck").contains("GET " + app.readinessPath() + " ")
                            .containsPattern("/" + app.healthPort(containerEnvironment(app)) + "\\b")
                            .contains(" 200");
                }
            }
        }
    }

    @Test
    void eachServiceSyncsWithTheMonolithsDatabaseAndBothDecodeLogically() {
        for (String database : List.of("postgres", "legacy-db")) {
            assertThat(Repo.strings(service(database), "command")).as(database + " command")
                    .containsSubsequence("-c", "wal_level=logical");
        }
        Map<String, String> legacyDb = environment("legacy-db");
        Map<String, App> slotPrefixes = new LinkedHashMap<>();
        for (App app : SYNCING) {
            Map<String, String> environment = environment(app.name);
            String prefix = app.schema.toUpperCase() + "_SYNC_";
            assertThat(environment.get(prefix + "ENABLED")).as(app.name + " " + prefix + "ENABLED").isEqualTo("true");
            assertThat(environment.get(prefix + "LEGACY_DB_URL")).as(app.name + " " + prefix + "LEGACY_DB_URL")
                    .isEqualTo("jdbc:postgresql://legacy-db:5432/" + legacyDb.get("POSTGRES_DB"));
            assertThat(environment.get(prefix + "LEGACY_DB_USER")).as(app.name + " " + prefix + "LEGACY_DB_USER")
                    .isEqualTo(legacyDb.get("POSTGRES_USER"));
            assertThat(environment.get(prefix + "LEGACY_DB_PASSWORD")).as(app.name + " " + prefix + "LEGACY_DB_PASSWORD")
                    .isEqualTo(legacyDb.get("POSTGRES_PASSWORD"));
            assertThat(app.configuration()).as(app.sources())
                    .contains("url: ${" + prefix + "LEGACY_DB_URL:}", "enabled: ${" + prefix + "ENABLED:false}",
                            "password: ${" + prefix + "LEGACY_DB_PASSWORD:}");
            // each service names its own replication slots and publications on both servers
            String slotPrefix = environment.getOrDefault(prefix + "SLOT_PREFIX", app.defaultOf(prefix + "SLOT_PREFIX").orElse(null));
            assertThat(slotPrefix).as(app.name + " slot prefix").isNotBlank().matches("[a-z0-9_]{1,40}");
            assertThat(slotPrefixes.put(slotPrefix, app)).as(app.name + "'s slot prefix " + slotPrefix + " is taken by").isNull();
        }
    }

    @Test
    void identitysSyncOpensAndSealsPersonalDataWithTheMonolithsPiiKey() {
        Map<String, String> identity = environment("identity");
        Map<String, String> legacy = environment("legacy");
        assertThat(App.IDENTITY.configuration()).contains("legacy-pii-key: ${IDENTITY_SYNC_LEGACY_PII_KEY:}");
        assertThat(identity.get("IDENTITY_SYNC_LEGACY_PII_KEY")).as("identity's copy of the monolith's PII key")
                .isNotBlank().isEqualTo(legacy.get("LEGACY_PII_KEY"));
        assertThat(Base64.getDecoder().decode(identity.get("IDENTITY_SYNC_LEGACY_PII_KEY"))).as("PII key bytes").hasSize(32);
        assertThat(identity.get("IDENTITY_SYNC_LEGACY_PII_KEY")).as("never identity's own master key")
                .isNotEqualTo(identity.get("IDENTITY_MASTER_KEY"));
    }

    @Test
    void everyServiceStartsOnlyOnceTheServicesItNeedsAreHealthy() {
        Map<String, Set<String>> needs = Map.of(
                "legacy", Set.of("legacy-db"),
                // the services that sync wait for the monolith, which migrates its tables before it is healthy
                "identity", Set.of("postgres", "legacy"),
                "ledger", Set.of("postgres", "identity", "legacy"),
                "payments", Set.of("postgres", "identity", "ledger", "legacy"),
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
                        "IDENTITY_JWKS_URI", "LEGACY_JWKS_URI", "JWT_ISSUER", "REDIS_URL", "ROUTING_MODE",
                        "TRAFFIC_SPLIT_PAYMENTS", "TRAFFIC_SPLIT_IDENTITY", "TRAFFIC_SPLIT_LEDGER", "GATEWAY_SERVICE_CLIENT_SECRET",
                        "SPRING_PROFILES_ACTIVE"),
                App.IDENTITY, Set.of("IDENTITY_DB_URL", "IDENTITY_DB_USER", "IDENTITY_DB_PASSWORD", "JWT_ISSUER",
                        "IDENTITY_MASTER_KEY", "SPRING_PROFILES_ACTIVE"),
                App.PAYMENTS, Set.of("PAYMENTS_DB_URL", "PAYMENTS_DB_USER", "PAYMENTS_DB_PASSWORD", "JWT_ISSUER", "JWKS_URI",
                        "IDENTITY_UPSTREAM", "LEDGER_UPSTREAM", "SERVICE_TOKEN_URI", "SERVICE_CLIENT_ID", "SERVICE_CLIENT_SECRET",
                        "SPRING_PROFILES_ACTIVE"),
                App.LEDGER, Set.of("LEDGER_DB_URL", "LEDGER_DB_USER", "LEDGER_DB_PASSWORD", "JWT_ISSUER", "JWKS_URI", "SPRING_PROFILES_ACTIVE"),
                App.LEGACY, Set.of("PORT", "LEGACY_PROFILE", "LEGACY_DB_HOST", "LEGACY_DB_PORT", "LEGACY_DB_NAME", "LEGACY_DB_USER",
                        "LEGACY_DB_PASSWORD", "JWT_ISSUER", "JWT_TRUSTED_JWKS_URIS", "LEGACY_SECRET_KEY", "LEGACY_PII_KEY",
                        "OPS_CONSOLE_SECRET", "PAYMENTS_SERVICE_SECRET", "PAYMENTS_TEST_MODE", "TRUSTED_PROXIES"));
        for (App app : App.values()) {
            Set<String> set = environment(app.name).keySet();
            Set<String> known = new HashSet<>(app.variablesRead());
            known.addAll(app.platformVariables());
            assertThat(set).as(app.name + " sets only what " + app.sources() + " reads").isSubsetOf(known);
            assertThat(set).as(app.name + " is told where its peers are").containsAll(required.get(app));
            if (app.isSpringBoot()) {
                assertThat(List.of(environment(app.name).get("SPRING_PROFILES_ACTIVE").split(","))).as(app.name + " profiles").contains("docker");
            }
        }
    }

    @Test
    void servicesReachTheirPeersByComposeServiceNameAndPort() {
        String issuer = environment("identity").get("JWT_ISSUER");
        for (App app : List.of(App.GATEWAY, App.PAYMENTS, App.LEDGER, App.LEGACY)) {
            assertThat(environment(app.name).get("JWT_ISSUER")).as(app.name + " JWT_ISSUER, one value for the suite").isEqualTo(issuer);
        }
        expectPeer(issuer, App.IDENTITY, "");

        expectPeer(environment("gateway").get("IDENTITY_JWKS_URI"), App.IDENTITY, "/.well-known/jwks.json");
        expectPeer(environment("payments").get("JWKS_URI"), App.IDENTITY, "/.well-known/jwks.json");
        expectPeer(environment("ledger").get("JWKS_URI"), App.IDENTITY, "/.well-known/jwks.json");
        // the two sides trust each other's keys: the monolith identity's, the gateway the monolith's too
        assertThat(List.of(environment("legacy").get("JWT_TRUSTED_JWKS_URIS").split(","))).as("the monolith's trusted key sets")
                .singleElement().satisfies(uri -> expectPeer(uri.strip(), App.IDENTITY, "/.well-known/jwks.json"));
        expectPeer(environment("gateway").get("LEGACY_JWKS_URI"), App.LEGACY, "/.well-known/jwks.json");
        assertThat(App.GATEWAY.configuration()).as("the gateway reads the monolith's key set").contains("legacy-jwks-uri: ${LEGACY_JWKS_URI");

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
    void theMonolithLogsInToItsOwnDatabaseAsItsOwnRole() {
        Map<String, String> legacy = environment("legacy");
        Map<String, String> database = environment("legacy-db");
        assertThat(legacy.get("LEGACY_DB_HOST")).as("the monolith's database host").isEqualTo("legacy-db");
        assertThat(legacy.get("LEGACY_DB_PORT")).isEqualTo("5432");
        assertThat(legacy.get("LEGACY_DB_NAME")).isEqualTo(database.get("POSTGRES_DB")).isEqualTo("legacy");
        // its own role, created by the init script, not the superuser
        assertThat(legacy.get("LEGACY_DB_USER")).isEqualTo("cutover_legacy").isNotEqualTo(database.get("POSTGRES_USER"));
        String sql = Repo.read(Repo.file("deploy/postgres/legacy-role.sql"));
        assertThat(sql).contains("CREATE ROLE " + legacy.get("LEGACY_DB_USER") + " LOGIN PASSWORD '" + legacy.get("LEGACY_DB_PASSWORD") + "'")
                .contains("ALTER DATABASE %I OWNER TO " + legacy.get("LEGACY_DB_USER"));
        assertThat(legacy.get("LEGACY_DB_PASSWORD")).isEqualTo("legacy-local-only");
        assertThat(database.get("POSTGRES_PASSWORD")).as("a superuser password of its own").isNotBlank()
                .isNotEqualTo(environment("postgres").get("POSTGRES_PASSWORD"));
        assertThat(initScripts("legacy-db")).containsExactly("./deploy/postgres/legacy-role.sql");
        assertThat(Repo.strings(service("legacy-db"), "volumes")).as("a volume of its own")
                .anySatisfy(volume -> assertThat(volume).endsWith(":/var/lib/postgresql/data"))
                .noneSatisfy(volume -> assertThat(volume).startsWith("postgres-data:"));
    }

    @Test
    void theMonolithsDatabaseKeepsALogicalWriteAheadLogForChangeDataCapture() {
        List<String> command = Repo.strings(service("legacy-db"), "command");
        assertThat(command).as("legacy-db command").first().isEqualTo("postgres");
        assertThat(command.subList(1, command.size())).as("legacy-db server options").containsSequence("-c", CDC_WAL_LEVEL);
    }

    @Test
    void theMonolithRunsWithItsLocalProfileAndTheClientSecretsIdentityHas() {
        Map<String, String> legacy = environment("legacy");
        Map<String, String> identity = environment("identity");
        // plain client secrets are honoured only by the local profile (settings.py's ALLOW_PLAIN_CLIENT_SECRETS)
        assertThat(legacy).containsEntry("LEGACY_PROFILE", "local");
        assertThat(App.LEGACY.configuration()).contains("ALLOW_PLAIN_CLIENT_SECRETS = LOCAL or", "{\"id\": \"ops-console\"", "{\"id\": \"payments-service\"");
        assertThat(legacy.get("OPS_CONSOLE_SECRET")).as("the ops secret identity has")
                .isEqualTo(identity.getOrDefault("OPS_CONSOLE_SECRET", App.IDENTITY.defaultOf("OPS_CONSOLE_SECRET").orElseThrow()));
        assertThat(legacy.get("PAYMENTS_SERVICE_SECRET")).as("the secret payments presents")
                .isEqualTo(environment("payments").get("SERVICE_CLIENT_SECRET"));
        assertThat(Base64.getDecoder().decode(legacy.get("LEGACY_PII_KEY"))).as("PII key bytes").hasSize(32);
        assertThat(legacy.get("LEGACY_SECRET_KEY")).isNotBlank();
        assertThat(legacy).as("the test payment processor, as payments has it").containsEntry("PAYMENTS_TEST_MODE", environment("payments").get("PAYMENTS_TEST_MODE"));
    }

    @Test
    void theMonolithListensOnEveryInterfaceAndBelievesTheGatewaysForwardedAddresses() {
        Map<String, String> legacy = containerEnvironment(App.LEGACY);
        assertThat(App.LEGACY.bindAddress(legacy)).as("gunicorn's bind address in the container").isEqualTo("0.0.0.0");
        // the gateway reaches it from compose's private network; the monolith's default trusts loopback only
        assertThat(List.of(legacy.get("TRUSTED_PROXIES").split(","))).as("TRUSTED_PROXIES")
                .contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");
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
    void theGatewayPresentsTheClientSecretIdentitySeedsForItAndAsksIdentityDirectly() {
        Map<String, String> identity = environment("identity");
        Map<String, String> gateway = environment("gateway");
        // its own client at identity, for the sync fences of the hold (ADR 67); plain, as payments', in the local profile only
        assertThat(List.of(identity.get("SPRING_PROFILES_ACTIVE").split(","))).contains("local");
        assertThat(App.IDENTITY.configuration()).contains("- id: gateway", "secret-hash: ${GATEWAY_SERVICE_SECRET_HASH:}");
        assertThat(App.GATEWAY.configuration()).contains("client-secret: ${GATEWAY_SERVICE_CLIENT_SECRET:}");
        String seeded = identity.getOrDefault("GATEWAY_SERVICE_SECRET", App.IDENTITY.defaultOf("GATEWAY_SERVICE_SECRET").orElseThrow());
        assertThat(gateway.get("GATEWAY_SERVICE_CLIENT_SECRET")).as("the secret the gateway presents (blank turns the hold off)")
                .isNotBlank().isEqualTo(seeded).isEqualTo("local-gateway-service-secret")
                .isNotEqualTo(environment("payments").get("SERVICE_CLIENT_SECRET"));
        assertThat(gateway.getOrDefault("GATEWAY_SERVICE_CLIENT_ID", App.GATEWAY.defaultOf("GATEWAY_SERVICE_CLIENT_ID").orElseThrow()))
                .as("the gateway's client id, identity's seeded client").isEqualTo("gateway");
        // identity's token endpoint, called directly: GATEWAY_SERVICE_TOKEN_URI, else IDENTITY_UPSTREAM's
        String tokenUri = gateway.getOrDefault("GATEWAY_SERVICE_TOKEN_URI", App.GATEWAY.defaultOf("GATEWAY_SERVICE_TOKEN_URI").orElse(""));
        expectPeer(tokenUri.isBlank() ? gateway.get("IDENTITY_UPSTREAM") + "/api/v1/auth/token" : tokenUri, App.IDENTITY, "/api/v1/auth/token");
    }

    @Test
    void postgresRunsTheRepositorysRolesAndSchemasOnTheCutoverDatabase() {
        assertThat(environment("postgres")).containsEntry("POSTGRES_DB", "cutover");
        assertThat(initScripts("postgres")).containsExactly("./deploy/postgres/roles-and-schemas.sql");
    }

    /** The host files a Postgres service mounts into /docker-entrypoint-initdb.d/ (each an existing .sql file, read-only). */
    private static List<String> initScripts(String name) {
        List<String> mounts = Repo.strings(service(name), "volumes").stream()
                .filter(volume -> volume.contains(":/docker-entrypoint-initdb.d/")).toList();
        for (String mount : mounts) {
            String[] parts = mount.split(":");
            assertThat(Repo.file(parts[0])).as(mount).isRegularFile();
            assertThat(parts[1]).as(mount).endsWith(".sql");
            assertThat(parts).as(mount + " read-only").hasSize(3);
            assertThat(parts[2]).as(mount + " read-only").isEqualTo("ro");
        }
        return mounts.stream().map(mount -> mount.split(":")[0]).toList();
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
        assertThat(Repo.strings(service("legacy-db"), "ports")).isEmpty();
        assertThat(Repo.strings(service("redis"), "ports")).isEmpty();
    }

    @Test
    void containersAreGivenLongerToStopThanTheirGracefulShutdownTakes() {
        for (App app : App.values()) {
            String stopGrace = Repo.string(service(app.name), "stop_grace_period");
            assertThat(stopGrace).as(app.name + " stop_grace_period (Docker's default is 10s)").isNotNull();
            assertThat(Durations.parse(stopGrace)).as(app.name + " stop_grace_period")
                    .isGreaterThan(app.shutdownGrace(containerEnvironment(app)))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(10));
        }
    }

    @Test
    void containersOfOurImagesRunOnAReadOnlyFilesystemWithoutCapabilities() {
        for (App app : App.values()) {
            Map<String, Object> service = service(app.name);
            assertThat(service.get("read_only")).as(app.name + " read_only").isEqualTo(true);
            assertThat(Repo.strings(service, "tmpfs")).as(app.name + " tmpfs").contains("/tmp");
            assertThat(Repo.strings(service, "cap_drop")).as(app.name + " cap_drop").contains("ALL");
            assertThat(Repo.strings(service, "security_opt")).as(app.name + " security_opt").contains("no-new-privileges:true");
            assertThat(Repo.string(service, "mem_limit")).as(app.name + " mem_limit (MaxRAMPercentage sizes the heap from it)").isNotNull();
        }
    }

    @Test
    void dockerfilesPackageTheBuiltJarForAJdk25RuntimeAndRunItAsANonRootUser() {
        String version = projectVersion();
        for (App app : App.springBoot()) {
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

            assertThat(env).as(name + " ENV").containsEntry("SPRING_PROFILES_ACTIVE", "docker");
            assertThat(dockerfile.all("RUN")).as(name + " extracts the layers")
                    .anySatisfy(run -> assertThat(run).contains("-Djarmode=tools", "extract --layers --launcher"));
            assertThat(runtime.all("COPY")).as(name + " copies the layers, least often changed first").containsExactly(
                    "--from=layers /build/extracted/dependencies/ ./",
                    "--from=layers /build/extracted/spring-boot-loader/ ./",
                    "--from=layers /build/extracted/snapshot-dependencies/ ./",
                    "--from=layers /build/extracted/application/ ./");
            assertThat(runtime.all("ENTRYPOINT")).singleElement().asString().contains("org.springframework.boot.loader.launch.JarLauncher");
        }
    }

    @Test
    void theBuildContextCarriesOnlyTheRunnableJars() {
        DockerIgnore ignore = DockerIgnore.read(Repo.file(".dockerignore"));
        String version = projectVersion();
        for (App app : App.springBoot()) {
            assertThat(app.buildContext()).isEqualTo(".");
            assertThat(ignore.sends(app.module + "/target/" + app.module + "-" + version + "-exec.jar")).as(app.module + " jar").isTrue();
        }
        for (String path : List.of(".git/config", "pom.xml", "run/logs/gateway.log", "identity-service/src/main/resources/identity.yml",
                "gateway/target/gateway-" + version + ".jar", "docker-compose.yml", "legacy/cutover_legacy/settings.py")) {
            assertThat(ignore.sends(path)).as(path).isFalse();
        }
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
        assertThat(uri.getPort()).as(url + " uses the port " + target.name + " listens on").isEqualTo(target.port(containerEnvironment(target)));
        assertThat(uri.getPath()).as(url).isEqualTo(path);
    }
}
