package dev.cutover.system.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One deployable component of Cutover, and what its own configuration reads: the source of truth the
 * deployment descriptors are checked against. For the Spring services that is {@code <name>.yml}
 * ({@code ${VAR} and ${VAR:default}} placeholders, every profile document included); for the legacy
 * monolith it is the Python that reads the environment: {@code cutover_legacy/settings.py} (through
 * {@code os.environ.get} and its helpers {@code env}, {@code env_int}, {@code env_bool}, {@code env_seconds})
 * and {@code gunicorn.conf.py}.
 */
enum App {

    GATEWAY("gateway", "gateway", null, "gateway/src/main/resources/gateway.yml"),
    IDENTITY("identity", "identity-service", "identity", "identity-service/src/main/resources/identity.yml"),
    PAYMENTS("payments", "payments-service", "payments", "payments-service/src/main/resources/payments.yml"),
    LEDGER("ledger", "ledger-service", "ledger", "ledger-service/src/main/resources/ledger.yml"),
    LEGACY("legacy", "legacy", null, "legacy/cutover_legacy/settings.py", "legacy/gunicorn.conf.py");

    static final String READINESS = "/actuator/health/readiness";
    static final String LIVENESS = "/actuator/health/liveness";
    static final String LEGACY_READINESS = "/health/readiness";
    static final String LEGACY_LIVENESS = "/health/liveness";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    /**
     * A variable the Python reads: {@code os.environ.get("X"}, {@code os.getenv("X"}, {@code os.environ["X"]} or one
     * of settings.py's helpers {@code env("X"}, {@code env_int("X"}, {@code env_bool("X"}, {@code env_seconds("X"}
     * (either quote). The helpers' own {@code os.environ.get(name)} reads no literal name and is not matched.
     */
    private static final Pattern PYTHON_READ = Pattern.compile(
            "(?:os\\.environ\\.get|os\\.getenv|(?<![\\w.])env(?:_int|_bool|_seconds)?)\\(\\s*([\"'])([A-Z][A-Z0-9_]*)\\1"
                    + "|os\\.environ\\[([\"'])([A-Z][A-Z0-9_]*)\\3]");

    /** Service name in compose and Kubernetes, and the image name {@code cutover/<name>}. */
    final String name;
    /** The directory holding its Dockerfile (and, for the Java components, its Maven module). */
    final String module;
    /** The Postgres schema and role suffix ({@code cutover_<schema>}), for the services that own one in the shared database. */
    final String schema;
    final List<String> configFiles;

    App(String name, String module, String schema, String... configFiles) {
        this.name = name;
        this.module = module;
        this.schema = schema;
        this.configFiles = List.of(configFiles);
    }

    static Optional<App> named(String name) {
        return Arrays.stream(values()).filter(app -> app.name.equals(name)).findFirst();
    }

    static List<App> springBoot() {
        return Arrays.stream(values()).filter(App::isSpringBoot).toList();
    }

    boolean isSpringBoot() {
        return this != LEGACY;
    }

    /** The files its variables are read from, for messages. */
    String sources() {
        return String.join(" and ", configFiles);
    }

    /** The text of every configuration file, one after the other. */
    String configuration() {
        return configFiles.stream().map(App::read).collect(Collectors.joining("\n"));
    }

