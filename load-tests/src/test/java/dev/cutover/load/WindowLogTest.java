package dev.cutover.load;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The ladder's guard and the window log, without Gatling. */
class WindowLogTest {

    private static final long MS = 1_000_000;

    @Test
    void aSideThatFailedAWindowSendsNothingInItsLaterWindows() {
        WindowLog log = new WindowLog("ladder", 25);
        WindowLog.Window gateway1 = log.window("gateway @100/s #1", "gateway", 100, 1, 10, true);
        WindowLog.Window direct1 = log.window("direct @100/s #1", "direct", 100, 1, 10, true);
        WindowLog.Window direct2 = log.window("direct @200/s #1", "direct", 200, 1, 10, true);
        WindowLog.Window gateway2 = log.window("gateway @200/s #1", "gateway", 200, 1, 10, true);

        assertThat(gateway1.open()).isTrue();
        gateway1.record(0, 30 * MS, false); // P99 above 25 ms
        assertThat(direct1.open()).isTrue();
        direct1.record(0, 2 * MS, false);

        assertThat(direct2.open()).isTrue();
        assertThat(gateway2.open()).isFalse();
        assertThat(log.everySideSaturated()).isFalse();
    }

    @Test
    void anErrorSaturatesASideAndWhenEverySideIsSaturatedTheLadderStops() {
        WindowLog log = new WindowLog("ladder", 25);
        WindowLog.Window first = log.window("ledger @100/s #1", "ledger", 100, 1, 10, true);
        WindowLog.Window second = log.window("ledger @200/s #1", "ledger", 200, 1, 10, true);

        first.open();
        first.record(0, MS, true);

        assertThat(second.open()).isFalse();
        assertThat(log.everySideSaturated()).isTrue();
    }

    @Test
    void windowsOutsideALadderAreNeverClosed() {
        WindowLog log = new WindowLog("fixed", 25);
        WindowLog.Window first = log.window("gateway @200/s #1", "gateway", 200, 1, 10, false);
        WindowLog.Window second = log.window("gateway @200/s #2", "gateway", 200, 2, 10, false);
        first.open();
        first.record(0, 500 * MS, true);

        assertThat(second.open()).isTrue();
    }

    @Test
    void windowsTheRunNeverReachedAreLoggedSkippedNotPassed() throws Exception {
        WindowLog log = new WindowLog("ladder", 25);
        WindowLog.Window first = log.window("ledger @100/s #1", "ledger", 100, 1, 10, true);
        WindowLog.Window closed = log.window("ledger @200/s #1", "ledger", 200, 1, 10, true);
        log.window("ledger @400/s #1", "ledger", 400, 1, 10, true); // the run stopped before it
        first.open();
        first.record(0, MS, true);
        closed.open();

        assertThat(writtenAndReadBack(log)).extracting(WindowSummary::skipped, WindowSummary::passed)
                .containsExactly(tuple(false, false), tuple(true, false), tuple(true, false));
    }

    @Test
    void theLogHasNearestRankPercentilesInMicroseconds() throws Exception {
        WindowLog log = new WindowLog("fixed", 25);
        WindowLog.Window window = log.window("gateway @100/s #1", "gateway", 100, 1, 1, false);
        window.open();
        for (int i = 1; i <= 100; i++) {
            window.record(0, i * 10_000L, false); // 10 µs … 1000 µs
        }

        assertThat(writtenAndReadBack(log)).singleElement().satisfies(w -> {
            assertThat(w.count()).isEqualTo(100);
            assertThat(w.p50Us()).isEqualTo(500.0);
            assertThat(w.p99Us()).isEqualTo(990.0);
            assertThat(w.maxUs()).isEqualTo(1000.0);
            assertThat(w.passed()).isTrue();
        });
    }

    /** Writes the log where the {@code windowLog} knob points (a temporary file) and reads it back. */
    private static List<WindowSummary> writtenAndReadBack(WindowLog log) throws Exception {
        Path file = Files.createTempFile("windows", ".json");
        System.setProperty("windowLog", file.toString());
        try {
            log.write();
            return WindowSummary.read(file);
        } finally {
            System.clearProperty("windowLog");
            Files.deleteIfExists(file);
        }
    }
}
