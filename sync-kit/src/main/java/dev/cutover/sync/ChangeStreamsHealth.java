package dev.cutover.sync;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Health of the change streams: DOWN while any of them has failed and waits to start again, with each stream's state,
 * lag, applied source position, backfill progress and last error (a class and a first line, never row values).
 */
public final class ChangeStreamsHealth implements HealthIndicator {

    private final ChangeStreams streams;

    public ChangeStreamsHealth(ChangeStreams streams) {
        this.streams = streams;
    }

    @Override
    public Health health() {
        boolean failed = false;
        Health.Builder health = Health.up();
        for (ChangeStream stream : streams.streams()) {
            failed |= stream.state() == ChangeStream.State.FAILED;
            health.withDetail(stream.name(), details(stream));
        }
        return failed ? health.down().build() : health.build();
    }

    /** What {@code /actuator/health} and the ops views show of one stream. */
    public static Map<String, Object> details(ChangeStream stream) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", stream.state().name().toLowerCase(java.util.Locale.ROOT));
        details.put("applied", stream.applied());
        details.put("lag_ms", stream.lastLag().toMillis());
        details.put("applied_lsn", stream.appliedLsn());
        details.put("backfill_rows", stream.snapshotRows());
        details.put("backfill_total", stream.snapshotTotal());
        if (stream.lastError() != null) {
            details.put("last_error", stream.lastError());
            details.put("last_error_at", stream.lastErrorAt().toString());
        }
        return details;
    }
}
