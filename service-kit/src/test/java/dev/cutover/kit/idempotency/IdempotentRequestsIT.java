package dev.cutover.kit.idempotency;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.kit.json.StrictJson;
import dev.cutover.kit.problem.ProblemException;
import dev.cutover.testsupport.Concurrently;
import dev.cutover.testsupport.SettableClock;
import dev.cutover.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Idempotency-Key semantics of the IETF draft, against a real Postgres and many threads. */
class IdempotentRequestsIT {

    record Create(long amount) {
    }

    record Created(String id, long amount) {
    }

    static final String SCHEMA = "kit_idem_" + UUID.randomUUID().toString().replace("-", "");
    static DriverManagerDataSource dataSource;
    static JdbcClient jdbc;

    final SettableClock clock = new SettableClock(Instant.parse("2026-11-25T08:00:00Z"));
    final AtomicInteger executions = new AtomicInteger();
    IdempotentRequests requests;

    @BeforeAll
    static void schema() {
        TestDatabase db = TestDatabase.get();
        dataSource = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
        dataSource.setSchema(SCHEMA);
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("CREATE SCHEMA " + SCHEMA).update();
        jdbc.sql("""
                CREATE TABLE %s.idempotency_keys (
                    scope text NOT NULL, idempotency_key text NOT NULL, fingerprint text NOT NULL,
                    state text NOT NULL CHECK (state IN ('in_flight', 'done')), response_status int, response_body text,
                    locked_at timestamptz NOT NULL, created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL,
                    PRIMARY KEY (scope, idempotency_key))""".formatted(SCHEMA)).update();
        jdbc.sql("CREATE TABLE %s.effects (id text PRIMARY KEY)".formatted(SCHEMA)).update();
    }

    @AfterAll
    static void drop() {
        jdbc.sql("DROP SCHEMA " + SCHEMA + " CASCADE").update();
    }

    IdempotentRequestsIT() {
        requests = new IdempotentRequests(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                StrictJson.mapper(), clock, new IdempotencyProperties(Duration.ofHours(24), Duration.ofSeconds(60), Duration.ofMinutes(10)));
    }

    private ResponseEntity<Created> create(String key, long amount) {
        return requests.execute("caller-a", key, new Create(amount), HttpStatus.CREATED, Created.class, () -> {
            executions.incrementAndGet();
            String id = "obj_" + UUID.randomUUID();
            jdbc.sql("INSERT INTO effects VALUES (:id)").param("id", id).update();
            return new Created(id, amount);
        });
    }

    private long effects(String id) {
        return jdbc.sql("SELECT count(*) FROM effects WHERE id = :id").param("id", id).query(Long.class).single();
    }

    @Test
    void theSameKeyAndRequestReplaysTheStoredResponseWithoutRunningAgain() {
        String key = UUID.randomUUID().toString();
        ResponseEntity<Created> first = create(key, 100);
        ResponseEntity<Created> replay = create(key, 100);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(first.getHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(replay.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.getBody()).isEqualTo(first.getBody());
        assertThat(executions).hasValue(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefused() {
        String key = UUID.randomUUID().toString();
        create(key, 100);

        assertThatThrownBy(() -> create(key, 101)).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED));
        assertThat(executions).hasValue(1);
    }

    @Test
    void keysAreScopedPerCaller() {
        String key = UUID.randomUUID().toString();
        create(key, 5);
        requests.execute("caller-b", key, new Create(5), HttpStatus.CREATED, Created.class, () -> {
            executions.incrementAndGet();
            return new Created("b", 5);
        });

        assertThat(executions).hasValue(2);
    }

    @Test
    void aFailedOperationStoresNothingSoARetryRuns() {
        String key = UUID.randomUUID().toString();
        assertThatThrownBy(() -> requests.execute("caller-a", key, new Create(1), HttpStatus.CREATED, Created.class, () -> {
            jdbc.sql("INSERT INTO effects VALUES ('rolled-back-" + key + "')").update();
            throw ProblemException.invalidField("amount", "nope");
        })).isInstanceOf(ProblemException.class);

        assertThat(effects("rolled-back-" + key)).as("the failed operation's writes rolled back").isZero();
        ResponseEntity<Created> retry = create(key, 1);
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(effects(retry.getBody().id())).isEqualTo(1);
    }

    @Test
    void aKeyStillInFlightAnswersInUse() throws Exception {
        String key = UUID.randomUUID().toString();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread first = Thread.ofPlatform().start(() -> requests.execute("caller-a", key, new Create(7), HttpStatus.CREATED,
                Created.class, () -> {
                    started.countDown();
                    await(release);
                    return new Created("slow", 7);
                }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> create(key, 7)).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_IN_USE));
        release.countDown();
        first.join();
        assertThat(create(key, 7).getBody().id()).isEqualTo("slow");
    }

    @Test
    void aClaimWhoseRequestDiedIsTakenOverOnceItIsStale() {
        String key = UUID.randomUUID().toString();
        String fingerprint = requests.fingerprint(new Create(9));
        jdbc.sql("""
                INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, state, locked_at, created_at, expires_at)
                VALUES ('caller-a', :key, :fp, 'in_flight', :at, :at, :exp)""")
                .param("key", key).param("fp", fingerprint)
                .param("at", java.sql.Timestamp.from(clock.instant()))
                .param("exp", java.sql.Timestamp.from(clock.instant().plus(Duration.ofHours(24)))).update();

        assertThatThrownBy(() -> create(key, 9)).isInstanceOf(ProblemException.class);
        clock.advance(Duration.ofSeconds(61));

        assertThat(create(key, 9).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(executions).hasValue(1);
    }

    @Test
    void anExpiredKeyIsForgottenAndPurged() {
        String key = UUID.randomUUID().toString();
        create(key, 3);
        clock.advance(Duration.ofHours(25));

        assertThat(requests.purgeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(create(key, 4).getHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(executions).hasValue(2);
    }

    @Test
    void manyConcurrentRequestsWithOneKeyRunTheOperationOnce() {
        String key = UUID.randomUUID().toString();

        List<Object> outcomes = Concurrently.run(50, 25, i -> () -> {
            try {
                return create(key, 42).getBody().id();
            } catch (ProblemException problem) {
                return problem.code();
            }
        });

        assertThat(executions).hasValue(1);
        assertThat(outcomes).allMatch(o -> o instanceof String || o == ErrorCode.IDEMPOTENCY_KEY_IN_USE);
        assertThat(outcomes.stream().filter(String.class::isInstance).distinct()).hasSize(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
