package dev.cutover.load;

import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * {@code POST /api/v1/entries} directly against the ledger with a service token: balanced two-line entries
 * (debit one account, credit another, same amount) with unique references, spread over {@code accounts}
 * unguarded accounts so the figure is the ledger's and not one hot row's lock queue. {@code ./bench} runs it
 * as a ladder between two pgbench runs of the same transfer shape (ADR 0052). With {@code batch} above 1, each
 * arrival posts that many such entries in one request to the internal batch endpoint, and every one of them must
 * be posted; the rates are then requests per second, each carrying {@code batch} entries.
 */
public class LedgerEntrySimulation extends Simulation {

    private final WindowLog log;

    {
        Windows.Plan plan = Windows.Plan.fromKnobs("100", Duration.ofSeconds(20), Duration.ofSeconds(10));
        log = new WindowLog("ledger-entry", plan.p99BoundMs());
        String token = new SetupClient(Knobs.identityUrl()).clientToken(
                Knobs.string("serviceClientId", "payments-service"), Knobs.string("serviceClientSecret", "local-payments-service-secret"));
        List<String> accounts = createAccounts(new SetupClient(Knobs.ledgerUrl()), token, Knobs.integer("accounts", 500));

        int batch = Knobs.integer("batch", 1);
        Windows.Side ledger = new Windows.Side("ledger", Protocols.shared(Knobs.ledgerUrl()), name -> exec(batch == 1
                ? http(name).post("/api/v1/entries")
                        .header("Authorization", "Bearer " + token)
                        .body(StringBody(session -> SetupClient.write(entry(accounts))))
                        .asJson()
                        .check(status().is(201))
                : http(name).post("/internal/v1/entries/batch")
                        .header("Authorization", "Bearer " + token)
                        .body(StringBody(session -> SetupClient.write(Map.of("entries", entries(accounts, batch)))))
                        .asJson()
                        .check(status().is(200), jsonPath("$.data[?(@.status != 201)]").notExists())));

        setUp(Windows.chain(log, List.of(ledger), plan))
                .assertions(RunAssertions.forPlan(plan, log));
    }

    @Override
    public void after() {
        log.write();
    }

    static List<Map<String, Object>> entries(List<String> accounts, int count) {
        List<Map<String, Object>> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(entry(accounts));
        }
        return entries;
    }

    static Map<String, Object> entry(List<String> accounts) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int debit = random.nextInt(accounts.size());
        int credit = (debit + 1 + random.nextInt(accounts.size() - 1)) % accounts.size();
        long amount = random.nextLong(1, 100_000);
        return Map.of("reference", "load-" + UUID.randomUUID(), "description", "load test transfer", "lines", List.of(
                Map.of("account_id", accounts.get(debit), "direction", "debit", "amount", amount),
                Map.of("account_id", accounts.get(credit), "direction", "credit", "amount", amount)));
    }

    /** Unguarded ({@code allow_negative}) asset accounts, so no entry is refused for funds. */
    static List<String> createAccounts(SetupClient api, String token, int count) {
        if (count < 2) {
            throw new IllegalArgumentException("accounts must be at least 2");
        }
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> api.post("/api/v1/accounts", token, Map.of("name", "load test account " + n,
                        "currency", "USD", "type", "asset", "allow_negative", true), 201).path("id").asText()));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> future : futures) {
                ids.add(future.get());
            }
            System.out.printf("Set-up: %d ledger accounts in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
            return ids;
        } catch (Exception e) {
            throw new IllegalStateException("Could not create ledger accounts: " + Customers.rootMessage(e), e);
        }
    }
}
