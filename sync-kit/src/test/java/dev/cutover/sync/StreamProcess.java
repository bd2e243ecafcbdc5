package dev.cutover.sync;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * One change stream in a process of its own, so that a test can kill it (SIGKILL) mid-stream and start it again.
 * Arguments: name, source JDBC URL, source schema, target JDBC URL, target schema, slot; user {@code postgres}.
 */
public final class StreamProcess {

    private StreamProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        String name = args[0];
        String sourceUrl = args[1];
        String sourceSchema = args[2];
        String targetUrl = args[3];
        String targetSchema = args[4];
        String slot = args[5];
        ChangeStreamSettings.SourceDatabase source = ChangeStreamSettings.SourceDatabase.fromJdbcUrl(sourceUrl, "postgres", "");
        ChangeStreamSettings.SourceDatabase target = ChangeStreamSettings.SourceDatabase.fromJdbcUrl(targetUrl, "postgres", "");
        SimpleDriverDataSource targetPool = new SimpleDriverDataSource(new org.postgresql.Driver(), targetUrl, "postgres", "");
        ChangeStream stream = new ChangeStream(new ChangeStreamSettings(name, "legacy", "payments", source, slot, slot,
                List.of(SyncedTables.mapping(sourceSchema, targetSchema)), targetPool, target, targetSchema + ".sync_offsets",
                Duration.ofMillis(50), null), new SimpleMeterRegistry(), Clock.systemUTC());
        stream.start();
        System.out.println("stream " + name + " started");
        Thread.currentThread().join();
    }
}
