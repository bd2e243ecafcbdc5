package dev.cutover.ledger.sync;

import dev.cutover.ledger.support.LedgerClient;
import dev.cutover.ledger.support.LedgerClient.EntrySpec;
import dev.cutover.ledger.support.LedgerIntegrationTest;
import dev.cutover.testsupport.Concurrently;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * This service posting through its own code while a sync imports the monolith's entries onto the same accounts,
 * guarded ones included: the import locks accounts in the order posting does, so they queue instead of deadlocking,
 * and afterwards every account's totals are the fold of its lines.
 */
@LedgerIntegrationTest
class EntrySyncConcurrencyIT {

    private static final int POSTING_THREADS = 8;
    private static final int POSTINGS_PER_THREAD = 30;
    private static final int IMPORT_THREADS = 4;
    private static final int IMPORTS_PER_THREAD = 30;
    private static final DateTimeFormatter UTC_MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String UPSERT = """
            INSERT INTO entry_exports AS t (id, document, created_at, row_version)
            VALUES (?, CAST(? AS jsonb), CAST(? AS timestamptz), CAST(? AS bigint))
            ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document, created_at = EXCLUDED.created_at,
                                           row_version = EXCLUDED.row_version
            WHERE t.row_version < EXCLUDED.row_version""";

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    final JsonMapper json = JsonMapper.builder().build();

    /**
     * A sync's transaction holds one entry or many (a stream's batch): either way its imports lock every account they
     * touch at once, in id order, at commit (V3), so neither side meets a deadlock. (Locking each entry's accounts
     * as its row arrived did: a posting waiting on the first entry's accounts while holding the second's; with four
     * entries per transaction, postings failed after all their retries.) Any failure of a sync transaction fails this.
     */
    @ParameterizedTest(name = "{0} entries per sync transaction")
    @ValueSource(ints = {1, 4, 16})
    void postingsAndImportsOnSharedAccountsQueueAndKeepTheBooks(int entriesPerImport) {
        long seed = System.nanoTime();
        LedgerClient ledger = new LedgerClient(port);
        String source = ledger.openAccount(LedgerClient.account().type("equity").allowNegative());
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String guarded = ledger.openAccount(LedgerClient.account().type("asset").guarded());
            ledger.post(LedgerClient.entry().debit(guarded, 20_000).credit(source, 20_000)).then().statusCode(201);
            accounts.add(guarded);
        }
        for (String type : List.of("liability", "expense", "asset")) {
            accounts.add(ledger.openAccount(LedgerClient.account().type(type).allowNegative()));
        }
        accounts.add(source);
        String run = "sync-race-" + UUID.randomUUID();

        List<List<String>> imported = Collections.synchronizedList(new ArrayList<>());
        List<Object> outcomes = Concurrently.run(POSTING_THREADS + IMPORT_THREADS, n -> () -> {
            Random random = new Random(seed + n);
            if (n < POSTING_THREADS) {
                return post(ledger, random, accounts, run + "-p" + n);
            }
            List<String> ids = new ArrayList<>();
            for (int k = 0; k < IMPORTS_PER_THREAD; k++) {
                List<Map<String, Object>> documents = new ArrayList<>();
                for (int e = 0; e < entriesPerImport; e++) {
                    documents.add(document(random, accounts, run + "-i" + n + "-" + k + "-" + e));
                }
                importing(documents);
                documents.forEach(d -> ids.add((String) d.get("id")));
            }
            imported.add(ids);
            return ids;
        });

        List<Integer> statuses = new ArrayList<>();
        outcomes.subList(0, POSTING_THREADS).forEach(o -> statuses.addAll(castStatuses(o)));
        assertThat(statuses).as("postings only posted or refused for funds, never failed (seed %d)", seed)
                .allMatch(s -> s == 201 || s == 422);

