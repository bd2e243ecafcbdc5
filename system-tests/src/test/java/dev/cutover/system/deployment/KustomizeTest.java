package dev.cutover.system.deployment;

import dev.cutover.system.deployment.Rendered.Endpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCrypt;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * deploy/k8s, checked without a cluster: the base and the local overlay are rendered by {@link MiniKustomize}
 * (what it does and does not implement is written there), and the result is held against the services' own
 * configuration files. When a {@code kustomize} or {@code kubectl} binary is on the PATH, the real
 * {@code kustomize build} is run too and must agree with the renderer.
 */
class KustomizeTest {

    private static final Path BASE = Repo.file("deploy/k8s/base");
    private static final Path LOCAL = Repo.file("deploy/k8s/overlays/local");
    /** The four Deployments that scale and must survive voluntary disruptions. */
    private static final List<App> SCALED = List.of(App.GATEWAY, App.IDENTITY, App.PAYMENTS, App.LEDGER);
    /** Third-party images of the local overlay: no configuration of ours to check their variables against. */
    private static final Set<String> INFRASTRUCTURE = Set.of("postgres", "redis", "legacy-db");
    /** The monolith's settings that are keys or hashes: a Secret's, never a literal of the Deployment. */
    private static final Set<String> LEGACY_SECRETS = Set.of("LEGACY_DB_PASSWORD", "LEGACY_SECRET_KEY", "LEGACY_PII_KEY",
            "OPS_CONSOLE_SECRET_HASH", "PAYMENTS_SERVICE_SECRET_HASH");
    /** The services whose data moves both ways with the monolith's by change data capture (ADR 63). */
    private static final List<App> SYNCING = List.of(App.IDENTITY, App.PAYMENTS, App.LEDGER);
    private static final Set<String> WEIGHT_VARIABLES =
            Set.of("ROUTING_MODE", "TRAFFIC_SPLIT_PAYMENTS", "TRAFFIC_SPLIT_IDENTITY", "TRAFFIC_SPLIT_LEDGER");

    private static Rendered base;
    private static Rendered local;

    @BeforeAll
    static void render() {
        base = new Rendered(MiniKustomize.build(BASE));
        local = new Rendered(MiniKustomize.build(LOCAL));
    }

    @Test
    void theLocalOverlayDeploysEveryComponentAndItsInfrastructure() {
        assertThat(names(local.ofKind("Deployment")))
                .containsExactlyInAnyOrder("gateway", "identity", "payments", "ledger", "legacy", "legacy-db", "postgres", "redis");
        assertThat(names(base.ofKind("Deployment"))).containsExactlyInAnyOrder("gateway", "identity", "payments", "ledger");
    }

    @Test
    void everyDeploymentIsProbedOnItsHealthEndpoints() {
        for (Map<String, Object> deployment : local.ofKind("Deployment")) {
            String name = Rendered.name(deployment);
            Map<String, Object> container = Rendered.container(deployment);
            assertThat(container).as(name + " probes").containsKeys("readinessProbe", "livenessProbe");
            Optional<App> app = App.named(name);
            if (app.isEmpty()) {
                assertThat(INFRASTRUCTURE).as("a Deployment these checks do not know").contains(name);
                continue;
            }
            Map<String, String> environment = app.get().containerEnvironment(local.environment(deployment, false));
            int healthPort = app.get().healthPort(environment);
            // before liveness counts: Flyway, key generation, or the monolith's migrations
            assertThat(Repo.string(container, "startupProbe", "httpGet", "path")).as(name + " startup").isEqualTo(app.get().livenessPath());
            assertThat(Rendered.containerPort(deployment, Repo.at(container, "startupProbe", "httpGet", "port")))
                    .as(name + " startup port").isEqualTo(healthPort);
            assertThat(Repo.string(container, "readinessProbe", "httpGet", "path")).as(name + " readiness").isEqualTo(app.get().readinessPath());
            assertThat(Rendered.containerPort(deployment, Repo.at(container, "readinessProbe", "httpGet", "port")))
                    .as(name + " readiness port").isEqualTo(healthPort);
            assertThat(Repo.string(container, "livenessProbe", "httpGet", "path")).as(name + " liveness").isEqualTo(app.get().livenessPath());
            assertThat(Rendered.containerPort(deployment, Repo.at(container, "livenessProbe", "httpGet", "port")))
                    .as(name + " liveness port").isEqualTo(healthPort);
            assertThat(Rendered.containerPort(deployment, "http")).as(name + " serves on its configured port")
                    .isEqualTo(app.get().port(environment));
            assertThat(app.get().bindAddress(environment)).as(name + " listens beyond loopback").isEqualTo("0.0.0.0");
        }
    }

    @Test
    void everyPodDrainsItsEndpointsAndFinishesItsRequestsBeforeItIsKilled() {
        for (Map<String, Object> deployment : local.ofKind("Deployment")) {
            String name = Rendered.name(deployment);
            List<String> preStop = Repo.strings(Rendered.container(deployment), "lifecycle", "preStop", "exec", "command");
            assertThat(preStop).as(name + " preStop hook").isNotEmpty();
            Duration grace = Duration.ofSeconds(Long.parseLong(Repo.string(Rendered.pod(deployment), "terminationGracePeriodSeconds")));
            assertThat(grace).as(name + " terminationGracePeriodSeconds").isGreaterThan(Duration.ofSeconds(20));

            Optional<App> app = App.named(name);
            if (app.isPresent()) {
                assertThat(preStop).as(name + " preStop").hasSize(2).first().isEqualTo("sleep");
                Duration sleep = Duration.ofSeconds(Long.parseLong(preStop.get(1)));
                assertThat(sleep).as(name + " preStop sleep").isPositive();
                Duration shutdown = app.get().shutdownGrace(app.get().containerEnvironment(local.environment(deployment, false)));
                assertThat(grace).as(name + ": grace period > preStop sleep %s + graceful shutdown %s", sleep, shutdown)
                        .isGreaterThan(sleep.plus(shutdown));
            }
        }
    }

