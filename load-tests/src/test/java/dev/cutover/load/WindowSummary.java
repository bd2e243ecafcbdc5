package dev.cutover.load;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** One window as {@link WindowLog} wrote it, read back by ./bench's report and the smoke test. */
record WindowSummary(String name, String side, double rate, int repeat, boolean warmUp, boolean skipped, long startedAtMs,
                     double offeredSeconds, long count, long failures, double spanSeconds, double achievedPerSecond,
                     double p50Us, double p95Us, double p99Us, double p999Us, double maxUs, double meanUs, boolean passed) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private record Log(String label, long p99BoundMs, List<WindowSummary> windows) {
    }

    static List<WindowSummary> read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Log.class).windows();
    }

    double errorRate() {
        return count == 0 ? 0 : (double) failures / count;
    }
}
