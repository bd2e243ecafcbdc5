package dev.cutover.ledger.entry;

import dev.cutover.ledger.support.LedgerClient;
import dev.cutover.ledger.support.LedgerClient.EntrySpec;
import dev.cutover.ledger.support.LedgerIntegrationTest;
import dev.cutover.testsupport.Concurrently;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Batches of entries in one request, and single postings gathered into batches, against the real database. */
@LedgerIntegrationTest
class BatchPostingIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    LedgerClient ledger;
    String equity;
    String cash;
    String expense;
    String euros;

    @BeforeEach
    void accounts() {
        ledger = new LedgerClient(port);
        equity = ledger.openAccount(LedgerClient.account().type("equity").allowNegative());
        cash = ledger.openAccount(LedgerClient.account().type("asset").guarded());
        expense = ledger.openAccount(LedgerClient.account().type("expense").allowNegative());
        euros = ledger.openAccount(LedgerClient.account().currency("EUR").type("expense").allowNegative());
    }

    @Test
    void eachEntryOfABatchIsDecidedAsIfPostedAloneAfterTheOnesBeforeIt() {
        EntrySpec fund = LedgerClient.entry().debit(cash, 100).credit(equity, 100);
        EntrySpec spend60 = LedgerClient.entry().credit(cash, 60).debit(expense, 60);
        EntrySpec spend60Again = LedgerClient.entry().credit(cash, 60).debit(expense, 60);
        EntrySpec spend40 = LedgerClient.entry().credit(cash, 40).debit(expense, 40);
        EntrySpec unbalanced = LedgerClient.entry().debit(expense, 5).credit(equity, 4);
        EntrySpec unknownAccount = LedgerClient.entry().debit(expense, 5).credit("acc_does_not_exist", 5);
        EntrySpec mixedCurrencies = LedgerClient.entry().debit(euros, 5).credit(equity, 5);
        EntrySpec fundReplayed = LedgerClient.entry().reference(fund.reference()).debit(cash, 100).credit(equity, 100);
        EntrySpec fundReused = LedgerClient.entry().reference(fund.reference()).debit(cash, 101).credit(equity, 101);

        JsonPath result = ledger.postBatch(List.of(fund, spend60, spend60Again, spend40, unbalanced, unknownAccount, mixedCurrencies,
                fundReplayed, fundReused)).then().statusCode(200).extract().jsonPath();

        assertThat(result.<Integer>getList("data.status")).containsExactly(201, 201, 422, 201, 422, 404, 422, 201, 422);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            codes.add(result.getString("data[" + i + "].problem.code"));
        }
        assertThat(codes).containsExactly(null, null, "insufficient_funds", null, "unbalanced_entry", "not_found", "currency_mismatch",
                null, "idempotency_key_reused");
        assertThat(result.<Boolean>getList("data.replayed")).containsExactly(false, false, false, false, false, false, false, true, false);
        assertThat(result.getString("data[7].entry.id")).isEqualTo(result.getString("data[0].entry.id"));
        assertThat(result.getString("data[5].problem.errors[0].field")).isEqualTo("lines[1].account_id");
        assertThat(result.getString("data[2].problem.type")).isNotBlank();
        assertThat(ledger.balance(cash)).isZero();
        assertThat(ledger.balance(expense)).isEqualTo(100);
        assertThat(entriesWithReferenceIn(fund, spend60, spend60Again, spend40, unbalanced, unknownAccount, mixedCurrencies))
                .containsExactlyInAnyOrder(fund.reference(), spend60.reference(), spend40.reference());
    }

    @Test
    void postingTheSameBatchAgainReplaysEveryEntryAndPostsNothingNew() {
        List<EntrySpec> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(LedgerClient.entry().debit(expense, 10 + i).credit(equity, 10 + i).metadata(Map.of("n", Integer.toString(i))));
        }

        JsonPath first = ledger.postBatch(batch).then().statusCode(200).extract().jsonPath();
        JsonPath again = ledger.postBatch(batch).then().statusCode(200).extract().jsonPath();

        assertThat(first.<Boolean>getList("data.replayed")).containsOnly(false);
        assertThat(again.<Boolean>getList("data.replayed")).hasSize(50).containsOnly(true);
        assertThat(again.<String>getList("data.entry.id")).isEqualTo(first.<String>getList("data.entry.id"));
        assertThat(again.<Map<String, String>>getList("data.entry.metadata")).isEqualTo(first.<Map<String, String>>getList("data.entry.metadata"));
        assertThat(ledger.balance(expense)).isEqualTo(50 * 10 + 49 * 50 / 2);
    }

    @Test
    void anEntryOfABatchIsTheSameEntryAsWhenPostedAlone() {
        EntrySpec entry = LedgerClient.entry().debit(expense, 700).credit(equity, 700).description("Charge 7").metadata(Map.of("k", "v"));
        String batched = ledger.postBatch(List.of(entry)).then().statusCode(200).extract().jsonPath().getString("data[0].entry.id");

        Response alone = ledger.post(entry);

        alone.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(alone.jsonPath().getString("id")).isEqualTo(batched);
        assertThat(alone.jsonPath().getString("description")).isEqualTo("Charge 7");
        assertThat(alone.jsonPath().getList("lines")).hasSize(2);
    }

    @Test
    void tenCallersPostingTheSameBatchAtOncePostEachEntryExactlyOnce() {
        List<EntrySpec> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(LedgerClient.entry().debit(expense, 1).credit(equity, 1));
        }

        List<JsonPath> results = Concurrently.run(10, i -> () -> ledger.postBatch(batch).then().statusCode(200).extract().jsonPath());

        Set<String> ids = new HashSet<>();
        long created = 0;
        for (JsonPath result : results) {
            assertThat(result.<Integer>getList("data.status")).containsOnly(201);
            ids.addAll(result.getList("data.entry.id"));
            created += result.<Boolean>getList("data.replayed").stream().filter(replayed -> !replayed).count();
        }
        assertThat(ids).as("one entry per reference").hasSize(20);
        assertThat(created).as("each entry created by exactly one response").isEqualTo(20);
        assertThat(entriesWithReferenceIn(batch.toArray(EntrySpec[]::new))).hasSize(20);
        assertThat(ledger.balance(expense)).isEqualTo(20);
    }

    @Test
    void singlePostingsArrivingTogetherShareTransactionsAndStillDecideEachOnItsOwn() {
        ledger.post(LedgerClient.entry().debit(cash, 3_000).credit(equity, 3_000)).then().statusCode(201);
        DistributionSummary batches = meters.get("ledger.posting.batch.size").summary();
        double largestBefore = batches.max();
        long batchesBefore = batches.count();

        List<Response> responses = Concurrently.run(400, 64, i -> () -> ledger.post(LedgerClient.entry().credit(cash, 10).debit(expense, 10)));

        assertThat(responses.stream().filter(r -> r.statusCode() == 201).count()).isEqualTo(300);
        assertThat(responses).filteredOn(r -> r.statusCode() != 201)
                .allSatisfy(r -> assertThat(r.jsonPath().getString("code")).isEqualTo("insufficient_funds"));
        assertThat(ledger.balance(cash)).isZero();
        assertThat(batches.count() - batchesBefore).as("fewer transactions than postings").isLessThan(400);
        assertThat(Math.max(batches.max(), largestBefore)).as("some batch held more than one posting").isGreaterThan(1);
    }

    @Test
    void anEntryTheDatabaseRefusesFailsAloneAndTheRestOfItsBatchIsPosted() {
        String poisoned = "poisoned-" + UUID.randomUUID();
        jdbc.sql("""
                CREATE FUNCTION refuse_poisoned() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.reference LIKE 'poisoned-%' THEN RAISE EXCEPTION 'refused by the test'; END IF;
                    RETURN NEW;
                END $$""").update();
        jdbc.sql("CREATE TRIGGER refuse_poisoned BEFORE INSERT ON journal_entries FOR EACH ROW EXECUTE FUNCTION refuse_poisoned()").update();
        try {
            EntrySpec before = LedgerClient.entry().debit(expense, 1).credit(equity, 1);
            EntrySpec refused = LedgerClient.entry().reference(poisoned).debit(expense, 2).credit(equity, 2);
            EntrySpec after = LedgerClient.entry().debit(expense, 4).credit(equity, 4);

            List<Response> singles = Concurrently.run(3, i -> () -> ledger.post(List.of(before, refused, after).get(i)));

            assertThat(singles.get(0).statusCode()).isEqualTo(201);
            assertThat(singles.get(1).statusCode()).isEqualTo(500);
            assertThat(singles.get(1).asString()).doesNotContain("refused by the test");
            assertThat(singles.get(2).statusCode()).isEqualTo(201);
            assertThat(ledger.balance(expense)).isEqualTo(5);

            EntrySpec later = LedgerClient.entry().debit(expense, 8).credit(equity, 8);
            ledger.postBatch(List.of(later, refused)).then().statusCode(500);
            assertThat(entriesWithReferenceIn(later)).as("entries before the refused one stay posted; a retry replays them").hasSize(1);
        } finally {
            jdbc.sql("DROP TRIGGER refuse_poisoned ON journal_entries").update();
            jdbc.sql("DROP FUNCTION refuse_poisoned()").update();
        }
    }

    @Test
    void aBatchOfMoreThanFiveHundredEntriesIsRefusedWhole() {
        List<EntrySpec> batch = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            batch.add(LedgerClient.entry().debit(expense, 1).credit(equity, 1));
        }

        ledger.postBatch(batch).then().statusCode(400);

        assertThat(ledger.balance(expense)).isZero();
    }

    @Test
    void onlyServicesMayPostBatches() {
        ledger.asOps().body(Map.of("entries", List.of(LedgerClient.entry().debit(expense, 1).credit(equity, 1).body())))
                .post("/internal/v1/entries/batch").then().statusCode(403);
    }

    private List<String> entriesWithReferenceIn(EntrySpec... entries) {
        return jdbc.sql("SELECT reference FROM journal_entries WHERE reference = ANY(:references)")
                .param("references", java.util.Arrays.stream(entries).map(EntrySpec::reference).toArray(String[]::new))
                .query(String.class).list();
    }
}