    @Test
    void everyPodRunsAsNonRootOnAReadOnlyRootFilesystemWithoutCapabilities() {
        for (Map<String, Object> deployment : local.ofKind("Deployment")) {
            String name = Rendered.name(deployment);
            Map<String, Object> pod = Rendered.pod(deployment);
            Map<String, Object> container = Rendered.container(deployment);
            Object runAsNonRoot = Optional.ofNullable(Repo.at(container, "securityContext", "runAsNonRoot"))
                    .orElse(Repo.at(pod, "securityContext", "runAsNonRoot"));
            assertThat(runAsNonRoot).as(name + " runAsNonRoot").isEqualTo(true);
            String user = Optional.ofNullable(Repo.string(container, "securityContext", "runAsUser"))
                    .orElse(Repo.string(pod, "securityContext", "runAsUser"));
            assertThat(user).as(name + " runAsUser").isNotNull().isNotEqualTo("0");
            assertThat(Repo.at(container, "securityContext", "readOnlyRootFilesystem")).as(name + " readOnlyRootFilesystem").isEqualTo(true);
            assertThat(Repo.at(container, "securityContext", "allowPrivilegeEscalation")).as(name + " allowPrivilegeEscalation").isEqualTo(false);
            assertThat(Repo.strings(container, "securityContext", "capabilities", "drop")).as(name + " dropped capabilities").contains("ALL");
            if (App.named(name).isPresent()) {
                String tmpVolume = Repo.maps(container, "volumeMounts").stream()
                        .filter(mount -> "/tmp".equals(mount.get("mountPath")))
                        .map(mount -> Repo.string(mount, "name"))
                        .findFirst().orElseThrow(() -> new AssertionError(name + " has no writable /tmp"));
                assertThat(Repo.maps(pod, "volumes")).as(name + " /tmp volume")
                        .anySatisfy(volume -> assertThat(volume).containsEntry("name", tmpVolume).containsKey("emptyDir"));
            }
        }
    }

    @Test
    void everyContainerRequestsAndLimitsCpuAndMemory() {
        for (Map<String, Object> deployment : local.ofKind("Deployment")) {
            Map<String, Object> resources = Repo.map(Rendered.container(deployment), "resources");
            assertThat(Repo.map(resources, "requests")).as(Rendered.name(deployment) + " requests").containsKeys("cpu", "memory");
            assertThat(Repo.map(resources, "limits")).as(Rendered.name(deployment) + " limits").containsKeys("cpu", "memory");
        }
    }

    @Test
    void theGatewayAndTheThreeServicesEachHaveTheirOwnDisruptionBudgetAndAutoscaler() {
        for (Rendered rendered : List.of(base, local)) {
            for (App app : SCALED) {
                Map<String, Object> deployment = rendered.get("Deployment", app.name);
                assertThat(Repo.at(deployment, "spec", "replicas")).as(app.name + ": the autoscaler owns the replica count").isNull();

                List<Map<String, Object>> budgets = rendered.ofKind("PodDisruptionBudget").stream()
                        .filter(budget -> rendered.deploymentsSelectedBy(Repo.map(budget, "spec", "selector", "matchLabels")).contains(deployment))
                        .toList();
                assertThat(budgets).as(app.name + " budgets").hasSize(1);
                assertThat(rendered.deploymentsSelectedBy(Repo.map(budgets.get(0), "spec", "selector", "matchLabels")))
                        .as(app.name + "'s budget covers only its own pods").containsExactly(deployment);
                assertThat(Repo.string(budgets.get(0), "spec", "maxUnavailable")).as(app.name + " budget").isEqualTo("1");

                List<Map<String, Object>> autoscalers = rendered.ofKind("HorizontalPodAutoscaler").stream()
                        .filter(hpa -> "Deployment".equals(Repo.string(hpa, "spec", "scaleTargetRef", "kind"))
                                && app.name.equals(Repo.string(hpa, "spec", "scaleTargetRef", "name")))
                        .toList();
                assertThat(autoscalers).as(app.name + " autoscalers").hasSize(1);
                int min = Integer.parseInt(Repo.string(autoscalers.get(0), "spec", "minReplicas"));
                int max = Integer.parseInt(Repo.string(autoscalers.get(0), "spec", "maxReplicas"));
                assertThat(max).as(app.name + " maxReplicas").isGreaterThanOrEqualTo(min);
                assertThat(Repo.maps(autoscalers.get(0), "spec", "metrics")).as(app.name + " autoscaling metrics").isNotEmpty();
                // with one voluntary disruption allowed, two replicas keep the service up through a node drain
                assertThat(min).as(app.name + " minReplicas").isEqualTo(rendered == base ? 2 : 1);
            }
        }
    }

