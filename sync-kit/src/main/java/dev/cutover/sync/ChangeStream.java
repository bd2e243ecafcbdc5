package dev.cutover.sync;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.ChangeEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One direction of the sync, running: Debezium's embedded PostgreSQL connector ({@code pgoutput}) first copies every
 * row the source already holds (its snapshot, the backfill), then streams each committed change, and
 * {@link VersionedUpserts} writes them into the target. A batch is acknowledged only once the target committed it;
 * when anything fails the engine stops, and this starts it again after a pause that grows to 30 s, from the last
 * saved position.
 */
public final class ChangeStream {

    private static final Logger log = LoggerFactory.getLogger(ChangeStream.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    /** Where a stream is in its life. */
    public enum State { STOPPED, STARTING, SNAPSHOT, STREAMING, FAILED }

    private final ChangeStreamSettings settings;
    private final VersionedUpserts upserts;
    private final Clock clock;
    private final AtomicReference<State> state = new AtomicReference<>(State.STOPPED);
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final AtomicReference<Instant> lastErrorAt = new AtomicReference<>();
    private final AtomicLong appliedLsn = new AtomicLong();
    private final AtomicLong lastLagMillis = new AtomicLong();
    private final AtomicLong snapshotRows = new AtomicLong();
    private final AtomicLong snapshotTotal = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private final Map<String, Map<Outcome, Counter>> counters = new ConcurrentHashMap<>();
    private final Map<Outcome, AtomicLong> totals = new EnumMap<>(Outcome.class);
    private final MeterRegistry meters;
    private final Timer lag;
    private volatile Instant snapshotStarted;
    private volatile boolean backfillCounted;
    /** Fences this stream has passed, oldest dropped first: a bounded memory (a fence is asked about within seconds). */
    private final java.util.Set<String> passedFences = java.util.Collections.newSetFromMap(
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > 10_000;
                }
            }));
    private volatile Instant launchedAt = Instant.EPOCH;
    private volatile Instant lastProgress = Instant.EPOCH;
    private volatile boolean running;
    private volatile DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine;
    private ExecutorService executor;

    public ChangeStream(ChangeStreamSettings settings, MeterRegistry meters, Clock clock) {
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
        this.upserts = new VersionedUpserts(settings.target(), settings.sourceSide(), settings.targetSide(), settings.mappings());
        for (Outcome outcome : Outcome.values()) {
            totals.put(outcome, new AtomicLong());
        }
        this.lag = Timer.builder("cutover.sync.lag").tag("direction", settings.name())
                .description("From a change's commit on the source to its commit on the target")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(meters);
        Gauge.builder("cutover.sync.snapshot.rows", snapshotRows, AtomicLong::get).tag("direction", settings.name())
                .description("Rows copied by the backfill (the connector's snapshot)").register(meters);
        Gauge.builder("cutover.sync.snapshot.total", snapshotTotal, AtomicLong::get).tag("direction", settings.name())
                .description("Rows the source held when the backfill began").register(meters);
        Gauge.builder("cutover.sync.snapshot.ratio", this, ChangeStream::snapshotRatio).tag("direction", settings.name())
                .description("The part of the backfill done, 0 to 1").register(meters);
        Gauge.builder("cutover.sync.lag.last", lastLagMillis, l -> l.get() / 1000.0).tag("direction", settings.name())
                .baseUnit("seconds").description("The lag of the last change applied").register(meters);
        Gauge.builder("cutover.sync.up", state, s -> s.get() == State.STREAMING || s.get() == State.SNAPSHOT ? 1 : 0)
                .tag("direction", settings.name()).description("1 while the stream runs").register(meters);
        Gauge.builder("cutover.sync.restarts", restarts, AtomicLong::get).tag("direction", settings.name())
                .description("Times the stream was started again after a failure").register(meters);
    }

    public String name() {
        return settings.name();
    }

    public State state() {
        return state.get();
    }

    /** The last failure's class and first line (never row values), or null. */
    public String lastError() {
        return lastError.get();
    }

    public Instant lastErrorAt() {
        return lastErrorAt.get();
    }

    /** The source position (LSN) of the last change written to the target. */
    public long appliedLsn() {
        return appliedLsn.get();
    }

    public Duration lastLag() {
        return Duration.ofMillis(lastLagMillis.get());
    }

    public long applied() {
        return totals.get(Outcome.APPLIED).get();
    }

    /** How many changes ended as {@code outcome} since the stream was made. */
    public long count(Outcome outcome) {
        return totals.get(outcome).get();
    }

    public long snapshotRows() {
        return snapshotRows.get();
    }

    public long snapshotTotal() {
        return snapshotTotal.get();
    }

    double snapshotRatio() {
        long total = snapshotTotal.get();
        if (state.get() == State.STREAMING) {
            return 1.0;
        }
        return total == 0 ? 0.0 : Math.min(1.0, snapshotRows.get() / (double) total);
    }

    /**
     * Writes fence {@code id} into the source's fence table (and forgets fences older than an hour there). Postgres
     * streams a committed change after every change committed before it, so once {@link #hasPassed} says so, the
     * target holds everything the source had committed when this returned.
     */
    public void raiseFence(String id) throws SQLException {
        if (settings.fenceTable() == null) {
            throw new IllegalStateException(settings.name() + " has no fence table");
        }
        try (Connection connection = connectToSource();
             java.sql.PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO " + settings.fenceTable() + " (id, created_at) VALUES (?, now())");
             Statement prune = connection.createStatement()) {
            insert.setString(1, id);
            insert.executeUpdate();
            prune.executeUpdate("DELETE FROM " + settings.fenceTable() + " WHERE created_at < now() - interval '1 hour'");
        }
    }

    /** Whether every change committed on the source before fence {@code id} was raised is on the target. */
    public boolean hasPassed(String id) {
        return passedFences.contains(id);
    }

    private Connection connectToSource() throws SQLException {
        ChangeStreamSettings.SourceDatabase source = settings.source();
        return DriverManager.getConnection(source.jdbcUrl(), source.user(), source.password());
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sync-" + settings.name());
            thread.setDaemon(true);
            return thread;
        });
        launch(Duration.ZERO);
    }

    /** Stops reading; what was applied stays applied and the position is saved. */
    public synchronized void stop() {
        running = false;
        closeEngine();
        if (executor != null) {
            executor.shutdown(); // a pending restart's pause is cut short, a running engine is already closing
            try {
                if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        state.set(State.STOPPED);
    }

    private void closeEngine() {
        DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> current = engine;
        engine = null;
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                log.warn("sync {}: could not close the connector: {}", settings.name(), describe(e));
            }
        }
    }

    private void launch(Duration pause) {
        try {
            executor.execute(() -> startEngine(pause));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // stop() came first
        }
    }

    private void startEngine(Duration pause) {
        Instant until = clock.instant().plus(pause);
        while (running && clock.instant().isBefore(until)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
        if (!running) {
            return;
        }
        state.set(State.STARTING);
        backfillCounted = false;
        launchedAt = clock.instant();
        DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> built = DebeziumEngine.create(Connect.class)
                .using(properties())
                .notifying(this::handleBatch)
                .using((success, message, error) -> ended(success, message, error, pause))
                .build();
        engine = built;
        built.run();
    }

    private void ended(boolean success, String message, Throwable error, Duration lastPause) {
        if (!running) {
            return;
        }
        if (error != null || !success) {
            String reason = error != null ? describe(error) : message;
            fail(reason);
            // a stream that ran a while before it failed starts again soon; one that keeps failing waits longer
            boolean ranAWhile = Duration.between(launchedAt, clock.instant()).compareTo(MAX_PAUSE.multipliedBy(2)) > 0;
            Duration next = lastPause.isZero() || ranAWhile ? Duration.ofSeconds(1) : lastPause.multipliedBy(2);
            next = next.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : next;
            log.warn("sync {} stopped: {}; starting it again in {} s", settings.name(), reason, next.toSeconds());
            restarts.incrementAndGet();
            launch(next);
        }
    }

    private void fail(String reason) {
        state.set(State.FAILED);
        lastError.set(reason);
        lastErrorAt.set(clock.instant());
    }

    private void handleBatch(List<ChangeEvent<SourceRecord, SourceRecord>> records,
                             DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer) throws InterruptedException {
        List<VersionedUpserts.Change> changes = new ArrayList<>(records.size());
        List<SourceRecord> data = new ArrayList<>(records.size());
        List<String> fences = new ArrayList<>();
        for (ChangeEvent<SourceRecord, SourceRecord> event : records) {
            SourceRecord record = event.value();
            if (record.value() instanceof Struct value && value.schema().field("op") != null) {
                Struct source = value.getStruct("source");
                String table = source.getString("schema") + "." + source.getString("table");
                Struct after = value.getStruct("after");
                if (table.equals(settings.fenceTable())) {
                    if (after != null) {
                        fences.add(after.getString("id"));
                    }
                    continue;
                }
                changes.add(new VersionedUpserts.Change(table, value.getString("op"), after));
                data.add(record);
            } else if (state.get() == State.STARTING) {
                state.set(State.STREAMING); // a heartbeat: streaming, with nothing to copy or nothing changed yet
            }
        }
        if (!changes.isEmpty()) {
            List<Outcome> outcomes;
            try {
                outcomes = upserts.apply(changes);
            } catch (SQLException | RuntimeException e) {
                throw new SyncFailed(settings.name() + ": a batch of " + changes.size() + " changes could not be written: " + describe(e), e);
            }
            account(changes, data, outcomes);
        }
        passedFences.addAll(fences); // after the changes before them are committed on the target
        for (ChangeEvent<SourceRecord, SourceRecord> event : records) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
    }

    private void account(List<VersionedUpserts.Change> changes, List<SourceRecord> records, List<Outcome> outcomes) {
        Instant now = clock.instant();
        boolean snapshotting = false;
        for (int i = 0; i < changes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            String table = changes.get(i).sourceTable();
            counters.computeIfAbsent(table, t -> new EnumMap<>(Outcome.class))
                    .computeIfAbsent(outcome, o -> Counter.builder("cutover.sync.changes").tag("direction", settings.name())
                            .tag("table", table).tag("outcome", o.tag()).description("Captured changes, by what became of them")
                            .register(meters)).increment();
            totals.get(outcome).incrementAndGet();
            Struct value = (Struct) records.get(i).value();
            Struct source = value.getStruct("source");
            Object snapshot = source.get("snapshot");
            boolean inSnapshot = snapshot != null && !"false".equals(snapshot.toString());
            Long lsn = source.getInt64("lsn");
            if (lsn != null) {
                appliedLsn.accumulateAndGet(lsn, Math::max);
            }
            if (inSnapshot) {
                if (!backfillCounted) {
                    backfillCounted = true; // a backfill begins, or begins again after a failure: it copies every row again
                    snapshotRows.set(0);
                    snapshotStarted = now;
                    countSourceRows();
                }
                snapshotting = true;
                snapshotRows.incrementAndGet();
                if ("last".equals(snapshot.toString())) {
                    snapshotDone();
                }
            } else {
                long millis = Math.max(0, now.toEpochMilli() - source.getInt64("ts_ms"));
                lastLagMillis.set(millis);
                lag.record(Duration.ofMillis(millis));
                if (state.get() != State.STREAMING) {
                    state.set(State.STREAMING);
                }
            }
        }
        if (snapshotting) {
            if (state.get() == State.STARTING) {
                state.set(State.SNAPSHOT);
            }
            if (Duration.between(lastProgress, now).compareTo(PROGRESS_EVERY) >= 0) {
                lastProgress = now;
                logProgress(now);
            }
        }
    }

    private void snapshotDone() {
        logProgress(clock.instant());
        log.info("sync {}: backfill done, streaming changes", settings.name());
        state.set(State.STREAMING);
    }

    private void logProgress(Instant now) {
        Instant started = snapshotStarted == null ? now : snapshotStarted;
        double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
        long rows = snapshotRows.get();
        log.info("sync {}: backfill {} of ~{} rows ({} %), {} rows/s", settings.name(), rows, snapshotTotal.get(),
                Math.round(snapshotRatio() * 100), Math.round(rows / seconds));
    }

    /** When a backfill begins, the rows the source holds: its denominator (an estimate, as changes go on meanwhile). */
    private void countSourceRows() {
        long total = 0;
        try (Connection connection = connectToSource();
             Statement statement = connection.createStatement()) {
            for (TableMapping mapping : settings.mappings()) {
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + mapping.sourceTable())) {
                    count.next();
                    total += count.getLong(1);
                }
            }
            snapshotTotal.set(total);
        } catch (SQLException e) {
            log.warn("sync {}: could not count the source's rows: {}", settings.name(), describe(e));
        }
    }

    private Properties properties() {
        ChangeStreamSettings.SourceDatabase source = settings.source();
        ChangeStreamSettings.SourceDatabase offsets = settings.offsets();
        Properties props = new Properties();
        props.setProperty("name", settings.name());
        props.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        props.setProperty("topic.prefix", settings.name());
        props.setProperty("database.hostname", source.host());
        props.setProperty("database.port", Integer.toString(source.port()));
        props.setProperty("database.user", source.user());
        props.setProperty("database.password", source.password());
        props.setProperty("database.dbname", source.database());
        props.setProperty("plugin.name", "pgoutput");
        props.setProperty("slot.name", settings.slot());
        props.setProperty("publication.name", settings.publication());
        props.setProperty("publication.autocreate.mode", "filtered");
        props.setProperty("snapshot.mode", "initial");
        List<String> tables = new ArrayList<>(settings.mappings().stream().map(TableMapping::sourceTable).toList());
        if (settings.fenceTable() != null) {
            tables.add(settings.fenceTable());
        }
        props.setProperty("table.include.list", String.join(",", tables.stream().map(t -> t.replace(".", "\\.")).toList()));
        props.setProperty("tombstones.on.delete", "false");
        props.setProperty("decimal.handling.mode", "string");
        props.setProperty("poll.interval.ms", Long.toString(settings.pollInterval().toMillis()));
        props.setProperty("heartbeat.interval.ms", "10000");
        props.setProperty("status.update.interval.ms", "1000");
        props.setProperty("lsn.flush.mode", "connector_and_driver");
        props.setProperty("offset.storage", JdbcOffsetStore.class.getName());
        props.setProperty("offset.flush.interval.ms", "1000");
        props.setProperty(JdbcOffsetStore.URL, offsets.jdbcUrl());
        props.setProperty(JdbcOffsetStore.USER, offsets.user());
        props.setProperty(JdbcOffsetStore.PASSWORD, offsets.password());
        props.setProperty(JdbcOffsetStore.TABLE, settings.offsetTable());
        props.setProperty(JdbcOffsetStore.STREAM, settings.name());
        return props;
    }

    /** A failure as its class and the first line of its message: Postgres's details may quote row values. */
    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root && !(root instanceof SQLException)) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        String state = root instanceof SQLException sql && sql.getSQLState() != null ? " [" + sql.getSQLState() + "]" : "";
        return root.getClass().getSimpleName() + state + ": " + message;
    }

    /** A batch could not be written; the engine stops and is started again from the last saved position. */
    static final class SyncFailed extends RuntimeException {
        SyncFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
