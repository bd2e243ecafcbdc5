package dev.cutover.system;

import dev.cutover.gateway.GatewayApplication;
import dev.cutover.identity.IdentityApplication;
import dev.cutover.ledger.LedgerApplication;
import dev.cutover.payments.PaymentsApplication;
import dev.cutover.testsupport.LegacyMonolith;
import dev.cutover.testsupport.LogicalPostgres;
import dev.cutover.testsupport.TestDatabase;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole suite, started once: the real legacy monolith (Django under gunicorn, a process with its own database)
 * and, in this JVM, identity, ledger, payments and the gateway, each on its own port, each service logged in to the
 * run's database as its own role (created by the same script {@code ./cutover} and docker-compose use), configured
 * through the same environment variables as in production. Identity can be stopped and started again on its port.
 *
 * <p>{@link #synced()} is a second such suite, on a Postgres cluster of its own with logical decoding, whose services
 * run their change streams with the monolith (ADR 63), as {@code ./cutover up} does.
 */
public final class Suite {

    public static final String ISSUER = "https://identity.cutover.system.test";
    public static final String OPS_CLIENT = "ops-console";
    public static final String OPS_SECRET = "local-ops-console-secret";
    /** The monolith's PII key in both suites (its local default), which identity's sync needs too. */
    private static final String LEGACY_PII_KEY = "bG9jYWwtbGVnYWN5LW9ubHktcGlpLWtleS0zMmJ5dGU=";

    private final boolean synced;
    private final TestDatabase database;
    private final int identityPort = freePort();
    private final int ledgerPort = freePort();
    private final int paymentsPort = freePort();
    private final int gatewayPort = freePort();
    private final LegacyMonolith legacy;
    private final TestDatabase legacyDatabase;
    private final String legacyJwks;
    private volatile ConfigurableApplicationContext identity;
    private final ConfigurableApplicationContext ledger;
    private volatile ConfigurableApplicationContext payments;
    private final ConfigurableApplicationContext gateway;
    private final ConfigurableApplicationContext legacyGateway;

    private Suite(boolean synced) {
        this.synced = synced;
        this.database = synced ? LogicalPostgres.database() : TestDatabase.get();
        createRolesAndSchemas();
        LegacyMonolith monolith = LegacyMonolith.prepare(database, Map.of(
                "JWT_ISSUER", ISSUER,
                "JWT_TRUSTED_JWKS_URIS", identityUrl() + "/.well-known/jwks.json",
                "LEGACY_PII_KEY", LEGACY_PII_KEY));
        legacyJwks = monolith.jwksUri();
        this.legacyDatabase = monolith.database();
        // the monolith migrates and starts in its own processes while the services start here; a synced suite's
        // streams read the monolith's tables, so there the monolith comes first
        CompletableFuture<LegacyMonolith> starting = synced ? CompletableFuture.completedFuture(monolith.start())
                : CompletableFuture.supplyAsync(monolith::start);
        identity = startIdentity();
        Map<String, Object> ledgerSettings = new LinkedHashMap<>(Map.of(
                "PORT", ledgerPort,
                "LEDGER_DB_URL", database.jdbcUrl(), "LEDGER_DB_USER", "cutover_ledger", "LEDGER_DB_PASSWORD", "ledger-local-only",
                "JWKS_URI", identityUrl() + "/.well-known/jwks.json", "LEGACY_JWKS_URI", legacyJwks, "JWT_ISSUER", ISSUER));
        ledgerSettings.putAll(syncSettings("LEDGER"));
        ledger = start(LedgerApplication.application(), ledgerSettings);
        payments = startPayments();
        legacy = starting.join();
        gateway = start(GatewayApplication.application(), gatewaySettings(gatewayPort, 100));
        // no one calls it before it is up: port 0, so that no other listener can take its port meanwhile
        legacyGateway = start(GatewayApplication.application(), gatewaySettings(0, 0));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "suite-stop"));
    }

    public static Suite get() {
        return Holder.INSTANCE;
    }

    /** The suite whose services sync their data with the monolith's, both ways. */
    public static Suite synced() {
        return SyncedHolder.INSTANCE;
    }

    /** Started on first use, after every static of this class is initialised. */
    private static final class Holder {
        static final Suite INSTANCE = new Suite(false);
    }

    private static final class SyncedHolder {
        static final Suite INSTANCE = new Suite(true);
    }

    /** A service's sync settings ({@code PAYMENTS_SYNC_…}): none unless this suite syncs. */
    private Map<String, Object> syncSettings(String service) {
        if (!synced) {
            return Map.of();
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(service + "_SYNC_ENABLED", true);
        settings.put(service + "_SYNC_LEGACY_DB_URL", legacyDatabase.jdbcUrl());
        settings.put(service + "_SYNC_LEGACY_DB_USER", legacyDatabase.username());
        settings.put(service + "_SYNC_LEGACY_DB_PASSWORD", legacyDatabase.password() == null ? "" : legacyDatabase.password());
        // slots are per server: one pair per service and suite
        settings.put(service + "_SYNC_SLOT_PREFIX", service.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + "_" + database.name());
        if (service.equals("IDENTITY")) {
            settings.put("IDENTITY_SYNC_LEGACY_PII_KEY", LEGACY_PII_KEY);
        }
        return settings;
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    public int gatewayPort() {
        return gatewayPort;
    }

    /** A second gateway in front of the same sides, every domain at weight 0: everything goes to the monolith. */
    public String legacyGatewayUrl() {
        return "http://127.0.0.1:" + legacyGateway.getEnvironment().getRequiredProperty("local.server.port");
    }

    public int paymentsPort() {
        return paymentsPort;
    }

    public String paymentsUrl() {
        return "http://127.0.0.1:" + paymentsPort;
    }

    public String ledgerUrl() {
        return "http://127.0.0.1:" + ledgerPort;
    }

    public String identityUrl() {
        return "http://127.0.0.1:" + identityPort;
    }

    /** A bean of the suite's gateway (its meters, say). */
    public <T> T gatewayBean(Class<T> type) {
        return gateway.getBean(type);
    }

    public LegacyMonolith legacy() {
        return legacy;
    }

    public TestDatabase database() {
        return database;
    }

    /** Stops identity as a crash or a deploy would. */
    public synchronized void stopIdentity() {
        identity.close();
    }

    /** Starts identity again, if it is stopped, on the same port, database and signing keys. */
    public synchronized void startIdentityAgain() {
        if (!identity.isActive()) {
            identity = startIdentity();
        }
    }

    /** Stops payments gracefully, as a rolling restart does, and returns once it is down. */
    public synchronized void stopPayments() {
        payments.close();
    }

    /** Starts payments again, if it is stopped. */
    public synchronized void startPaymentsAgain() {
        if (!payments.isActive()) {
            payments = startPayments();
        }
    }

    private ConfigurableApplicationContext startIdentity() {
        Map<String, Object> settings = new LinkedHashMap<>(Map.of(
                "PORT", identityPort, "spring.profiles.active", "local",
                "IDENTITY_DB_URL", database.jdbcUrl(), "IDENTITY_DB_USER", "cutover_identity", "IDENTITY_DB_PASSWORD", "identity-local-only",
                "JWT_ISSUER", ISSUER, "LEGACY_JWKS_URI", legacyJwks,
                "PASSWORD_ARGON2_MEMORY_KIB", 4096, "PASSWORD_ARGON2_ITERATIONS", 1));
        settings.putAll(syncSettings("IDENTITY"));
        return start(IdentityApplication.application(), settings);
    }

    private ConfigurableApplicationContext startPayments() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("PORT", paymentsPort);
        settings.put("PAYMENTS_DB_URL", database.jdbcUrl());
        settings.put("PAYMENTS_DB_USER", "cutover_payments");
        settings.put("PAYMENTS_DB_PASSWORD", "payments-local-only");
        settings.put("JWKS_URI", identityUrl() + "/.well-known/jwks.json");
        settings.put("LEGACY_JWKS_URI", legacyJwks);
        settings.put("JWT_ISSUER", ISSUER);
        settings.put("IDENTITY_UPSTREAM", identityUrl());
        settings.put("LEDGER_UPSTREAM", "http://127.0.0.1:" + ledgerPort);
        settings.put("SERVICE_TOKEN_URI", identityUrl() + "/api/v1/auth/token");
        settings.put("SERVICE_CLIENT_ID", "payments-service");
        settings.put("SERVICE_CLIENT_SECRET", "local-payments-service-secret");
        settings.put("PAYMENTS_TEST_MODE", true);
        settings.put("IDENTITY_BREAKER_OPEN_FOR", "2s");
        settings.put("IDENTITY_TIME_LIMIT", "3s");
        // four applications and their clients share two cores here: a slow call is not yet a sick identity
        settings.put("resilience4j.circuitbreaker.instances.identity.slow-call-duration-threshold", "3s");
        settings.put("PAYMENTS_TASK_POLLING", "200ms");
        settings.put("PAYMENTS_RETRY_INITIAL", "100ms");
        settings.put("PAYMENTS_RETRY_MAX", "1s");
        settings.putAll(syncSettings("PAYMENTS"));
        return start(PaymentsApplication.application(), settings);
    }

    private Map<String, Object> gatewaySettings(int port, int weight) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("PORT", port);
        settings.put("MANAGEMENT_PORT", 0);
        settings.put("LEGACY_UPSTREAM", legacy.baseUrl());
        settings.put("IDENTITY_UPSTREAM", identityUrl());
        settings.put("PAYMENTS_UPSTREAM", "http://127.0.0.1:" + paymentsPort);
        settings.put("LEDGER_UPSTREAM", "http://127.0.0.1:" + ledgerPort);
        settings.put("IDENTITY_JWKS_URI", identityUrl() + "/.well-known/jwks.json");
        settings.put("JWT_ISSUER", ISSUER);
        settings.put("ROUTING_MODE", "gradual_migration");
        settings.put("TRAFFIC_SPLIT_IDENTITY", weight);
        settings.put("TRAFFIC_SPLIT_PAYMENTS", weight);
        settings.put("TRAFFIC_SPLIT_LEDGER", weight);
        // its own client at identity (seeded by identity's local profile): the hold of moved callers asks the fences with it
        settings.put("GATEWAY_SERVICE_CLIENT_SECRET", "local-gateway-service-secret");
        settings.put("RATE_LIMIT_PER_SECOND", 100_000);
        settings.put("RATE_LIMIT_BURST", 100_000);
        // The services' data-access and servlet auto-configurations share this JVM's classpath; the gateway has no database.
        settings.put("spring.autoconfigure.exclude", String.join(",",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
                "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
                "dev.cutover.kit.KitAutoConfiguration",
                "dev.cutover.kit.idempotency.IdempotencyConfiguration",
                // Tomcat is here for the services; the gateway serves on Netty, as in production
                "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration",
                "org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration"));
        return settings;
    }

    /**
     * The gateway's auto-configurations are on this JVM's classpath too; a servlet service must not pick them
     * up (Spring Cloud Gateway refuses to run beside Spring MVC).
     */
    private static final String NOT_FOR_SERVICES = String.join(",",
            "org.springframework.cloud.gateway.config.GatewayClassPathWarningAutoConfiguration",
            "org.springframework.cloud.gateway.config.GatewayAutoConfiguration",
            "org.springframework.cloud.gateway.config.GatewayResilience4JCircuitBreakerAutoConfiguration",
            "org.springframework.cloud.gateway.config.GatewayNoLoadBalancerClientAutoConfiguration",
            "org.springframework.cloud.gateway.config.GatewayFunctionAutoConfiguration",
            "org.springframework.cloud.gateway.config.GatewayMetricsAutoConfiguration",
            "org.springframework.cloud.gateway.config.GatewayRedisAutoConfiguration",
            "org.springframework.cloud.gateway.config.GatewayStreamAutoConfiguration",
            "org.springframework.cloud.gateway.discovery.GatewayDiscoveryClientAutoConfiguration",
            "org.springframework.cloud.gateway.config.SimpleUrlHandlerMappingGlobalCorsAutoConfiguration",
            "org.springframework.cloud.gateway.config.GatewayReactiveLoadBalancerClientAutoConfiguration",
            "org.springframework.cloud.gateway.config.LocalResponseCacheAutoConfiguration",
            "org.springframework.cloud.gateway.config.GatewayTracingAutoConfiguration");

    private static ConfigurableApplicationContext start(SpringApplication application, Map<String, Object> settings) {
        Map<String, Object> all = new LinkedHashMap<>(settings);
        all.putIfAbsent("spring.autoconfigure.exclude", NOT_FOR_SERVICES);
        all.put("spring.main.banner-mode", "off");
        application.addPrimarySources(java.util.List.of(IsolatedNettyResources.class));
        return application.run(all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private void createRolesAndSchemas() {
        try (Connection admin = database.connect(); Statement statement = admin.createStatement()) {
            statement.execute(Files.readString(repositoryRoot().resolve("deploy/postgres/roles-and-schemas.sql")));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not prepare roles and schemas", e);
        }
    }

    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("deploy")) ? here : here.getParent();
    }

    private void stopAll() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {legacyGateway, gateway, payments, ledger, identity}) {
            try {
                context.close();
            } catch (RuntimeException ignored) {
                // shutting down anyway
            }
        }
        legacy.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