    @Test
    void theGatewayTakesItsStartUpWeightsFromTheRoutingConfigMap() {
        for (Rendered rendered : List.of(base, local)) {
            Map<String, Object> gateway = Rendered.container(rendered.get("Deployment", "gateway"));
            List<String> configMaps = Repo.maps(gateway, "envFrom").stream()
                    .map(source -> Repo.string(source, "configMapRef", "name")).toList();
            assertThat(configMaps).as("the gateway's envFrom").containsExactly("gateway-routing");
            Map<String, Object> weights = Repo.map(rendered.get("ConfigMap", "gateway-routing"), "data");
            assertThat(weights.keySet()).isEqualTo(WEIGHT_VARIABLES);
            assertThat(App.GATEWAY.variablesRead()).containsAll(WEIGHT_VARIABLES);
            assertThat(String.valueOf(weights.get("ROUTING_MODE"))).isIn("legacy_only", "gradual_migration", "new_only");
            for (String domain : List.of("PAYMENTS", "IDENTITY", "LEDGER")) {
                assertThat(Integer.parseInt(String.valueOf(weights.get("TRAFFIC_SPLIT_" + domain)))).isBetween(0, 100);
            }
            // an env entry of the same name would silently override the ConfigMap
            assertThat(Repo.maps(gateway, "env")).extracting(variable -> variable.get("name")).doesNotContainAnyElementsOf(WEIGHT_VARIABLES);
        }
        assertThat(Repo.map(base.get("ConfigMap", "gateway-routing"), "data"))
                .as("the base starts every domain on legacy")
                .containsEntry("TRAFFIC_SPLIT_PAYMENTS", "0").containsEntry("TRAFFIC_SPLIT_IDENTITY", "0").containsEntry("TRAFFIC_SPLIT_LEDGER", "0");
        assertThat(Repo.map(local.get("ConfigMap", "gateway-routing"), "data"))
                .as("the local overlay starts as ./cutover does")
                .containsEntry("TRAFFIC_SPLIT_PAYMENTS", "100").containsEntry("ROUTING_MODE", "gradual_migration");
    }

    @Test
    void deploymentsSetOnlyVariablesTheirServiceReadsAndAllItNeedsFromItsPeers() {
        Map<App, Set<String>> required = Map.of(
                App.GATEWAY, Set.of("LEGACY_UPSTREAM", "PAYMENTS_UPSTREAM", "IDENTITY_UPSTREAM", "LEDGER_UPSTREAM",
                        "IDENTITY_JWKS_URI", "LEGACY_JWKS_URI", "JWT_ISSUER", "REDIS_URL", "ROUTING_MODE",
                        "TRAFFIC_SPLIT_PAYMENTS", "TRAFFIC_SPLIT_IDENTITY", "TRAFFIC_SPLIT_LEDGER", "GATEWAY_SERVICE_CLIENT_SECRET"),
                App.IDENTITY, Set.of("IDENTITY_DB_URL", "IDENTITY_DB_USER", "IDENTITY_DB_PASSWORD", "JWT_ISSUER",
                        "IDENTITY_MASTER_KEY", "OPS_CONSOLE_SECRET_HASH", "PAYMENTS_SERVICE_SECRET_HASH", "GATEWAY_SERVICE_SECRET_HASH"),
                App.PAYMENTS, Set.of("PAYMENTS_DB_URL", "PAYMENTS_DB_USER", "PAYMENTS_DB_PASSWORD", "JWT_ISSUER", "JWKS_URI",
                        "IDENTITY_UPSTREAM", "LEDGER_UPSTREAM", "SERVICE_TOKEN_URI", "SERVICE_CLIENT_ID", "SERVICE_CLIENT_SECRET"),
                App.LEDGER, Set.of("LEDGER_DB_URL", "LEDGER_DB_USER", "LEDGER_DB_PASSWORD", "JWT_ISSUER", "JWKS_URI"),
                App.LEGACY, Set.of("PORT", "SHUTDOWN_GRACE_SECONDS", "LEGACY_DB_HOST", "LEGACY_DB_PORT", "LEGACY_DB_NAME",
                        "LEGACY_DB_USER", "LEGACY_DB_PASSWORD", "JWT_ISSUER", "JWT_TRUSTED_JWKS_URIS", "LEGACY_SECRET_KEY",
                        "LEGACY_PII_KEY", "OPS_CONSOLE_SECRET_HASH", "PAYMENTS_SERVICE_SECRET_HASH", "PAYMENTS_TEST_MODE",
                        "TRUSTED_PROXIES"));
        for (Map<String, Object> deployment : local.ofKind("Deployment")) {
            Optional<App> app = App.named(Rendered.name(deployment));
            if (app.isEmpty()) {
                continue;
            }
            Set<String> set = local.environment(deployment, false).keySet();
            Set<String> known = new HashSet<>(app.get().variablesRead());
            known.addAll(app.get().platformVariables());
            assertThat(set).as(app.get().name + " sets only what " + app.get().sources() + " reads").isSubsetOf(known);
            assertThat(set).as(app.get().name + " is told where its peers are").containsAll(required.get(app.get()));
        }
    }

