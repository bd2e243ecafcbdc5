package dev.cutover.ledger;

import dev.cutover.ledger.support.LedgerClient;
import dev.cutover.ledger.support.LedgerClient.EntrySpec;
import dev.cutover.ledger.support.LedgerIntegrationTest;
import dev.cutover.testsupport.Concurrently;
import dev.cutover.testsupport.LoadClient;
import dev.cutover.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of random entries from many threads, some of which must be refused, and afterwards the
 * ledger still balances per currency, matches its own history, and holds no guarded account below zero.
 */
@LedgerIntegrationTest
class LedgerInvariantsIT {

    private static final int ENTRIES = 5_000;
    private static final int THREADS = 16;
    private static final List<String> CURRENCIES = List.of("USD", "EUR", "JPY", "KWD");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    LedgerClient ledger;

    @BeforeEach
    void connect() {
        ledger = new LedgerClient(port);
    }

    @Test
    void randomConcurrentEntriesKeepEveryCurrencyBalancedAndEveryGuardedAccountNonNegative() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String run = "inv-" + UUID.randomUUID();
        Map<String, List<String>> accountsByCurrency = CURRENCIES.stream()
                .collect(Collectors.toMap(c -> c, c -> openAndFund(c, run)));

        List<EntrySpec> entries = new ArrayList<>(ENTRIES);
        for (int i = 0; i < ENTRIES; i++) {
            entries.add(randomEntry(random, accountsByCurrency, run + "-" + i));
        }

        LoadClient load = new LoadClient(port);
        JsonMapper json = JsonMapper.builder().build();
        String token = TestTokens.service();
        List<Integer> statuses = Concurrently.run(ENTRIES, THREADS, i -> () -> {
            HttpResponse<String> response = load.postJson("/api/v1/entries", token, json.writeValueAsString(entries.get(i).body()));
            int status = response.statusCode();
            if (status == 422) {
                assertThat(response.body()).as("seed %d", seed).containsAnyOf("insufficient_funds", "currency_mismatch");
            }
            return status;
        });

        assertThat(statuses).as("only posted or refused, never failed (seed %d)", seed).allMatch(s -> s == 201 || s == 422);
        long posted = statuses.stream().filter(s -> s == 201).count();
        assertThat(posted).as("most random entries post (seed %d)", seed).isGreaterThan(ENTRIES / 2);
        assertThat(jdbc.sql("SELECT count(*) FROM journal_entries WHERE reference LIKE :run")
                .param("run", run + "-%").query(Long.class).single())
                .as("one entry per accepted request").isEqualTo(posted);

        assertTheLedgerIsConsistent(seed);
    }

    @Test
    void randomConcurrentBatchesOfRandomSizeKeepTheSameInvariants() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String run = "inv-batch-" + UUID.randomUUID();
        Map<String, List<String>> accountsByCurrency = CURRENCIES.stream()
                .collect(Collectors.toMap(c -> c, c -> openAndFund(c, run)));
        List<List<EntrySpec>> batches = new ArrayList<>();
        int posted = 0;
        while (posted < ENTRIES) {
            int size = Math.min(ENTRIES - posted, 1 + random.nextInt(200));
            List<EntrySpec> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                batch.add(randomEntry(random, accountsByCurrency, run + "-" + (posted + i)));
            }
            batches.add(batch);
            posted += size;
        }

        List<List<Integer>> statuses = Concurrently.run(batches.size(), 8, i -> () -> {
            var result = ledger.postBatch(batches.get(i)).then().statusCode(200).extract().jsonPath();
            return result.<Integer>getList("data.status");
        });

        List<Integer> all = statuses.stream().flatMap(List::stream).toList();
        assertThat(all).as("one outcome per entry (seed %d)", seed).hasSize(ENTRIES);
        assertThat(all).as("only posted or refused, never failed (seed %d)", seed).allMatch(status -> status == 201 || status == 422);
        assertThat(jdbc.sql("SELECT count(*) FROM journal_entries WHERE reference LIKE :run")
                .param("run", run + "-%").query(Long.class).single())
                .as("one entry per accepted entry (seed %d)", seed).isEqualTo(all.stream().filter(status -> status == 201).count());
        assertTheLedgerIsConsistent(seed);
    }

    private void assertTheLedgerIsConsistent(long seed) {
        Map<String, Object> integrity = ledger.asOps().get("/api/v1/ledger/integrity")
                .then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(integrity.get("ok")).as("integrity report %s (seed %d)", integrity, seed).isEqualTo(true);
        assertThat((List<?>) integrity.get("mismatches")).isEmpty();

        List<Map<String, Object>> unbalanced = jdbc.sql("""
                SELECT e.currency, sum(CASE l.direction WHEN 'debit' THEN l.amount ELSE -l.amount END) AS net
                FROM entry_lines l JOIN journal_entries e ON e.id = l.entry_id
                GROUP BY e.currency HAVING sum(CASE l.direction WHEN 'debit' THEN l.amount ELSE -l.amount END) <> 0""")
                .query().listOfRows();
        assertThat(unbalanced).as("Σ debits = Σ credits per currency").isEmpty();

        List<String> negative = jdbc.sql("""
                SELECT id FROM accounts WHERE NOT allow_negative
                  AND (CASE normal_balance WHEN 'debit' THEN debits - credits ELSE credits - debits END) < 0""")
                .query(String.class).list();
        assertThat(negative).as("guarded accounts below zero").isEmpty();
    }

    /** Per currency: a funding source, three guarded accounts funded from it, and three unguarded ones. */
    private List<String> openAndFund(String currency, String run) {
        String source = ledger.openAccount(LedgerClient.account().currency(currency).type("equity").allowNegative());
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String guarded = ledger.openAccount(LedgerClient.account().currency(currency).type("asset").guarded());
            ledger.post(LedgerClient.entry().reference("fund-" + run + "-" + guarded).debit(guarded, 50_000).credit(source, 50_000))
                    .then().statusCode(201);
            accounts.add(guarded);
        }
        for (int i = 0; i < 3; i++) {
            accounts.add(ledger.openAccount(LedgerClient.account().currency(currency)
                    .type(i % 2 == 0 ? "liability" : "expense").allowNegative()));
        }
        accounts.add(source);
        return accounts;
    }

    /** Two to four balanced lines on one currency's accounts; now and then one line in another currency. */
    private static EntrySpec randomEntry(Random random, Map<String, List<String>> accountsByCurrency, String reference) {
        String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
        List<String> accounts = accountsByCurrency.get(currency);
        EntrySpec entry = LedgerClient.entry().reference(reference);
        long debit = 1 + random.nextInt(3_000);
        int credits = 1 + random.nextInt(3);
        entry.debit(accounts.get(random.nextInt(accounts.size())), debit);
        long left = debit;
        for (int i = 0; i < credits && left > 0; i++) {
            long amount = i == credits - 1 ? left : Math.max(1, left / 2);
            List<String> pool = random.nextInt(100) == 0
                    ? accountsByCurrency.get(CURRENCIES.get((CURRENCIES.indexOf(currency) + 1) % CURRENCIES.size()))
                    : accounts;
            entry.credit(pool.get(random.nextInt(pool.size())), amount);
            left -= amount;
        }
        return entry;
    }
}