    private static String read(String file) {
        try {
            return Files.readString(Repo.file(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Dockerfile of its image, from the repository root. */
    String dockerfile() {
        return module + "/Dockerfile";
    }

    /**
     * The build context of its image: the repository root for the Java images (which copy the jars Maven built),
     * the monolith's own directory for the monolith (which copies its sources, legacy/.dockerignore deciding which).
     */
    String buildContext() {
        return isSpringBoot() ? "." : module;
    }

    /** The {@code ENV} defaults of the image's final stage: what a container starts with before compose or Kubernetes add theirs. */
    Map<String, String> imageEnvironment() {
        return Dockerfile.read(Repo.file(dockerfile())).finalStage().assignments("ENV");
    }

    /** The environment a container of this image really has: the image's {@code ENV}, overridden by {@code environment}. */
    Map<String, String> containerEnvironment(Map<String, String> environment) {
        Map<String, String> container = new LinkedHashMap<>(imageEnvironment());
        container.putAll(environment);
        return container;
    }

    /** Every environment variable this component reads. Never empty: an unreadable source fails here. */
    Set<String> variablesRead() {
        Set<String> names = new TreeSet<>();
        Matcher matcher = (isSpringBoot() ? PLACEHOLDER : PYTHON_READ).matcher(configuration());
        while (matcher.find()) {
            names.add(isSpringBoot() ? matcher.group(1) : matcher.group(2) != null ? matcher.group(2) : matcher.group(4));
        }
        if (!names.contains("PORT")) {
            throw new IllegalStateException(sources() + " reads no PORT variable; the pattern no longer matches its syntax");
        }
        return names;
    }

    /** Read by the runtime itself (the JVM and Spring Boot, or the Python interpreter), not through the configuration. */
    Set<String> platformVariables() {
        return isSpringBoot() ? Set.of("SPRING_PROFILES_ACTIVE", "JAVA_TOOL_OPTIONS") : Set.of("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED");
    }

    /**
     * The default the configuration gives a variable: the first {@code ${VAR:default}}; for the monolith the literal
     * of {@code os.environ.get("VAR", "default")}, {@code env("VAR", default="…")} or {@code env_int|env_seconds|env_bool("VAR", value)}.
     * A default that is an expression (or only a {@code local_default}) is none.
     */
    Optional<String> defaultOf(String variable) {
        String quoted = "([\"'])" + Pattern.quote(variable) + "\\1";
        List<Pattern> patterns = isSpringBoot()
                ? List.of(Pattern.compile("\\$\\{" + Pattern.quote(variable) + ":([^}$]*)}"))
                : List.of(
                        Pattern.compile("os\\.environ\\.get\\(\\s*" + quoted + "\\s*,\\s*[\"']([^\"']*)[\"']\\s*\\)"),
                        Pattern.compile("(?<![\\w.])env\\(\\s*" + quoted + "\\s*,\\s*default\\s*=\\s*[\"']([^\"']*)[\"']"),
                        Pattern.compile("(?<![\\w.])env_(?:int|seconds|bool)\\(\\s*" + quoted + "\\s*,\\s*([0-9.]+|True|False)\\s*\\)"));
        for (Pattern pattern : patterns) {
            Matcher matcher = pattern.matcher(configuration());
            if (matcher.find()) {
                return Optional.of(matcher.group(matcher.groupCount()));
            }
        }
        return Optional.empty();
    }

    private String effective(String variable, Map<String, String> environment) {
        String value = environment.get(variable);
        if (value != null) {
            return value;
        }
        return defaultOf(variable).orElseThrow(() -> new IllegalStateException(sources() + " has no default for " + variable));
    }

    /** The port the component serves its API on, given the environment it is started with. */
    int port(Map<String, String> environment) {
        if (this == LEGACY && environment.get("LEGACY_BIND") != null) {
            String bind = environment.get("LEGACY_BIND");
            return Integer.parseInt(bind.substring(bind.lastIndexOf(':') + 1));
        }
        return Integer.parseInt(effective("PORT", environment));
    }

    /**
     * The address it listens on: Spring Boot's default, every interface; gunicorn's is {@code LEGACY_BIND}'s host, else
     * {@code BIND_ADDRESS} (gunicorn.conf.py, which defaults to loopback).
     */
    String bindAddress(Map<String, String> environment) {
        if (isSpringBoot()) {
            return "0.0.0.0";
        }
        String bind = environment.get("LEGACY_BIND");
        return bind != null ? bind.substring(0, bind.lastIndexOf(':')) : effective("BIND_ADDRESS", environment);
    }

    /** The port its health endpoints answer on: the gateway's management port, else the API port. */
    int healthPort(Map<String, String> environment) {
        return this == GATEWAY ? Integer.parseInt(effective("MANAGEMENT_PORT", environment)) : port(environment);
    }

    String readinessPath() {
        return this == LEGACY ? LEGACY_READINESS : READINESS;
    }

    String livenessPath() {
        return this == LEGACY ? LEGACY_LIVENESS : LIVENESS;
    }

    /**
     * How long a graceful shutdown may take: {@code spring.lifecycle.timeout-per-shutdown-phase} ({@code SHUTDOWN_GRACE})
     * for the services, gunicorn's {@code graceful_timeout} ({@code SHUTDOWN_GRACE_SECONDS}) for the monolith.
     */
    Duration shutdownGrace(Map<String, String> environment) {
        return isSpringBoot()
                ? Durations.parse(effective("SHUTDOWN_GRACE", environment))
                : Duration.ofSeconds(Long.parseLong(effective("SHUTDOWN_GRACE_SECONDS", environment)));
    }
}