        List<String> importedIds = imported.stream().flatMap(List::stream).toList();
        assertThat(importedIds).hasSize(IMPORT_THREADS * IMPORTS_PER_THREAD * entriesPerImport);
        long applied = count("SELECT count(*) FROM journal_entries WHERE id = ANY(?)", importedIds);
        long refused = count("SELECT count(*) FROM sync_conflicts WHERE entry_id = ANY(?) AND kind = 'would_overdraw'", importedIds);
        assertThat(applied + refused).as("each imported document became its entry or a conflict (seed %d)", seed)
                .isEqualTo(importedIds.size());
        assertThat(count("SELECT count(*) FROM journal_entries e JOIN sync_conflicts c ON c.entry_id = e.id WHERE e.id = ANY(?)", importedIds))
                .isZero();
        assertThat(applied).as("most imports apply").isGreaterThan(importedIds.size() / 2);
        assertThat(count("SELECT count(*) FROM entry_exports WHERE id = ANY(?) AND sync_origin = 'legacy'", importedIds))
                .isEqualTo(importedIds.size());
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM journal_entries e
                         WHERE e.reference LIKE ? AND NOT EXISTS (
                               SELECT 1 FROM entry_exports x WHERE x.id = e.id AND x.sync_origin IS NULL)""")
                .param(run + "-p%").query(Long.class).single())
                .as("every own posting exported by this side").isZero();

        Map<String, Object> integrity = ledger.asOps().get("/api/v1/ledger/integrity").then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertThat(integrity.get("ok")).as("integrity %s (seed %d)", integrity, seed).isEqualTo(true);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM accounts WHERE id = ANY(?) AND NOT allow_negative
                           AND (CASE normal_balance WHEN 'debit' THEN debits - credits ELSE credits - debits END) < 0""")
                .param(new SqlArrayValue("text", accounts.toArray())).query(Long.class).single()).isZero();
        System.out.printf("%d entries per sync transaction: %d postings, %d imported, %d would overdraw%n",
                entriesPerImport, statuses.size(), applied, refused);
    }

    /** Singles and small batches through the service's API; the status of every posting. */
    private List<Integer> post(LedgerClient ledger, Random random, List<String> accounts, String prefix) {
        List<Integer> statuses = new ArrayList<>();
        for (int k = 0; k < POSTINGS_PER_THREAD; k++) {
            if (k % 5 == 4) {
                List<EntrySpec> batch = new ArrayList<>();
                for (int b = 0; b < 4; b++) {
                    batch.add(entry(random, accounts, prefix + "-" + k + "-" + b));
                }
                statuses.addAll(ledger.postBatch(batch).then().statusCode(200).extract().jsonPath().<Integer>getList("data.status"));
            } else {
                Response response = ledger.post(entry(random, accounts, prefix + "-" + k));
                if (response.statusCode() == 422) {
                    assertThat(response.jsonPath().getString("code")).isEqualTo("insufficient_funds");
                }
                statuses.add(response.statusCode());
            }
        }
        return statuses;
    }

    /** A debit of one account against credits of one to three others, the accounts in random order. */
    private static EntrySpec entry(Random random, List<String> accounts, String reference) {
        EntrySpec entry = LedgerClient.entry().reference(reference);
        lines(random, accounts).forEach(line -> {
            if ("debit".equals(line.get("direction"))) {
                entry.debit((String) line.get("account_id"), (Long) line.get("amount"));
            } else {
                entry.credit((String) line.get("account_id"), (Long) line.get("amount"));
            }
        });
        return entry;
    }

    private Map<String, Object> document(Random random, List<String> accounts, String reference) {
        List<Map<String, Object>> lines = lines(random, accounts);
        for (int i = 0; i < lines.size(); i++) {
            lines.get(i).put("line_no", i);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", "je_" + UUID.randomUUID().toString().replace("-", ""));
        document.put("reference", reference);
        document.put("currency", "USD");
        document.put("description", null);
        document.put("metadata", Map.of());
        document.put("fingerprint", UUID.randomUUID().toString());
        document.put("reversal_of", null);
        document.put("posted_at", UTC_MICROS.format(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        document.put("lines", lines);
        return document;
    }

    private static List<Map<String, Object>> lines(Random random, List<String> accounts) {
        List<String> picked = new ArrayList<>(accounts);
        Collections.shuffle(picked, random);
        int credits = 1 + random.nextInt(3);
        List<Map<String, Object>> lines = new ArrayList<>();
        long total = 0;
        for (int i = 1; i <= credits; i++) {
            long amount = 1 + random.nextInt(1_500);
            total += amount;
            lines.add(line(picked.get(i), "credit", amount));
        }
        lines.add(random.nextInt(lines.size() + 1), line(picked.getFirst(), "debit", total));
        return lines;
    }

    private static Map<String, Object> line(String account, String direction, long amount) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("account_id", account);
        line.put("direction", direction);
        line.put("amount", amount);
        return line;
    }

    /** One sync transaction, as VersionedUpserts writes it: the origin, then the rows as one JDBC batch. */
    private void importing(List<Map<String, Object>> documents) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement origin = connection.prepareStatement("SELECT set_config('cutover.sync_origin', 'legacy', true)")) {
                    origin.execute();
                }
                try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                    for (Map<String, Object> document : documents) {
                        upsert.setString(1, (String) document.get("id"));
                        upsert.setString(2, json.writeValueAsString(document));
                        upsert.setString(3, Instant.now().toString());
                        upsert.setString(4, "1");
                        upsert.addBatch();
                    }
                    upsert.executeBatch();
                }
                connection.commit();
            } catch (SQLException failed) {
                connection.rollback();
                throw failed.getNextException() != null ? failed.getNextException() : failed;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> castStatuses(Object outcome) {
        return (List<Integer>) outcome;
    }

    private long count(String sql, List<String> ids) {
        return jdbc.sql(sql).param(new SqlArrayValue("text", ids.toArray())).query(Long.class).single();
    }
}
