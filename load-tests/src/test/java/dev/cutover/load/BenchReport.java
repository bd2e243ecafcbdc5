package dev.cutover.load;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns one ./bench run into the table docs/performance.md reports: reads the facts the script gathered
 * ({@code facts.properties}: pgbench, memory, readiness), each scenario's window log and Gatling's own
 * statistics, judges the targets, prints markdown and writes it next to them.
 *
 * <p>Usage: {@code BenchReport <bench dir> <output.md>}.
 */
public final class BenchReport {

    static final List<String> SCENARIOS = List.of("create", "read-ab", "read-ladder", "ledger", "ledger-batch", "mobile",
            "compare-create-legacy", "compare-create-new", "compare-read-legacy", "compare-read-new");

    private final Path dir;
    private final Properties facts = new Properties();
    private final StringBuilder out = new StringBuilder();

    private BenchReport(Path dir) throws IOException {
        this.dir = dir;
        Path file = dir.resolve("facts.properties");
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                facts.load(reader);
            }
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench");
        Path output = Path.of(args.length > 1 ? args[1] : dir.resolveSibling("bench-results.md").toString());
        String report = new BenchReport(dir).render();
        Files.writeString(output, report);
        System.out.print(report);
        System.out.println("\nWritten to " + output.toAbsolutePath());
    }

    String render() throws IOException {
        boolean quick = "quick".equals(fact("mode", "full"));
        line("# Cutover benchmark: " + fact("mode", "full") + " run of " + fact("started", "?"));
        line("");
        if (quick) {
            line("> **Quick run**: seconds-long windows at low rates, to check the harness end to end. These are not results.");
            line("");
        }
        line("Commit `%s`%s, %s (%s cores), load average %s at the start and %s at the end; Postgres %s.".formatted(
                fact("commit", "?"), fact("dirty", "").isEmpty() ? "" : " (with uncommitted changes)", fact("cpu", "?"),
                fact("cores", "?"), fact("loadavg.start", "?"), fact("loadavg.end", "?"), fact("postgres", "?")));
        if ("off".equals(fact("postgres.autovacuum", ""))) {
            line("");
            line("Postgres ran with autovacuum off; the harness vacuumed and analyzed the suite's tables every "
                    + fact("vacuum.every", "?") + " at autovacuum's default thresholds instead.");
        }
        line("");
        headline();
        beforeAfter();
        windows();
        gatling();
        services();
        return out.toString();
    }

    private void headline() throws IOException {
        line("## Targets");
        line("");
        line("| figure | measured | target | verdict |");
        line("|---|---|---|---|");
        createTransaction();
        readLatency();
        readThroughput();
        ledger();
        mobile();
        memory();
        readiness();
        line("");
        line("Latencies are the harness's own timing of each request in microseconds (Gatling's report rounds to whole "
                + "milliseconds); \"sustained\" is the highest arrival rate of a ladder whose window, and every slower one, "
                + "had no error and P99 within the bound. Method: docs/performance.md.");
        line("");
    }

    private void createTransaction() throws IOException {
        List<WindowSummary> windows = measured("create", "gateway");
        if (windows.isEmpty()) {
            row("Create-transaction through the gateway", "not measured", "P95 ≤ 10 ms, P99 ≤ 25 ms, 0 errors", "n/a");
            return;
        }
        WindowSummary worst = windows.stream().max(Comparator.comparingDouble(WindowSummary::p99Us)).orElseThrow();
        long count = windows.stream().mapToLong(WindowSummary::count).sum();
        long failures = windows.stream().mapToLong(WindowSummary::failures).sum();
        double p95 = windows.stream().mapToDouble(WindowSummary::p95Us).max().orElse(0);
        double p99 = windows.stream().mapToDouble(WindowSummary::p99Us).max().orElse(0);
        boolean met = p95 <= 10_000 && p99 <= 25_000 && failures == 0;
        row("Create-transaction through the gateway @%s/s: P50 / P95 / P99 / max".formatted(Windows.formatRate(worst.rate())),
                "%s / %s / %s / %s ms".formatted(ms(worst.p50Us()), ms(p95), ms(p99), ms(worst.maxUs())),
                "P95 ≤ 10 ms, P99 ≤ 25 ms", verdict(met));
        row("… errors and achieved rate", "%d of %d (%s), %s/s".formatted(failures, count, percent(failures, count),
                decimal(worst.achievedPerSecond())), "0 errors", verdict(failures == 0));
    }

    private void readLatency() throws IOException {
        List<WindowSummary> gateway = measured("read-ab", "gateway");
        List<WindowSummary> direct = measured("read-ab", "direct");
        if (gateway.isEmpty() || direct.isEmpty()) {
            row("Read-transaction: P50 added by the gateway", "not measured", "≤ 1 ms", "n/a");
            return;
        }
        List<Double> differences = new ArrayList<>();
        for (WindowSummary g : gateway) {
            direct.stream().filter(d -> d.repeat() == g.repeat() && d.rate() == g.rate()).findFirst()
                    .ifPresent(d -> differences.add(g.p50Us() - d.p50Us()));
        }
        double added = median(differences);
        row("Read-transaction @%s/s: P50 gateway / direct (median of %d interleaved windows each)".formatted(
                        Windows.formatRate(gateway.getFirst().rate()), gateway.size()),
                "%s / %s ms".formatted(ms(median(gateway.stream().map(WindowSummary::p50Us).toList())),
                        ms(median(direct.stream().map(WindowSummary::p50Us).toList()))), "", "");
        row("… P50 added by the gateway (median of the paired differences %s)".formatted(differences.stream()
                        .map(d -> ms(d)).collect(Collectors.joining(", ", "[", "]"))),
                ms(added) + " ms", "≤ 1 ms", verdict(added <= 1000 && errors(gateway) + errors(direct) == 0));
        row("… P99 gateway / direct", "%s / %s ms".formatted(ms(gateway.stream().mapToDouble(WindowSummary::p99Us).max().orElse(0)),
                ms(direct.stream().mapToDouble(WindowSummary::p99Us).max().orElse(0))), "", "");
    }

    private void readThroughput() throws IOException {
        Optional<Ladder> gateway = ladder("read-ladder", "gateway");
        Optional<Ladder> direct = ladder("read-ladder", "direct");
        if (gateway.isEmpty() || direct.isEmpty()) {
            row("Read-transaction throughput, gateway ÷ direct", "not measured", "≥ 0.6×", "n/a");
            return;
        }
        double ratio = direct.get().sustained() == 0 ? 0 : gateway.get().sustained() / direct.get().sustained();
        row("Read-transaction throughput sustained (P99 ≤ %s ms, 0 errors): gateway / direct".formatted(fact("bound.read", "?")),
                "%s / %s = **%s×**".formatted(gateway.get().describe(), direct.get().describe(), decimal(ratio)),
                "≥ 0.6×", verdict(ratio >= 0.6 && !gateway.get().capped() && !direct.get().capped()));
        if (gateway.get().capped() || direct.get().capped()) {
            row("… a side never saturated: the ladder's top rate is a lower bound, rerun with higher BENCH_READ_RATES", "", "", "");
        }
    }

    private void ledger() throws IOException {
        double before = number(fact("pgbench.before.tps", "0"));
        double after = number(fact("pgbench.after.tps", "0"));
        double pgbench = before > 0 && after > 0 ? (before + after) / 2 : Math.max(before, after);
        String reference = "pgbench transfer TPS (%s clients; before %s, after %s)".formatted(fact("pgbench.clients", "?"),
                decimal(before), decimal(after));
        ledgerRow(ladder("ledger", "ledger"), 1, pgbench,
                "Ledger: balanced two-line entries/s sustained, one per request (P99 ≤ %s ms, 0 errors) ÷ %s"
                        .formatted(fact("bound.ledger", "?"), reference));
        int batch = (int) number(fact("ledger.batch", "0"));
        if (batch > 1) {
            ledgerRow(ladder("ledger-batch", "ledger"), batch, pgbench,
                    "Ledger: the same entries, %d per request to the batch endpoint (requests/s sustained × %d; P99 ≤ %s ms per request, 0 errors) ÷ %s"
                            .formatted(batch, batch, fact("bound.ledger", "?"), reference));
        }
    }

    private void ledgerRow(Optional<Ladder> ladder, int perRequest, double pgbench, String figure) {
        if (ladder.isEmpty() || pgbench == 0) {
            row(figure, "not measured", "≥ 0.4×", "n/a");
            return;
        }
        double entries = ladder.get().sustained() * perRequest;
        double ratio = entries / pgbench;
        String measured = perRequest == 1
                ? "%s ÷ %s tps = **%s×**".formatted(ladder.get().describe(), decimal(pgbench), decimal(ratio))
                : "%s × %d = %s entries/s ÷ %s tps = **%s×**".formatted(ladder.get().describe(), perRequest, decimal(entries),
                        decimal(pgbench), decimal(ratio));
        row(figure, measured, "≥ 0.4×", verdict(ratio >= 0.4 && !ladder.get().capped()));
    }

    private void mobile() throws IOException {
        List<WindowSummary> windows = measured("mobile", "mobile");
        if (windows.isEmpty()) {
            row("Mobile journey", "not measured", "(no target)", "");
            return;
        }
        WindowSummary w = windows.getFirst();
        row("Mobile journey @%s/s (sign in → cards → pay → poll → list → sometimes refund): journeys, errors, P50 / P95 journey time"
                        .formatted(Windows.formatRate(w.rate())),
                "%d, %d failed, %s / %s ms".formatted(w.count(), w.failures(), ms(w.p50Us()), ms(w.p95Us())), "0 errors (no latency target)",
                verdict(w.failures() == 0));
    }

    private void memory() {
        long cold = totalKb("rss.cold.") - kilobytes("rss.cold.legacy");
        long warm = totalKb("rss.warm.") - kilobytes("rss.warm.legacy");
        if (cold == 0) {
            row("Resident memory of the new side at rest", "not measured", "≤ 1.5 GB", "n/a");
            return;
        }
        long worst = Math.max(cold, warm);
        row("Resident memory of the new side at rest (gateway and three services): after start / after the load",
                "%s / %s".formatted(mb(cold), warm == 0 ? "n/a" : mb(warm)), "≤ 1.5 GB", verdict(worst <= 1_536L * 1024));
        long legacyCold = kilobytes("rss.cold.legacy");
        if (legacyCold > 0) {
            long legacyWarm = kilobytes("rss.warm.legacy");
            row("… the legacy monolith beside it (gunicorn's master and workers)",
                    "%s / %s".formatted(mb(legacyCold), legacyWarm == 0 ? "n/a" : mb(legacyWarm)), "(reported)", "");
        }
    }

    private long kilobytes(String key) {
        return (long) number(fact(key, "0"));
    }

    private void readiness() {
        readinessRow("ready.", "Readiness, slowest service, started by ./cutover up (one after another, each once those it calls are ready)");
        readinessRow("ready-alone.", "Readiness, slowest service, each restarted alone (./cutover restart) while the others run");
    }

    private void readinessRow(String prefix, String figure) {
        Map<String, String> ready = prefixed(prefix);
        if (ready.isEmpty()) {
            row(figure, "not measured", "≤ 10 s each", "n/a");
            return;
        }
        Map.Entry<String, String> slowest = ready.entrySet().stream().max(Comparator.comparingDouble(e -> number(e.getValue()))).orElseThrow();
        row(figure, "%s s (%s)".formatted(slowest.getValue(), slowest.getKey()), "≤ 10 s each", verdict(number(slowest.getValue()) <= 10));
    }

    /** The case study's table: the monolith and the new services through a gateway, the same clients and rates. */
    private void beforeAfter() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String[] scenario : new String[][] {{"create", "Create transaction (POST /api/v1/transactions)"},
                {"read", "Read transaction (GET /api/v1/transactions/{id})"}}) {
            List<WindowSummary> legacy = measured("compare-" + scenario[0] + "-legacy", "gateway");
            List<WindowSummary> current = measured("compare-" + scenario[0] + "-new", "gateway");
            if (legacy.isEmpty() && current.isEmpty()) {
                continue;
            }
            rows.add(new String[] {scenario[1], fact("compare." + scenario[0] + ".rate", "?"), describe(legacy), describe(current),
                    ratio(legacy, current)});
        }
        if (rows.isEmpty()) {
            return;
        }
        line("## Before and after: the monolith and the new services");
        line("");
        line("The same clients at the same arrival rate through a gateway: once with every domain on the legacy monolith "
                + "(a second gateway, `ROUTING_MODE=legacy_only`), once on the new services. Customers are set up on the side "
                + "they are measured on; one window each after a warm-up, on the same machine in the same run.");
        line("");
        line("| request | rate /s | monolith P50 / P95 / P99 (errors) | new services P50 / P95 / P99 (errors) | P95 new ÷ monolith |");
        line("|---|---:|---|---|---:|");
        rows.forEach(r -> line("| %s | %s | %s | %s | %s |".formatted((Object[]) r)));
        line("");
    }

    private static String describe(List<WindowSummary> windows) {
        if (windows.isEmpty()) {
            return "not measured";
        }
        WindowSummary w = windows.getFirst();
        return "%s / %s / %s ms (%d of %d)".formatted(ms(w.p50Us()), ms(w.p95Us()), ms(w.p99Us()), w.failures(), w.count());
    }

    private static String ratio(List<WindowSummary> legacy, List<WindowSummary> current) {
        if (legacy.isEmpty() || current.isEmpty() || legacy.getFirst().p95Us() == 0) {
            return "n/a";
        }
        return decimal(current.getFirst().p95Us() / legacy.getFirst().p95Us()) + "×";
    }

    private void windows() throws IOException {
        line("## Every window");
        line("");
        for (String scenario : SCENARIOS) {
            List<WindowSummary> windows = log(scenario);
            if (windows.isEmpty()) {
                continue;
            }
            line("**" + scenario + "**");
            line("");
            line("| window | requests | errors | achieved/s | P50 | P95 | P99 | P99.9 | max (ms) | passed |");
            line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            // in the order they ran; skipped windows (never started) last
            windows.stream().sorted(Comparator.comparingLong(w -> w.skipped() ? Long.MAX_VALUE : w.startedAtMs())).forEach(w -> line(
                    "| %s | %d | %d | %s | %s | %s | %s | %s | %s | %s |".formatted(w.name(), w.count(), w.failures(),
                            decimal(w.achievedPerSecond()), ms(w.p50Us()), ms(w.p95Us()), ms(w.p99Us()), ms(w.p999Us()), ms(w.maxUs()),
                            w.skipped() ? "skipped" : w.passed() ? "yes" : "no")));
            line("");
        }
    }

    private void gatling() throws IOException {
        line("## Gatling's own statistics (whole milliseconds; HTML reports linked)");
        line("");
        for (String scenario : SCENARIOS) {
            String run = fact("gatling." + scenario, "");
            if (run.isEmpty() || !Files.exists(Path.of(run, "index.html"))) {
                continue;
            }
            GatlingStats stats = GatlingStats.read(Path.of(run));
            line("**%s**: `%s`".formatted(scenario, Path.of(run, "index.html")));
            line("");
            // no requests per second here: Gatling divides each request's count by the whole run's length
            line("| request | count | KO | % KO | P50 | P95 | P99 | max (ms) |");
            line("|---|---:|---:|---:|---:|---:|---:|---:|");
            for (GatlingStats.Entry e : stats.all()) {
                line("| %s%s | %d | %d | %s | %d | %d | %d | %d |".formatted(e.group().isEmpty() ? "" : e.group() + " / ", e.name(),
                        e.total(), e.ko(), percent(e.ko(), e.total()), e.p50(), e.p95(), e.p99(), e.max()));
            }
            line("");
            List<String> errors = errors(dir.resolve(scenario).resolve("gatling.log"));
            if (!errors.isEmpty()) {
                line("Errors, as Gatling summarised them:");
                line("");
                line("```");
                errors.forEach(this::line);
                line("```");
                line("");
            }
        }
    }

    private void services() {
        Map<String, String> ready = prefixed("ready.");
        Map<String, String> alone = prefixed("ready-alone.");
        Map<String, String> cold = prefixed("rss.cold.");
        Map<String, String> warm = prefixed("rss.warm.");
        if (ready.isEmpty() && cold.isEmpty()) {
            return;
        }
        line("## Services");
        line("");
        line("| service | ready after (s), ./cutover up | ready after (s), restarted alone | RSS after start | RSS after the load |");
        line("|---|---:|---:|---:|---:|");
        new TreeMap<>(cold).keySet().forEach(service -> line("| %s | %s | %s | %s | %s |".formatted(service, ready.getOrDefault(service, "n/a"),
                alone.getOrDefault(service, "n/a"), mb(Long.parseLong(cold.get(service))),
                warm.containsKey(service) ? mb(Long.parseLong(warm.get(service))) : "n/a")));
        line("");
        line("Readiness is the service's own \"process running for\" at start-up (the monolith is not a Spring application and "
                + "logs none). Memory is `ps` RSS after %s s idle (the monolith's: gunicorn's master and workers together)."
                .formatted(fact("rest.seconds", "?")));
        line("");
    }

    /** A ladder's outcome for one side: the highest rate passed with every slower one, and the first that failed. */
    private record Ladder(double sustained, double achieved, Double firstFailed, boolean capped) {

        String describe() {
            return "%s/s%s".formatted(Windows.formatRate(sustained),
                    firstFailed == null ? " (top of the ladder)" : " (failed at %s/s)".formatted(Windows.formatRate(firstFailed)));
        }
    }

    private Optional<Ladder> ladder(String scenario, String side) throws IOException {
        List<WindowSummary> windows = measured(scenario, side).stream().sorted(Comparator.comparingDouble(WindowSummary::rate)).toList();
        if (windows.isEmpty()) {
            return Optional.empty();
        }
        double sustained = 0;
        double achieved = 0;
        for (WindowSummary w : windows) {
            if (!w.passed() || w.skipped()) {
                return Optional.of(new Ladder(sustained, achieved, w.rate(), false));
            }
            sustained = w.rate();
            achieved = w.achievedPerSecond();
        }
        return Optional.of(new Ladder(sustained, achieved, null, true));
    }

    private List<WindowSummary> measured(String scenario, String side) throws IOException {
        return log(scenario).stream().filter(w -> !w.warmUp() && w.side().equals(side)).toList();
    }

    private List<WindowSummary> log(String scenario) throws IOException {
        Path file = dir.resolve(scenario).resolve("windows.json");
        return Files.exists(file) ? WindowSummary.read(file) : List.of();
    }

    /** The last "---- Errors ----" block of Gatling's console output, if any. */
    private static List<String> errors(Path consoleLog) throws IOException {
        if (!Files.exists(consoleLog)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(consoleLog);
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("---- Errors")) {
                start = i + 1;
            }
        }
        List<String> errors = new ArrayList<>();
        for (int i = start; start > 0 && i < lines.size() && lines.get(i).startsWith(">"); i++) {
            errors.add(lines.get(i).replaceAll("\\s{2,}", "  "));
        }
        return errors;
    }

    private static long errors(List<WindowSummary> windows) {
        return windows.stream().mapToLong(WindowSummary::failures).sum();
    }

    private long totalKb(String prefix) {
        return prefixed(prefix).values().stream().mapToLong(Long::parseLong).sum();
    }

    private Map<String, String> prefixed(String prefix) {
        Map<String, String> values = new TreeMap<>();
        facts.stringPropertyNames().stream().filter(k -> k.startsWith(prefix))
                .forEach(k -> values.put(k.substring(prefix.length()), facts.getProperty(k).trim()));
        return values;
    }

    private String fact(String key, String fallback) {
        String value = facts.getProperty(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private void row(String figure, String measured, String target, String verdict) {
        line("| %s | %s | %s | %s |".formatted(figure, measured, target, verdict));
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    private static String verdict(boolean met) {
        return met ? "met" : "**missed**";
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String ms(double micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1000);
    }

    private static String mb(long kb) {
        return String.format(Locale.ROOT, "%.0f MB", kb / 1024.0);
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "0 %" : String.format(Locale.ROOT, "%.2f %%", 100.0 * part / whole);
    }

    private static double number(String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
