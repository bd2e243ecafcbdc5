package dev.cutover.gateway.config;

import dev.cutover.gateway.control.ConfiguredRouting;
import dev.cutover.gateway.control.WeightSource;
import dev.cutover.gateway.edge.RateLimiter;
import dev.cutover.gateway.routing.Domain;
import dev.cutover.gateway.routing.RoutingMode;
import dev.cutover.gateway.routing.Upstreams;
import dev.cutover.gateway.routing.Weights;
import org.springframework.core.env.Environment;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The gateway's settings, checked. {@link #from} reports every bad value at once, each under the name of the
 * environment variable an operator would fix, and throws {@link InvalidGatewayConfiguration} so that the
 * gateway never starts half-configured.
 */
public record GatewaySettings(
        Upstreams upstreams,
        ConfiguredRouting routing,
        List<URI> jwksUris,
        String issuer,
        RateLimiter.Limits rateLimits,
        String trustedProxies) {

    static final String PREFIX = "cutover.gateway.";
    private static final int SHOWN_VALUE_LENGTH = 80;

    public static GatewaySettings from(GatewayProperties properties, Environment environment) {
        List<String> problems = new ArrayList<>();

        GatewayProperties.Upstreams upstreamValues = properties.upstreams();
        URI legacy = upstream("LEGACY_UPSTREAM", "upstreams.legacy", upstreamValues.legacy(), problems);
        Map<Domain, URI> services = new EnumMap<>(Domain.class);
        Map<Domain, Function<GatewayProperties.Upstreams, String>> upstreamOf = Map.of(
                Domain.PAYMENTS, GatewayProperties.Upstreams::payments,
                Domain.IDENTITY, GatewayProperties.Upstreams::identity,
                Domain.LEDGER, GatewayProperties.Upstreams::ledger);
        for (Domain domain : Domain.values()) {
            services.put(domain, upstream(domain.upstreamVariable(), "upstreams." + domain.key(),
                    upstreamOf.get(domain).apply(upstreamValues), problems));
        }

        String rawMode = properties.routing().mode();
        RoutingMode mode = RoutingMode.fromValue(rawMode).orElse(null);
        if (mode == null) {
            problems.add(problem(RoutingMode.VARIABLE, "routing.mode", "must be one of " + RoutingMode.allowedValues(), rawMode));
        }
        Map<Domain, Function<GatewayProperties.Weights, String>> weightOf = Map.of(
                Domain.PAYMENTS, GatewayProperties.Weights::payments,
                Domain.IDENTITY, GatewayProperties.Weights::identity,
                Domain.LEDGER, GatewayProperties.Weights::ledger);
        Map<Domain, ConfiguredRouting.Configured> weights = new EnumMap<>(Domain.class);
        for (Domain domain : Domain.values()) {
            String raw = weightOf.get(domain).apply(properties.routing().weights());
            OptionalInt weight = Weights.parse(raw);
            if (weight.isEmpty()) {
                problems.add(problem(domain.weightVariable(), "routing.weights." + domain.key(),
                        "must be a whole number from " + Weights.MIN + " to " + Weights.MAX, raw));
            } else {
                weights.put(domain, new ConfiguredRouting.Configured(weight.getAsInt(), sourceOf(domain.weightVariable(), environment)));
            }
        }

        List<URI> jwksUris = new ArrayList<>();
        jwksUris.add(httpUri("IDENTITY_JWKS_URI", "security.jwks-uri", properties.security().jwksUri(), false, problems));
        String legacyJwks = properties.security().legacyJwksUri();
        if (legacyJwks != null && !legacyJwks.isBlank()) {
            jwksUris.add(httpUri("LEGACY_JWKS_URI", "security.legacy-jwks-uri", legacyJwks, false, problems));
        }
        String issuer = properties.security().issuer();
        if (issuer == null || issuer.isBlank()) {
            problems.add(problem("JWT_ISSUER", "security.issuer", "must name the issuer identity puts in its tokens", issuer));
        }

        RateLimiter.Limits limits = rateLimits(properties.rateLimit(), problems);
        if (properties.rateLimit().leaseFor() == null || properties.rateLimit().leaseFor().isNegative()) {
            problems.add(problem("RATE_LIMIT_LEASE_FOR", "rate-limit.lease-for", "must be a duration of 0 (off) or more",
                    String.valueOf(properties.rateLimit().leaseFor())));
        }

        String trustedProxies = properties.trustedProxies();
        try {
            if (trustedProxies != null && !trustedProxies.isBlank()) {
                Pattern.compile(trustedProxies);
            }
        } catch (PatternSyntaxException notARegex) {
            problems.add(problem("TRUSTED_PROXIES", "trusted-proxies", "must be a Java regular expression", trustedProxies));
        }

        if (!problems.isEmpty()) {
            throw new InvalidGatewayConfiguration(problems);
        }
        WeightSource modeSource = sourceOf(RoutingMode.VARIABLE, environment);
        return new GatewaySettings(new Upstreams(legacy, services), new ConfiguredRouting(mode, modeSource, weights),
                List.copyOf(jwksUris), issuer.trim(), limits, trustedProxies);
    }

    private static RateLimiter.Limits rateLimits(GatewayProperties.RateLimit rateLimit, List<String> problems) {
        Double rate = null;
        Integer burst = null;
        try {
            rate = Double.parseDouble(rateLimit.replenishPerSecond().trim());
            if (!(rate > 0) || rate.isInfinite()) {
                rate = null;
            }
        } catch (RuntimeException notANumber) {
            rate = null;
        }
        if (rate == null) {
            problems.add(problem("RATE_LIMIT_PER_SECOND", "rate-limit.replenish-per-second",
                    "must be a positive number of requests per second", rateLimit.replenishPerSecond()));
        }
        try {
            burst = Integer.parseInt(rateLimit.burst().trim());
            if (burst < 1) {
                burst = null;
            }
        } catch (RuntimeException notANumber) {
            burst = null;
        }
        if (burst == null) {
            problems.add(problem("RATE_LIMIT_BURST", "rate-limit.burst", "must be a whole number of at least 1", rateLimit.burst()));
        }
        return rate != null && burst != null ? new RateLimiter.Limits(rate, burst) : null;
    }

    private static URI upstream(String variable, String property, String raw, List<String> problems) {
        return httpUri(variable, property, raw, true, problems);
    }

    private static URI httpUri(String variable, String property, String raw, boolean baseOnly, List<String> problems) {
        String requirement = baseOnly
                ? "must be an absolute http(s) URL of the form http://host:port, without a path"
                : "must be an absolute http(s) URL";
        if (raw == null || raw.isBlank()) {
            problems.add(problem(variable, property, requirement, raw));
            return null;
        }
        try {
            URI uri = URI.create(raw.trim());
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath());
            if (!http || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null || (baseOnly && !pathless)) {
                problems.add(problem(variable, property, requirement, raw));
                return null;
            }
            return uri;
        } catch (IllegalArgumentException notAUri) {
            problems.add(problem(variable, property, requirement, raw));
            return null;
        }
    }

    private static WeightSource sourceOf(String variable, Environment environment) {
        return environment.containsProperty(variable) ? WeightSource.ENVIRONMENT : WeightSource.CONFIGURATION;
    }

    static String problem(String variable, String property, String requirement, String raw) {
        String shown = raw == null ? "nothing" : "'" + (raw.length() > SHOWN_VALUE_LENGTH
                ? raw.substring(0, SHOWN_VALUE_LENGTH) + "…" : raw) + "'";
        return variable + " (" + PREFIX + property + ") " + requirement + ", but was " + shown + ".";
    }
}