    @Test
    void servicesReachTheirPeersThroughTheKubernetesServicesInFrontOfThem() {
        Map<App, Map<String, String>> environments = Stream.of(App.values())
                .collect(Collectors.toMap(app -> app, app -> app.containerEnvironment(local.environment(local.get("Deployment", app.name), false))));
        String issuer = environments.get(App.IDENTITY).get("JWT_ISSUER");
        for (App app : App.values()) {
            assertThat(environments.get(app).get("JWT_ISSUER")).as(app.name + " JWT_ISSUER").isEqualTo(issuer);
        }
        expectEndpoint(issuer, App.IDENTITY, environments);
        assertThat(URI.create(issuer).getPath()).isEmpty();

        Map<String, App> upstreams = Map.of("LEGACY_UPSTREAM", App.LEGACY, "PAYMENTS_UPSTREAM", App.PAYMENTS,
                "IDENTITY_UPSTREAM", App.IDENTITY, "LEDGER_UPSTREAM", App.LEDGER);
        upstreams.forEach((variable, target) -> expectEndpoint(environments.get(App.GATEWAY).get(variable), target, environments));
        expectEndpoint(environments.get(App.PAYMENTS).get("IDENTITY_UPSTREAM"), App.IDENTITY, environments);
        expectEndpoint(environments.get(App.PAYMENTS).get("LEDGER_UPSTREAM"), App.LEDGER, environments);

        for (String jwks : List.of(environments.get(App.GATEWAY).get("IDENTITY_JWKS_URI"),
                environments.get(App.PAYMENTS).get("JWKS_URI"), environments.get(App.LEDGER).get("JWKS_URI"))) {
            expectEndpoint(jwks, App.IDENTITY, environments);
            assertThat(URI.create(jwks).getPath()).isEqualTo("/.well-known/jwks.json");
        }
        // the two sides trust each other's keys: the monolith identity's, the gateway the monolith's too
        List<String> trustedByLegacy = List.of(environments.get(App.LEGACY).get("JWT_TRUSTED_JWKS_URIS").split(","));
        assertThat(trustedByLegacy).as("the monolith's trusted key sets: identity's").hasSize(1);
        String identityJwks = trustedByLegacy.get(0).strip();
        expectEndpoint(identityJwks, App.IDENTITY, environments);
        assertThat(URI.create(identityJwks).getPath()).isEqualTo("/.well-known/jwks.json");
        String legacyJwks = environments.get(App.GATEWAY).get("LEGACY_JWKS_URI");
        expectEndpoint(legacyJwks, App.LEGACY, environments);
        assertThat(URI.create(legacyJwks).getPath()).isEqualTo("/.well-known/jwks.json");

        String tokenUri = environments.get(App.PAYMENTS).get("SERVICE_TOKEN_URI");
        expectEndpoint(tokenUri, App.IDENTITY, environments);
        assertThat(URI.create(tokenUri).getPath()).isEqualTo("/api/v1/auth/token");
        // the gateway's, for the hold's service token (ADR 67): GATEWAY_SERVICE_TOKEN_URI, else IDENTITY_UPSTREAM's
        Map<String, String> gateway = environments.get(App.GATEWAY);
        String gatewayTokenUri = gateway.getOrDefault("GATEWAY_SERVICE_TOKEN_URI", App.GATEWAY.defaultOf("GATEWAY_SERVICE_TOKEN_URI").orElse(""));
        if (gatewayTokenUri.isBlank()) {
            gatewayTokenUri = URI.create(gateway.get("IDENTITY_UPSTREAM")).resolve("/api/v1/auth/token").toString();
        }
        expectEndpoint(gatewayTokenUri, App.IDENTITY, environments);
        assertThat(URI.create(gatewayTokenUri).getPath()).isEqualTo("/api/v1/auth/token");

        URI redis = URI.create(environments.get(App.GATEWAY).get("REDIS_URL"));
        assertThat(redis.getScheme()).isIn("redis", "rediss");
        Endpoint redisEndpoint = local.endpoint(redis);
        assertThat(redisEndpoint).isEqualTo(new Endpoint("redis", 6379));
    }

    @Test
    void eachServiceLogsInToPostgresAsItsOwnRole() {
        Map<String, Object> postgres = local.get("Deployment", "postgres");
        Map<String, String> postgresEnvironment = local.environment(postgres, false);
        String sql = Repo.read(Repo.file("deploy/postgres/roles-and-schemas.sql"));
        assertThat(sql).contains("'cutover_' || service", "service || '-local-only'");
        for (App app : List.of(App.IDENTITY, App.PAYMENTS, App.LEDGER)) {
            Map<String, String> environment = local.environment(local.get("Deployment", app.name), false);
            String prefix = app.schema.toUpperCase() + "_DB_";
            URI url = URI.create(environment.get(prefix + "URL").replaceFirst("^jdbc:", ""));
            assertThat(url.getScheme()).isEqualTo("postgresql");
            assertThat(local.endpoint(url)).isEqualTo(new Endpoint("postgres", 5432));
            assertThat(url.getPath()).isEqualTo("/" + postgresEnvironment.get("POSTGRES_DB"));
            assertThat(sql).contains("'" + app.schema + "'");
            assertThat(environment).containsEntry(prefix + "USER", "cutover_" + app.schema)
                    .containsEntry(prefix + "PASSWORD", app.schema + "-local-only");
        }
    }

    @Test
    void theMonolithLogsInToItsOwnPostgresAsItsOwnRoleWithTheConnectionFromASecret() {
        Map<String, Object> legacy = local.get("Deployment", "legacy");
        Map<String, String> environment = local.environment(legacy, false);
        Map<String, String> database = local.environment(local.get("Deployment", "legacy-db"), false);
        assertThat(local.endpoint(environment.get("LEGACY_DB_HOST"), Integer.parseInt(environment.get("LEGACY_DB_PORT"))))
                .as("the monolith's database").isEqualTo(new Endpoint("legacy-db", 5432));
        assertThat(environment.get("LEGACY_DB_NAME")).isEqualTo(database.get("POSTGRES_DB")).isEqualTo("legacy");
        assertThat(environment.get("LEGACY_DB_USER")).as("its own role, not the superuser")
                .isEqualTo("cutover_legacy").isNotEqualTo(database.get("POSTGRES_USER"));
        assertThat(Repo.read(Repo.file("deploy/postgres/legacy-role.sql")))
                .contains("CREATE ROLE " + environment.get("LEGACY_DB_USER") + " LOGIN PASSWORD '" + environment.get("LEGACY_DB_PASSWORD") + "'");
        assertThat(database.get("POSTGRES_PASSWORD")).as("a superuser password of its own")
                .isNotEqualTo(local.environment(local.get("Deployment", "postgres"), false).get("POSTGRES_PASSWORD"));
        for (Map<String, Object> variable : Repo.maps(Rendered.container(legacy), "env")) {
            String name = Repo.string(variable, "name");
            if (name.startsWith("LEGACY_DB_")) {
                assertThat(Repo.string(variable, "valueFrom", "secretKeyRef", "name")).as(name + " comes from the database Secret").isEqualTo("legacy-database");
            }
        }
    }

    @Test
    void theMonolithsPostgresKeepsALogicalWriteAheadLogForChangeDataCapture() {
        List<String> args = Repo.strings(Rendered.container(local.get("Deployment", "legacy-db")), "args");
        assertThat(args).as("legacy-db args").first().isEqualTo("postgres");
        assertThat(args.subList(1, args.size())).as("legacy-db server options").containsSequence("-c", "wal_level=logical");
    }

