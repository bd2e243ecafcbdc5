package dev.cutover.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every window's own measurements, in nanoseconds: Gatling keeps response times in whole milliseconds, too coarse
 * for "the gateway adds at most 1 ms at P50", so each arrival is also timed here (ADR 0050). Also the ladder's
 * guard: a side that failed a window (any failed request, or P99 above the bound) is saturated, and its later,
 * faster windows send nothing; once every side is saturated the run stops. Without the guard an open-model
 * ladder keeps piling arrivals on a side that cannot keep up, and the backlog spills into the next window.
 *
 * <p>Written as JSON when the simulation ends ({@code -DwindowLog=path}, default
 * {@code target/windows/<label>.json}); ./bench reads it next to Gatling's stats.
 */
final class WindowLog {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String label;
    private final long boundNanos;
    private final List<Window> windows = new ArrayList<>();
    private final Map<String, Window> latestMeasured = new LinkedHashMap<>();
    private final Set<String> sides = new LinkedHashSet<>();
    private final Set<String> saturated = ConcurrentHashMap.newKeySet();

    WindowLog(String label, long p99BoundMs) {
        this.label = label;
        this.boundNanos = TimeUnit.MILLISECONDS.toNanos(p99BoundMs);
    }

    /** The next window, in plan order; {@code guarded} windows take part in the ladder's saturation verdicts. */
    Window window(String name, String side, double rate, int repeat, double seconds, boolean guarded) {
        Window previous = null;
        if (guarded) {
            sides.add(side);
            previous = latestMeasured.get(side);
        }
        Window window = new Window(name, side, rate, repeat, seconds, guarded, previous);
        if (guarded) {
            latestMeasured.put(side, window);
        }
        windows.add(window);
        return window;
    }

    /** The names of the windows that are measured (not warm-ups), in plan order. */
    List<String> measuredWindows() {
        return windows.stream().filter(w -> w.repeat > 0).map(w -> w.name).toList();
    }

    String label() {
        return label;
    }

    boolean everySideSaturated() {
        return !sides.isEmpty() && saturated.containsAll(sides);
    }

    void write() {
        Path path = Path.of(Knobs.string("windowLog", "target/windows/" + label + ".json"));
        List<Map<String, Object>> rows = windows.stream().map(Window::summary).toList();
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            JSON.writeValue(path.toFile(), Map.of("label", label, "p99BoundMs", TimeUnit.NANOSECONDS.toMillis(boundNanos), "windows", rows));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the window log " + path, e);
        }
    }

    final class Window {

        private final String name;
        private final String side;
        private final double rate;
        private final int repeat;
        private final double seconds;
        private final boolean guarded;
        private final Window previous;
        private long[] latencies = new long[1024];
        private int count;
        private int failures;
        private long firstStart = Long.MAX_VALUE;
        private long lastEnd = Long.MIN_VALUE;
        private long startedAtMillis;
        private Boolean open;

        private Window(String name, String side, double rate, int repeat, double seconds, boolean guarded, Window previous) {
            this.name = name;
            this.side = side;
            this.rate = rate;
            this.repeat = repeat;
            this.seconds = seconds;
            this.guarded = guarded;
            this.previous = previous;
        }

        /**
         * Decided at the window's first arrival, when the side's previous window has fully ended (windows are
         * chained): open unless its side is saturated.
         */
        synchronized boolean open() {
            if (open == null) {
                if (guarded && previous != null && previous.failed()) {
                    saturated.add(side);
                }
                open = !guarded || !saturated.contains(side);
            }
            return open;
        }

        synchronized void record(long startedAt, long endedAt, boolean failed) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            if (count == 0) {
                startedAtMillis = System.currentTimeMillis() - (System.nanoTime() - startedAt) / 1_000_000;
            }
            latencies[count++] = endedAt - startedAt;
            firstStart = Math.min(firstStart, startedAt);
            lastEnd = Math.max(lastEnd, endedAt);
            if (failed) {
                failures++;
            }
        }

        synchronized boolean failed() {
            if (Boolean.FALSE.equals(open)) {
                return true;
            }
            return failures > 0 || percentile(sorted(), 99) > boundNanos;
        }

        private long[] sorted() {
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            return sorted;
        }

        private synchronized Map<String, Object> summary() {
            long[] sorted = sorted();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            row.put("side", side);
            row.put("rate", rate);
            row.put("repeat", repeat);
            // not run: closed by the ladder, or never reached because the run stopped once every side was saturated
            boolean ran = Boolean.TRUE.equals(open);
            row.put("warm_up", repeat == 0);
            row.put("skipped", !ran);
            row.put("started_at_ms", startedAtMillis);
            row.put("offered_seconds", seconds);
            row.put("count", count);
            row.put("failures", failures);
            double span = count == 0 ? 0 : (lastEnd - firstStart) / 1e9;
            row.put("span_seconds", span);
            row.put("achieved_per_second", span <= 0 ? 0 : (count - failures) / Math.max(span, seconds));
            row.put("p50_us", micros(percentile(sorted, 50)));
            row.put("p95_us", micros(percentile(sorted, 95)));
            row.put("p99_us", micros(percentile(sorted, 99)));
            row.put("p999_us", micros(percentile(sorted, 99.9)));
            row.put("max_us", micros(count == 0 ? 0 : sorted[count - 1]));
            row.put("mean_us", count == 0 ? 0 : micros((long) Arrays.stream(sorted).average().orElse(0)));
            row.put("passed", ran && (guarded ? !failed() : failures == 0));
            return row;
        }
    }

    /** Nearest-rank percentile of sorted values; 0 when there are none. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static double micros(long nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }
}
