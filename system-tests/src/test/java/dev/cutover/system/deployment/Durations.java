package dev.cutover.system.deployment;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as compose ({@code 1m30s}) and Spring ({@code 20s}, {@code 500ms}) write them. */
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {
    }

    static Duration parse(String text) {
        String value = text.trim();
        if (!value.matches("(\\d+(ms|s|m|h))+")) {
            throw new IllegalArgumentException("Not a duration like 20s or 1m30s: '" + text + "'");
        }
        Duration total = Duration.ZERO;
        Matcher matcher = PART.matcher(value);
        while (matcher.find()) {
            long amount = Long.parseLong(matcher.group(1));
            total = total.plus(switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            });
        }
        return total;
    }
}