    @Test
    void eachServiceSyncsWithTheMonolithsPostgresAndBothKeepALogicalWriteAheadLog() {
        List<String> args = Repo.strings(Rendered.container(local.get("Deployment", "postgres")), "args");
        assertThat(args).as("postgres args").containsSequence("-c", "wal_level=logical");
        Map<String, String> legacyDb = local.environment(local.get("Deployment", "legacy-db"), false);
        Map<String, App> slotPrefixes = new HashMap<>();
        for (App app : SYNCING) {
            Map<String, Object> deployment = local.get("Deployment", app.name);
            Map<String, String> environment = local.environment(deployment, false);
            String prefix = app.schema.toUpperCase() + "_SYNC_";
            assertThat(environment).as(app.name).containsEntry(prefix + "ENABLED", "true");
            URI url = URI.create(environment.get(prefix + "LEGACY_DB_URL").replaceFirst("^jdbc:", ""));
            assertThat(local.endpoint(url)).as(app.name + " " + prefix + "LEGACY_DB_URL").isEqualTo(new Endpoint("legacy-db", 5432));
            assertThat(url.getPath()).as(app.name + " " + prefix + "LEGACY_DB_URL").isEqualTo("/" + legacyDb.get("POSTGRES_DB"));
            assertThat(environment.get(prefix + "LEGACY_DB_USER")).as(app.name + " " + prefix + "LEGACY_DB_USER")
                    .isEqualTo(legacyDb.get("POSTGRES_USER"));
            assertThat(environment.get(prefix + "LEGACY_DB_PASSWORD")).as(app.name + " " + prefix + "LEGACY_DB_PASSWORD")
                    .isEqualTo(legacyDb.get("POSTGRES_PASSWORD"));
            // the switch and the monolith's database are the overlay's, the password the service's own Secret's
            assertThat(Repo.map(variable(deployment, prefix + "ENABLED"), "valueFrom", "configMapKeyRef"))
                    .as(app.name + " " + prefix + "ENABLED").containsEntry("name", "cutover-platform").containsEntry("key", app.schema + "-sync-enabled");
            assertThat(Repo.map(variable(deployment, prefix + "LEGACY_DB_PASSWORD"), "valueFrom", "secretKeyRef"))
                    .as(app.name + " " + prefix + "LEGACY_DB_PASSWORD").containsEntry("name", app.name + "-secrets");
            assertThat(app.configuration()).as(app.sources())
                    .contains("url: ${" + prefix + "LEGACY_DB_URL:}", "enabled: ${" + prefix + "ENABLED:false}");
            // each service names its own replication slots and publications on both servers
            String slotPrefix = environment.getOrDefault(prefix + "SLOT_PREFIX", app.defaultOf(prefix + "SLOT_PREFIX").orElse(null));
            assertThat(slotPrefix).as(app.name + " slot prefix").isNotBlank().matches("[a-z0-9_]{1,40}");
            assertThat(slotPrefixes.put(slotPrefix, app)).as(app.name + "'s slot prefix " + slotPrefix + " is taken by").isNull();
        }
    }

    @Test
    void identitysSyncReadsTheMonolithsPiiKeyFromTheSecretKeyTheMonolithReads() {
        Map<String, Object> legacyReference = Repo.map(variable(local.get("Deployment", "legacy"), "LEGACY_PII_KEY"), "valueFrom", "secretKeyRef");
        assertThat(legacyReference).as("the monolith's LEGACY_PII_KEY").containsKeys("name", "key");
        for (Rendered rendered : List.of(base, local)) {
            Map<String, Object> identityReference = Repo.map(variable(rendered.get("Deployment", "identity"), "IDENTITY_SYNC_LEGACY_PII_KEY"),
                    "valueFrom", "secretKeyRef");
            assertThat(identityReference).as("identity's IDENTITY_SYNC_LEGACY_PII_KEY: the same Secret key, never a copy")
                    .containsEntry("name", legacyReference.get("name")).containsEntry("key", legacyReference.get("key"));
        }
        Map<String, String> identity = local.environment(local.get("Deployment", "identity"), false);
        Map<String, String> legacy = local.environment(local.get("Deployment", "legacy"), false);
        assertThat(identity.get("IDENTITY_SYNC_LEGACY_PII_KEY")).isNotBlank().isEqualTo(legacy.get("LEGACY_PII_KEY"))
                .isNotEqualTo(identity.get("IDENTITY_MASTER_KEY"));
        assertThat(Base64.getDecoder().decode(identity.get("IDENTITY_SYNC_LEGACY_PII_KEY"))).as("PII key bytes").hasSize(32);
        assertThat(Repo.map(local.get("Secret", "identity-secrets"), "data")).as("identity-secrets holds no second copy")
                .doesNotContainKey("IDENTITY_SYNC_LEGACY_PII_KEY").doesNotContainValue(legacy.get("LEGACY_PII_KEY"));
        assertThat(App.IDENTITY.configuration()).contains("legacy-pii-key: ${IDENTITY_SYNC_LEGACY_PII_KEY:}");
    }

