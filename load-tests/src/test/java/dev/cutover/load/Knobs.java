package dev.cutover.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulations' parameters, read from system properties (Maven forwards {@code -Dname=value} to the Gatling
 * JVM). Every one has a default that makes sense against {@code ./cutover up} on the same machine.
 */
final class Knobs {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)?");

    private Knobs() {
    }

    static String gatewayUrl() {
        return string("gatewayUrl", "http://127.0.0.1:8080");
    }

    static String identityUrl() {
        return string("identityUrl", "http://127.0.0.1:8081");
    }

    static String paymentsUrl() {
        return string("paymentsUrl", "http://127.0.0.1:8082");
    }

    static String ledgerUrl() {
        return string("ledgerUrl", "http://127.0.0.1:8083");
    }

    static String string(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    static int integer(String name, int fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    static boolean flag(String name, boolean fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : Boolean.parseBoolean(value.trim());
    }

    /** {@code 30s}, {@code 2m}, {@code 500ms}; a bare number is seconds. */
    static Duration duration(String name, Duration fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : parseDuration(value);
    }

    static Duration parseDuration(String value) {
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a duration (30s, 2m, 500ms): " + value);
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /** A comma-separated list of arrival rates (requests or journeys per second), e.g. {@code 200,400,800}. */
    static List<Double> rates(String name, String fallback) {
        return Arrays.stream(string(name, fallback).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Double::parseDouble).toList();
    }

    static List<String> list(String name, String fallback) {
        return Arrays.stream(string(name, fallback).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
