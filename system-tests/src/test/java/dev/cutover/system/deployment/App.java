package dev.cutover.system.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One deployable component of Cutover, and what its own configuration reads: the source of truth the
 * deployment descriptors are checked against. For the Spring services that is {@code <name>.yml}
 * ({@code ${VAR} and ${VAR:default}} placeholders, every profile document included); for the legacy
 * stand-in, a plain main class, it is the {@code System.getenv} calls in its source.
 */
enum App {

    GATEWAY("gateway", "gateway", "gateway/src/main/resources/gateway.yml", null),
    IDENTITY("identity", "identity-service", "identity-service/src/main/resources/identity.yml", "identity"),
    PAYMENTS("payments", "payments-service", "payments-service/src/main/resources/payments.yml", "payments"),
    LEDGER("ledger", "ledger-service", "ledger-service/src/main/resources/ledger.yml", "ledger"),
    LEGACY("legacy", "legacy-standin", "legacy-standin/src/main/java/dev/cutover/legacy/LegacyStandIn.java", null);

    static final String READINESS = "/actuator/health/readiness";
    static final String LIVENESS = "/actuator/health/liveness";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern GETENV = Pattern.compile("getenv\\(\\)\\.getOrDefault\\(\"([A-Z][A-Z0-9_]*)\"|getenv\\(\"([A-Z][A-Z0-9_]*)\"\\)");

    /** Service name in compose and Kubernetes, and the image name {@code cutover/<name>}. */
    final String name;
    final String module;
    final String configFile;
    /** The Postgres schema and role suffix ({@code cutover_<schema>}), for the services that own one. */
    final String schema;

    App(String name, String module, String configFile, String schema) {
        this.name = name;
        this.module = module;
        this.configFile = configFile;
        this.schema = schema;
    }

    static Optional<App> named(String name) {
        return Arrays.stream(values()).filter(app -> app.name.equals(name)).findFirst();
    }

    boolean isSpringBoot() {
        return this != LEGACY;
    }

    String configuration() {
        try {
            return Files.readString(Repo.file(configFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every environment variable this component reads. Never empty: an unreadable source fails here. */
    Set<String> variablesRead() {
        Set<String> names = new TreeSet<>();
        Matcher matcher = (isSpringBoot() ? PLACEHOLDER : GETENV).matcher(configuration());
        while (matcher.find()) {
            names.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        if (!names.contains("PORT")) {
            throw new IllegalStateException(configFile + " reads no PORT variable; the pattern no longer matches its syntax");
        }
        return names;
    }

    /** Read by the JVM or by Spring Boot itself, not through the configuration file. */
    Set<String> platformVariables() {
        return isSpringBoot() ? Set.of("SPRING_PROFILES_ACTIVE", "JAVA_TOOL_OPTIONS") : Set.of("JAVA_TOOL_OPTIONS");
    }

    /** The default the configuration gives a variable: the first {@code ${VAR:default}} (or {@code getOrDefault}). */
    Optional<String> defaultOf(String variable) {
        Pattern pattern = isSpringBoot()
                ? Pattern.compile("\\$\\{" + variable + ":([^}$]*)}")
                : Pattern.compile("getOrDefault\\(\"" + variable + "\",\\s*\"([^\"]*)\"\\)");
        Matcher matcher = pattern.matcher(configuration());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private String effective(String variable, Map<String, String> environment) {
        String value = environment.get(variable);
        if (value != null) {
            return value;
        }
        return defaultOf(variable).orElseThrow(() -> new IllegalStateException(configFile + " has no default for " + variable));
    }

    /** The port the component serves its API on, given the environment it is started with. */
    int port(Map<String, String> environment) {
        return Integer.parseInt(effective("PORT", environment));
    }

    /** The port its health endpoints answer on: the gateway's management port, else the API port. */
    int healthPort(Map<String, String> environment) {
        return this == GATEWAY ? Integer.parseInt(effective("MANAGEMENT_PORT", environment)) : port(environment);
    }

    String readinessPath() {
        return this == LEGACY ? "/health" : READINESS;
    }

    String livenessPath() {
        return this == LEGACY ? "/health" : LIVENESS;
    }

    /** How long a graceful shutdown may take ({@code spring.lifecycle.timeout-per-shutdown-phase}); zero for the stand-in. */
    Duration shutdownGrace(Map<String, String> environment) {
        return isSpringBoot() ? Durations.parse(effective("SHUTDOWN_GRACE", environment)) : Duration.ZERO;
    }
}