    /** The {@code env} entry of a Deployment's container that sets {@code name}. */
    private static Map<String, Object> variable(Map<String, Object> deployment, String name) {
        return Repo.maps(Rendered.container(deployment), "env").stream()
                .filter(variable -> name.equals(variable.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError(Rendered.name(deployment) + " sets no " + name));
    }

    @Test
    void theMonolithRunsAsInProductionWithItsKeysAndHashesFromSecrets() {
        Map<String, Object> legacy = local.get("Deployment", "legacy");
        Map<String, String> environment = local.environment(legacy, false);
        assertThat(environment.get("LEGACY_PROFILE")).as("LEGACY_PROFILE (settings.py's default is production)").isNotEqualTo("local");
        assertThat(environment).as("no plain client secrets").doesNotContainKeys("OPS_CONSOLE_SECRET", "PAYMENTS_SERVICE_SECRET", "ALLOW_PLAIN_CLIENT_SECRETS");
        for (Map<String, Object> variable : Repo.maps(Rendered.container(legacy), "env")) {
            String name = Repo.string(variable, "name");
            if (LEGACY_SECRETS.contains(name)) {
                assertThat(Repo.at(variable, "valueFrom", "secretKeyRef")).as(name + " comes from a Secret").isNotNull();
            }
        }
        assertThat(Base64.getDecoder().decode(environment.get("LEGACY_PII_KEY"))).as("PII key bytes").hasSize(32);
        assertThat(environment.get("LEGACY_SECRET_KEY")).isNotBlank();
        assertThat(environment).as("the test payment processor, as payments has it")
                .containsEntry("PAYMENTS_TEST_MODE", local.environment(local.get("Deployment", "payments"), false).get("PAYMENTS_TEST_MODE"));
        // the gateway's pods have private addresses; the monolith's default trusts loopback only
        assertThat(List.of(environment.get("TRUSTED_PROXIES").split(","))).as("TRUSTED_PROXIES")
                .contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");
    }

    @Test
    void theLocalMonolithsClientHashesOpenWithTheSecretsItsClientsPresent() throws Exception {
        Map<String, String> legacy = local.environment(local.get("Deployment", "legacy"), false);
        Map<String, String> payments = local.environment(local.get("Deployment", "payments"), false);
        assertThat(App.LEGACY.configuration()).contains("{\"id\": \"ops-console\"", "{\"id\": \"payments-service\"", "PBKDF2PasswordHasher");
        assertThat(djangoPbkdf2Matches(payments.get("SERVICE_CLIENT_SECRET"), legacy.get("PAYMENTS_SERVICE_SECRET_HASH")))
                .as("the monolith's payments-service hash matches the secret payments presents").isTrue();
        assertThat(djangoPbkdf2Matches("local-ops-console-secret", legacy.get("OPS_CONSOLE_SECRET_HASH")))
                .as("the monolith's ops-console hash matches the documented local secret").isTrue();
        assertThat(djangoPbkdf2Matches("something-else", legacy.get("OPS_CONSOLE_SECRET_HASH"))).isFalse();
    }

    @Test
    void theLocalPostgresIsInitialisedWithTheRepositorysRolesAndSchemas() {
        expectInitialisedWith("postgres", "postgres-init", "roles-and-schemas.sql");
    }

    @Test
    void theLocalLegacyPostgresIsInitialisedWithTheRepositorysLegacyRole() {
        expectInitialisedWith("legacy-db", "legacy-db-init", "legacy-role.sql");
    }

    private static void expectInitialisedWith(String deploymentName, String configMap, String script) {
        Map<String, Object> init = local.get("ConfigMap", configMap);
        assertThat(Repo.map(init, "data")).as(configMap).containsOnlyKeys(script);
        assertThat(Repo.map(init, "data").get(script))
                .as("overlays/local/" + script + " must be a copy of deploy/postgres/" + script)
                .isEqualTo(Repo.read(Repo.file("deploy/postgres/" + script)));
        Map<String, Object> postgres = local.get("Deployment", deploymentName);
        String volume = Repo.maps(Rendered.pod(postgres), "volumes").stream()
                .filter(candidate -> configMap.equals(Repo.string(candidate, "configMap", "name")))
                .map(candidate -> Repo.string(candidate, "name")).findFirst().orElseThrow();
        assertThat(Repo.maps(Rendered.container(postgres), "volumeMounts"))
                .anySatisfy(mount -> assertThat(mount).containsEntry("name", volume).containsEntry("mountPath", "/docker-entrypoint-initdb.d"));
    }

    @Test
    void everyConfigMapAndSecretReferenceOfTheLocalOverlayResolves() {
        for (Map<String, Object> deployment : local.ofKind("Deployment")) {
            for (Reference reference : references(deployment)) {
                assertThat(local.has(reference.kind(), reference.name())).as(Rendered.name(deployment) + " refers to " + reference).isTrue();
                if (reference.key() != null) {
                    assertThat(Repo.map(local.get(reference.kind(), reference.name()), "data")).as(reference.toString()).containsKey(reference.key());
                }
            }
            local.environment(deployment, false);
        }
    }

    @Test
    void everyServiceSelectsExactlyItsDeploymentAndTargetsOneOfItsContainerPorts() {
        assertThat(local.ofKind("Service")).hasSize(local.ofKind("Deployment").size());
        for (Map<String, Object> service : local.ofKind("Service")) {
            String name = Rendered.name(service);
            List<Map<String, Object>> selected = local.deploymentsSelectedBy(Repo.map(service, "spec", "selector"));
            assertThat(selected).as("Deployments selected by Service " + name).hasSize(1);
            assertThat(Rendered.name(selected.get(0))).as("Service " + name + " selects").isEqualTo(name);
            assertThat(Repo.maps(service, "spec", "ports")).isNotEmpty().allSatisfy(port ->
                    Rendered.containerPort(selected.get(0), port.getOrDefault("targetPort", port.get("port"))));
        }
    }

    @Test
    void theLocalOverlayRunsTheLocallyBuiltImages() {
        for (App app : App.values()) {
            assertThat(Repo.string(Rendered.container(local.get("Deployment", app.name)), "image")).isEqualTo("cutover/" + app.name + ":local");
        }
    }

    @Test
    void theLocalIdentitySecretsOpenWithTheSecretsItsClientsPresent() {
        Map<String, String> identity = local.environment(local.get("Deployment", "identity"), false);
        Map<String, String> payments = local.environment(local.get("Deployment", "payments"), false);
        Map<String, String> gateway = local.environment(local.get("Deployment", "gateway"), false);
        assertThat(bcryptMatches(payments.get("SERVICE_CLIENT_SECRET"), identity.get("PAYMENTS_SERVICE_SECRET_HASH")))
                .as("identity's payments-service hash matches the secret payments presents").isTrue();
        assertThat(payments.get("SERVICE_CLIENT_ID")).isEqualTo("payments-service");
        assertThat(App.IDENTITY.configuration()).contains("- id: payments-service", "- id: ops-console", "- id: gateway");
        // the gateway's own client, for the hold's sync fences (ADR 67); a blank secret would turn the hold off
        assertThat(gateway.get("GATEWAY_SERVICE_CLIENT_SECRET")).as("the secret the gateway presents").isNotBlank()
                .isNotEqualTo(payments.get("SERVICE_CLIENT_SECRET"));
        assertThat(bcryptMatches(gateway.get("GATEWAY_SERVICE_CLIENT_SECRET"), identity.get("GATEWAY_SERVICE_SECRET_HASH")))
                .as("identity's gateway hash matches the secret the gateway presents").isTrue();
        assertThat(bcryptMatches(payments.get("SERVICE_CLIENT_SECRET"), identity.get("GATEWAY_SERVICE_SECRET_HASH"))).isFalse();
        assertThat(gateway.getOrDefault("GATEWAY_SERVICE_CLIENT_ID", App.GATEWAY.defaultOf("GATEWAY_SERVICE_CLIENT_ID").orElseThrow()))
                .as("the gateway's client id, identity's seeded client").isEqualTo("gateway");
        assertThat(identity).as("identity runs without the local profile: hashes, no plain secrets")
                .doesNotContainKeys("OPS_CONSOLE_SECRET", "PAYMENTS_SERVICE_SECRET", "GATEWAY_SERVICE_SECRET");
        for (Rendered rendered : List.of(base, local)) {
            assertThat(Repo.map(variable(rendered.get("Deployment", "gateway"), "GATEWAY_SERVICE_CLIENT_SECRET"), "valueFrom", "secretKeyRef"))
                    .as("the gateway's client secret, from its own Secret").containsEntry("name", "gateway-secrets");
            assertThat(Repo.map(variable(rendered.get("Deployment", "identity"), "GATEWAY_SERVICE_SECRET_HASH"), "valueFrom", "secretKeyRef"))
                    .as("identity's hash of it, from identity's Secret").containsEntry("name", "identity-secrets");
        }
        assertThat(bcryptMatches("local-ops-console-secret", identity.get("OPS_CONSOLE_SECRET_HASH")))
                .as("identity's ops-console hash matches the documented local secret").isTrue();
        assertThat(bcryptMatches("something-else", identity.get("OPS_CONSOLE_SECRET_HASH"))).isFalse();
        assertThat(Base64.getDecoder().decode(identity.get("IDENTITY_MASTER_KEY"))).as("master key bytes").hasSize(32);
    }

    @Test
    void theBaseLeavesSecretsAndEnvironmentSpecificValuesToTheOverlay() {
        assertThat(base.ofKind("Secret")).as("Secrets in the base").isEmpty();
        for (Map<String, Object> deployment : base.ofKind("Deployment")) {
            for (Map<String, Object> variable : Repo.maps(Rendered.container(deployment), "env")) {
                String name = Repo.string(variable, "name");
                if (name.matches(".*(PASSWORD|SECRET|MASTER_KEY|PII_KEY|HASH)$") || name.equals("REDIS_URL")) {
                    assertThat(Repo.at(variable, "valueFrom", "secretKeyRef")).as(name + " in " + Rendered.name(deployment) + " comes from a Secret").isNotNull();
                }
            }
            assertThat(Repo.string(Rendered.container(deployment), "image")).as("base images carry no tag").doesNotContain(":");
            assertThat(Repo.at(deployment, "metadata", "namespace")).isNull();
        }
        List<String> overlays = List.of("jdbc-url", "legacy-url", "legacy-jwks-uri", "legacy-jdbc-url", "legacy-sync-user",
                "identity-sync-enabled", "payments-sync-enabled", "ledger-sync-enabled");
        assertThat(Repo.map(base.get("ConfigMap", "cutover-platform"), "data")).doesNotContainKeys(overlays.toArray(String[]::new));
        assertThat(Repo.map(local.get("ConfigMap", "cutover-platform"), "data")).containsKeys(overlays.toArray(String[]::new)).containsKey("jwt-issuer");
    }

    @Test
    void theRendererRefusesKustomizeFeaturesItDoesNotImplement(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("kustomization.yaml"), "namePrefix: staging-\nresources: []\n");
        assertThatThrownBy(() -> MiniKustomize.build(directory)).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("namePrefix");
        Files.writeString(directory.resolve("kustomization.yaml"), """
                resources: []
                patches:
                  - target: {kind: Deployment}
                    patch: |-
                      spec:
                        replicas: 3
                """);
        assertThatThrownBy(() -> MiniKustomize.build(directory)).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("JSON 6902");
    }

