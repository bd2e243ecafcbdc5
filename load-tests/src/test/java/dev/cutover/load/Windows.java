package dev.cutover.load;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;

/**
 * Measurement windows in the open model: each window offers one side (say the gateway, or payments directly) a
 * constant arrival rate for a fixed time, whatever the responses do, so a slow response never delays the next
 * arrival (no coordinated omission). Windows run one after the other, never together, and alternate the sides
 * A B, B A, A B… so drift of a shared machine falls on both sides alike (ADR 0050, 0051).
 *
 * <p>Each window names its requests {@code "<side> @<rate>/s #<n>"} (warm-ups {@code "<side> warm-up"}), which is
 * how ./bench finds every window in Gatling's stats. With more than one rate the windows form a ladder: once a
 * side fails a window (an error, or P99 over the bound) its later windows send nothing, and when every side has
 * failed the run stops.
 */
final class Windows {

    /** One side under load: its name in the request names, its base URL, and what one arrival does. */
    record Side(String name, HttpProtocolBuilder protocol, Function<String, ChainBuilder> arrival) {
    }

    /** The schedule, from system properties (see {@link #fromKnobs}). */
    record Plan(List<Double> rates, int repeats, Duration window, Duration warmUp, double warmUpRate, Duration pause,
                boolean poisson, long p99BoundMs) {

        boolean ladder() {
            return rates.size() > 1;
        }

        /**
         * {@code rates} (comma-separated arrivals per second; several make a ladder), {@code windows} (repeats of
         * each rate), {@code window} (length), {@code warmUp} and {@code warmUpRate}, {@code pause} (between
         * windows), {@code arrivals} ({@code poisson} or {@code uniform}), {@code p99BoundMs} (ladder criterion).
         */
        static Plan fromKnobs(String defaultRates, Duration defaultWindow, Duration defaultWarmUp) {
            List<Double> rates = Knobs.rates("rates", defaultRates);
            return new Plan(rates, Knobs.integer("windows", 1), Knobs.duration("window", defaultWindow),
                    Knobs.duration("warmUp", defaultWarmUp), Double.parseDouble(Knobs.string("warmUpRate", String.valueOf(rates.getFirst()))),
                    Knobs.duration("pause", Duration.ofSeconds(2)), !"uniform".equals(Knobs.string("arrivals", "poisson")),
                    Knobs.integer("p99BoundMs", 50));
        }
    }

    private Windows() {
    }

    static String requestName(String side, double rate, int repeat) {
        return "%s @%s/s #%d".formatted(side, formatRate(rate), repeat);
    }

    static String warmUpName(String side) {
        return side + " warm-up";
    }

    static String formatRate(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.format(Locale.ROOT, "%.1f", rate);
    }

    /** Every window of the plan, chained so each starts once the previous one's last request has ended. */
    static PopulationBuilder chain(WindowLog log, List<Side> sides, Plan plan) {
        List<PopulationBuilder> populations = new ArrayList<>();
        if (!plan.warmUp().isZero()) {
            for (Side side : sides) {
                WindowLog.Window window = log.window(warmUpName(side.name()), side.name(), plan.warmUpRate(), 0,
                        plan.warmUp().toMillis() / 1000.0, false);
                populations.add(population(log, side, window, warmUpName(side.name()), plan.warmUpRate(), plan.warmUp(), plan));
            }
        }
        int step = 0;
        for (double rate : plan.rates()) {
            for (int repeat = 1; repeat <= plan.repeats(); repeat++, step++) {
                List<Side> order = new ArrayList<>(sides);
                if (step % 2 == 1) {
                    Collections.reverse(order);
                }
                for (Side side : order) {
                    String name = requestName(side.name(), rate, repeat);
                    WindowLog.Window window = log.window(name, side.name(), rate, repeat, plan.window().toMillis() / 1000.0, plan.ladder());
                    populations.add(population(log, side, window, name, rate, plan.window(), plan));
                }
            }
        }
        PopulationBuilder chained = populations.getLast();
        for (int i = populations.size() - 2; i >= 0; i--) {
            chained = populations.get(i).andThen(chained);
        }
        return chained;
    }

    private static PopulationBuilder population(WindowLog log, Side side, WindowLog.Window window, String requestName,
                                                double rate, Duration length, Plan plan) {
        var arrivals = constantUsersPerSec(rate).during(length);
        OpenInjectionStep injection = plan.poisson() ? arrivals.randomized() : arrivals;
        ChainBuilder timed = exec(session -> session.set("startedAt", System.nanoTime()))
                .exec(side.arrival().apply(requestName))
                .exec(session -> {
                    window.record(session.getLong("startedAt"), System.nanoTime(), session.isFailed());
                    return session;
                });
        // a side that is saturated sends nothing; once every side is, the run ends
        ChainBuilder body = exec(session -> session.set("open", window.open()))
                .doIfOrElse(session -> session.getBoolean("open"))
                .then(timed)
                .orElse(stopLoadGeneratorIf(session -> "every side is saturated", session -> log.everySideSaturated()));
        return scenario(log.label() + " " + requestName).exec(body)
                .injectOpen(nothingFor(plan.pause()), injection)
                .protocols(side.protocol());
    }
}
