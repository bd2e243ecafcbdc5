package dev.cutover.ledger;

import dev.cutover.kit.web.InFlightLimit;
import dev.cutover.ledger.support.LedgerClient;
import dev.cutover.ledger.support.LedgerClient.EntrySpec;
import dev.cutover.ledger.support.LedgerIntegrationTest;
import dev.cutover.testsupport.Concurrently;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Past its in-flight limit the ledger sheds requests with 503, loses nothing, and answers again after. */
@LedgerIntegrationTest
@TestPropertySource(properties = "cutover.web.max-in-flight=" + OverloadIT.LIMIT)
class OverloadIT {

    static final int LIMIT = 4;

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    FilterRegistrationBean<InFlightLimit> inFlightLimit;

    LedgerClient ledger;
    String source;
    String target;
    final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void accounts() {
        ledger = new LedgerClient(port);
        source = ledger.openAccount(LedgerClient.account().type("equity").allowNegative());
        target = ledger.openAccount(LedgerClient.account().type("asset"));
    }

    @AfterEach
    void stop() {
        clients.shutdownNow();
    }

    @Test
    void pastTheLimitRequestsAreShedAndTheLedgerAnswersAgainOnceTheLoadIsGone() throws Exception {
        InFlightLimit limit = inFlightLimit.getFilter();
        EntrySpec shedEntry = transfer(7);
        List<Future<Response>> held = new ArrayList<>();
        try (Connection lock = dataSource.getConnection()) {
            // while the target's row is locked, postings to it stay in flight
            lock.setAutoCommit(false);
            try (PreparedStatement forUpdate = lock.prepareStatement("SELECT id FROM ledger.accounts WHERE id = ? FOR UPDATE")) {
                forUpdate.setString(1, target);
                forUpdate.executeQuery().close();
            }
            for (int i = 0; i < LIMIT; i++) {
                EntrySpec entry = transfer(10);
                held.add(clients.submit(() -> ledger.post(entry)));
            }
            await().atMost(20, TimeUnit.SECONDS).until(() -> limit.inFlight() == LIMIT);

            Response shed = ledger.post(shedEntry);
            assertThat(shed.statusCode()).isEqualTo(503);
            assertThat(shed.header("Retry-After")).isEqualTo("1");
            assertThat(shed.header("X-Request-Id")).isNotBlank();
            assertThat(shed.contentType()).startsWith("application/problem+json");
            assertThat(shed.jsonPath().getString("code")).isEqualTo("dependency_unavailable");
            assertThat(ledger.asOps().get("/api/v1/balances/{id}", source).statusCode()).as("reads are shed too")
                    .isEqualTo(503);
            assertThat(RestAssured.given().port(port).get("/actuator/health/readiness").statusCode())
                    .as("probes are never shed").isEqualTo(200);
            lock.commit();
        }
        for (Future<Response> response : held) {
            assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        }

        await().atMost(10, TimeUnit.SECONDS).until(() -> limit.inFlight() == 0);
        assertThat(ledger.post(shedEntry).statusCode()).as("the shed posting stored nothing: its retry posts it")
                .isEqualTo(201);
        assertThat(ledger.balance(target)).isEqualTo(LIMIT * 10 + 7);
    }

    @Test
    void aFloodGetsEachEntryPostedOrRefusedWholeAndTheRefusedOnesPostOnRetry() {
        List<EntrySpec> entries = IntStream.rangeClosed(1, 300).mapToObj(this::transfer).toList();

        List<Response> responses = Concurrently.run(entries.size(), 48, i -> () -> ledger.post(entries.get(i)));

        assertThat(responses).extracting(Response::statusCode).containsOnly(201, 503).contains(201, 503);
        assertThat(responses).filteredOn(r -> r.statusCode() == 503)
                .allSatisfy(r -> assertThat(r.header("Retry-After")).isEqualTo("1"));
        long posted = IntStream.range(0, entries.size()).filter(i -> responses.get(i).statusCode() == 201)
                .mapToLong(i -> i + 1).sum();
        assertThat(ledger.balance(target)).isEqualTo(posted);

        List<EntrySpec> refused = IntStream.range(0, entries.size()).filter(i -> responses.get(i).statusCode() == 503)
                .mapToObj(entries::get).toList();
        List<Response> retries = Concurrently.run(refused.size(), LIMIT, i -> () -> ledger.post(refused.get(i)));
        assertThat(retries).extracting(Response::statusCode).as("retried within the limit").containsOnly(201);
        assertThat(ledger.balance(target)).isEqualTo(entries.size() * (entries.size() + 1L) / 2);
    }

    private EntrySpec transfer(long amount) {
        return LedgerClient.entry().debit(target, amount).credit(source, amount);
    }
}