    @Test
    void kustomizeBuildAgreesWithThisRenderer() throws Exception {
        Optional<List<String>> command = kustomizeCommand();
        assumeThat(command).as("kustomize or kubectl on the PATH").isPresent();
        for (Path directory : List.of(BASE, LOCAL)) {
            Rendered mine = new Rendered(MiniKustomize.build(directory));
            Rendered real = decoded(new Rendered(kustomizeBuild(command.get(), directory)));
            Set<String> generated = new HashSet<>(names(Stream.concat(mine.ofKind("ConfigMap").stream(), mine.ofKind("Secret").stream()).toList()));

            assertThat(keys(real, generated)).as("resources of " + directory).isEqualTo(keys(mine, Set.of()));
            for (Map<String, Object> deployment : mine.ofKind("Deployment")) {
                Map<String, Object> theirs = real.get("Deployment", Rendered.name(deployment));
                assertThat(Repo.string(Rendered.container(theirs), "image")).isEqualTo(Repo.string(Rendered.container(deployment), "image"));
                assertThat(mine.environment(deployment, directory == BASE))
                        .as("environment of " + Rendered.name(deployment)).isEqualTo(real.environment(theirs, directory == BASE));
                for (Reference reference : references(theirs)) {
                    if (directory == LOCAL || reference.kind().equals("ConfigMap")) {
                        assertThat(real.has(reference.kind(), reference.name())).as("kustomize output refers to " + reference).isTrue();
                    }
                }
            }
            for (Map<String, Object> hpa : mine.ofKind("HorizontalPodAutoscaler")) {
                assertThat(Repo.map(real.get("HorizontalPodAutoscaler", Rendered.name(hpa)), "spec")).isEqualTo(Repo.map(hpa, "spec"));
            }
        }
    }

