package dev.cutover.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** How ./bench turns windows into the figures the targets are judged on. */
class BenchReportTest {

    private static final long MS = 1_000_000;

    @TempDir
    Path bench;

    @Test
    void aLadderSustainsTheHighestRateWhoseWindowAndEverySlowerOnePassed() throws Exception {
        ladder("read-ladder", 25, new Object[][] {
                {"gateway", 100.0, 2L}, {"direct", 100.0, 2L}, {"direct", 200.0, 3L}, {"gateway", 200.0, 40L}, {"direct", 400.0, 30L}});

        String report = render();

        assertThat(report).contains("100/s (failed at 200/s) / 200/s (failed at 400/s) = **0.50×** | ≥ 0.6× | **missed**");
    }

    @Test
    void theLedgerIsARatioToTheMeanOfThePgbenchRunsAroundIt() throws Exception {
        ladder("ledger", 50, new Object[][] {{"ledger", 100.0, 10L}, {"ledger", 200.0, 80L}});
        Files.writeString(bench.resolve("facts.properties"), "pgbench.before.tps=200\npgbench.after.tps=300\npgbench.clients=16\nbound.ledger=50\n");

        String report = render();

        assertThat(report).contains("100/s (failed at 200/s) ÷ 250 tps = **0.40×** | ≥ 0.4× | met");
    }

    @Test
    void aBatchedLedgerLadderCountsEntriesNotRequests() throws Exception {
        ladder("ledger", 50, new Object[][] {{"ledger", 100.0, 10L}, {"ledger", 200.0, 80L}});
        ladder("ledger-batch", 50, new Object[][] {{"ledger", 10.0, 20L}, {"ledger", 20.0, 30L}, {"ledger", 40.0, 90L}});
        Files.writeString(bench.resolve("facts.properties"),
                "pgbench.before.tps=800\npgbench.after.tps=1200\npgbench.clients=16\nbound.ledger=50\nledger.batch=25\n");

        String report = render();

        assertThat(report).contains("100/s (failed at 200/s) ÷ 1000 tps = **0.10×** | ≥ 0.4× | **missed**");
        assertThat(report).contains("25 per request to the batch endpoint");
        assertThat(report).contains("20/s (failed at 40/s) × 25 = 500 entries/s ÷ 1000 tps = **0.50×** | ≥ 0.4× | met");
    }

    @Test
    void aRunAgainstAPostgresWithoutAutovacuumSaysTheHarnessVacuumedInstead() throws Exception {
        Files.writeString(bench.resolve("facts.properties"), "postgres.autovacuum=off\nvacuum.every=60s\n");

        assertThat(render()).contains("autovacuum off; the harness vacuumed and analyzed the suite's tables every 60s at autovacuum's default thresholds");

        Files.writeString(bench.resolve("facts.properties"), "postgres.autovacuum=on\n");

        assertThat(render()).doesNotContain("autovacuum");
    }

    @Test
    void readinessIsJudgedOnTheSlowestServiceBothWhenAllStartTogetherAndWhenEachRestartsAlone() throws Exception {
        Files.writeString(bench.resolve("facts.properties"), """
                ready.identity=21.5
                ready.gateway=14.2
                ready-alone.identity=6.1
                ready-alone.gateway=4.9
                rss.cold.identity=300000
                rss.cold.gateway=200000
                """);

        String report = render();

        assertThat(report).contains("started by ./cutover up (one after another, each once those it calls are ready) | 21.5 s (identity) | ≤ 10 s each | **missed**");
        assertThat(report).contains("each restarted alone (./cutover restart) while the others run | 6.1 s (identity) | ≤ 10 s each | met");
        assertThat(report).contains("| identity | 21.5 | 6.1 |");
    }

    @Test
    void theMonolithAndTheNewServicesAreSetSideBySideAtTheSameRate() throws Exception {
        ladder("compare-create-legacy", 0, new Object[][] {{"gateway", 50.0, 40L}});
        ladder("compare-create-new", 0, new Object[][] {{"gateway", 50.0, 10L}});
        Files.writeString(bench.resolve("facts.properties"), "compare.create.rate=50\n");

        String report = render();

        assertThat(report).contains("## Before and after: the monolith and the new services");
        assertThat(report).contains("| Create transaction (POST /api/v1/transactions) | 50 | 40.00 / 40.00 / 40.00 ms (0 of 100) "
                + "| 10.00 / 10.00 / 10.00 ms (0 of 100) | 0.25× |");
        assertThat(report).doesNotContain("| Read transaction");
    }

    @Test
    void theNewSidesMemoryIsJudgedWithoutTheMonolithWhichIsReportedBesideIt() throws Exception {
        Files.writeString(bench.resolve("facts.properties"), """
                rss.cold.identity=400000
                rss.cold.gateway=300000
                rss.cold.legacy=200000
                rss.warm.identity=900000
                rss.warm.gateway=700000
                rss.warm.legacy=250000
                """);

        String report = render();

        assertThat(report).contains("(gateway and three services): after start / after the load | 684 MB / 1563 MB | ≤ 1.5 GB | **missed**");
        assertThat(report).contains("… the legacy monolith beside it (gunicorn's master and workers) | 195 MB / 244 MB |");
    }

    @Test
    void theAddedLatencyIsTheMedianOfPairedWindowDifferences() throws Exception {
        System.setProperty("windowLog", bench.resolve("read-ab").resolve("windows.json").toString());
        try {
            WindowLog log = new WindowLog("read-transaction", 25);
            // gateway P50 2.0, 2.5, 9.0 ms against direct 1.5, 1.4, 1.6 ms: differences 0.5, 1.1, 7.4 → median 1.1
            double[][] p50s = {{2.0, 1.5}, {2.5, 1.4}, {9.0, 1.6}};
            for (int repeat = 1; repeat <= 3; repeat++) {
                record(log.window("gateway @200/s #" + repeat, "gateway", 200, repeat, 1, false), (long) (p50s[repeat - 1][0] * MS));
                record(log.window("direct @200/s #" + repeat, "direct", 200, repeat, 1, false), (long) (p50s[repeat - 1][1] * MS));
            }
            log.write();
        } finally {
            System.clearProperty("windowLog");
        }

        assertThat(render()).contains("| 1.10 ms | ≤ 1 ms | **missed** |");
    }

    private void ladder(String scenario, long boundMs, Object[][] windows) throws Exception {
        System.setProperty("windowLog", bench.resolve(scenario).resolve("windows.json").toString());
        try {
            WindowLog log = new WindowLog(scenario, boundMs);
            for (Object[] w : windows) {
                double rate = (double) w[1];
                WindowLog.Window window = log.window(w[0] + " @" + Windows.formatRate(rate) + "/s #1", (String) w[0], rate, 1, 1, true);
                if (window.open()) {
                    record(window, (long) w[2] * MS);
                }
            }
            log.write();
        } finally {
            System.clearProperty("windowLog");
        }
    }

    private static void record(WindowLog.Window window, long latency) {
        window.open();
        for (int i = 0; i < 100; i++) {
            window.record(0, latency, false);
        }
    }

    private String render() throws Exception {
        Path output = bench.resolve("report.md");
        BenchReport.main(new String[] {bench.toString(), output.toString()});
        return Files.readString(output);
    }
}