    private static boolean bcryptMatches(String secret, String prefixedHash) {
        assertThat(prefixedHash).startsWith("{bcrypt}");
        return BCrypt.checkpw(secret, prefixedHash.substring("{bcrypt}".length()));
    }

    /** Django's {@code pbkdf2_sha256$<iterations>$<salt>$<base64 of the 32-byte PBKDF2-HMAC-SHA256>}, as check_password reads it. */
    private static boolean djangoPbkdf2Matches(String secret, String encoded) throws Exception {
        String[] parts = encoded.split("\\$");
        assertThat(parts).as("a Django pbkdf2_sha256 hash").hasSize(4);
        assertThat(parts[0]).as("a Django pbkdf2_sha256 hash").isEqualTo("pbkdf2_sha256");
        int iterations = Integer.parseInt(parts[1]);
        assertThat(iterations).as("iterations (Django 3.2's default is 260000)").isGreaterThanOrEqualTo(260_000);
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), parts[2].getBytes(StandardCharsets.UTF_8), iterations, 256);
        byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        return MessageDigest.isEqual(derived, Base64.getDecoder().decode(parts[3]));
    }

    private static List<String> names(List<Map<String, Object>> resources) {
        return resources.stream().map(Rendered::name).toList();
    }

    /** kind/name of every resource, generated names without kustomize's hash suffix. */
    private static Set<String> keys(Rendered rendered, Set<String> generatedNames) {
        Set<String> keys = new TreeSet<>();
        for (Map<String, Object> resource : rendered.resources()) {
            keys.add(resource.get("kind") + "/" + unhashed(Rendered.name(resource), generatedNames));
        }
        return keys;
    }

    private static String unhashed(String name, Set<String> generatedNames) {
        String stripped = name.replaceFirst("-[a-z0-9]{10}$", "");
        return generatedNames.contains(stripped) ? stripped : name;
    }

    /** The real output with Secret data decoded, to compare with the renderer's plain values. */
    private static Rendered decoded(Rendered real) {
        for (Map<String, Object> secret : real.ofKind("Secret")) {
            Map<String, Object> data = Repo.map(secret, "data");
            data.replaceAll((key, value) -> new String(Base64.getMimeDecoder().decode(String.valueOf(value))));
        }
        return real;
    }

    record Reference(String kind, String name, String key) {
    }

    /** Every ConfigMap and Secret a Deployment's pod refers to. */
    private static List<Reference> references(Map<String, Object> deployment) {
        List<Reference> references = new ArrayList<>();
        Map<String, Object> container = Rendered.container(deployment);
        for (Map<String, Object> variable : Repo.maps(container, "env")) {
            for (String kind : List.of("ConfigMap", "Secret")) {
                Map<String, Object> reference = Repo.map(variable, "valueFrom", kind.equals("ConfigMap") ? "configMapKeyRef" : "secretKeyRef");
                if (!reference.isEmpty()) {
                    references.add(new Reference(kind, Repo.string(reference, "name"), Repo.string(reference, "key")));
                }
            }
        }
        for (Map<String, Object> source : Repo.maps(container, "envFrom")) {
            if (source.containsKey("configMapRef")) {
                references.add(new Reference("ConfigMap", Repo.string(source, "configMapRef", "name"), null));
            }
            if (source.containsKey("secretRef")) {
                references.add(new Reference("Secret", Repo.string(source, "secretRef", "name"), null));
            }
        }
        for (Map<String, Object> volume : Repo.maps(Rendered.pod(deployment), "volumes")) {
            if (volume.containsKey("configMap")) {
                references.add(new Reference("ConfigMap", Repo.string(volume, "configMap", "name"), null));
            }
            if (volume.containsKey("secret")) {
                references.add(new Reference("Secret", Repo.string(volume, "secret", "secretName"), null));
            }
        }
        return references;
    }

    private static void expectEndpoint(String url, App target, Map<App, Map<String, String>> environments) {
        assertThat(url).as("URL of " + target.name).isNotNull();
        Endpoint endpoint = local.endpoint(URI.create(url));
        assertThat(endpoint).as(url).isEqualTo(new Endpoint(target.name, target.port(environments.get(target))));
    }

    private static Optional<List<String>> kustomizeCommand() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, "kustomize"))) {
                return Optional.of(List.of(Path.of(directory, "kustomize").toString(), "build"));
            }
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, "kubectl"))) {
                return Optional.of(List.of(Path.of(directory, "kubectl").toString(), "kustomize"));
            }
        }
        return Optional.empty();
    }

    private static List<Map<String, Object>> kustomizeBuild(List<String> command, Path directory) throws Exception {
        List<String> full = new ArrayList<>(command);
        full.add(directory.toString());
        Path errors = Files.createTempFile("kustomize", ".err");
        Process process = new ProcessBuilder(full).redirectError(errors.toFile()).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kustomize finished").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", full) + ": " + Files.readString(errors)).isZero();
        Files.delete(errors);
        return Repo.yamlDocuments(output);
    }
}
