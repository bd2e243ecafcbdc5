package dev.cutover.ledger.sync;

import dev.cutover.ledger.support.LedgerClient;
import dev.cutover.ledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger's side of the sync with the monolith (Flyway V3, ADR 65): this service's postings export each entry as
 * one document at commit; a document a sync writes into {@code entry_exports} becomes the entry, its lines and their
 * totals, or a recorded conflict, when the sync's own transaction commits. The syncs here are JDBC transactions that do what
 * {@code VersionedUpserts} does: name their side in {@code cutover.sync_origin} and upsert by id under the version.
 */
@LedgerIntegrationTest
class EntrySyncIT {

    /**
     * The document of {@link #insertTheFixedEntry the fixed entry}, as {@code document::text} prints it. The monolith's
     * test (legacy/ledger/tests/test_sync.py) pins the very same text for the same entry.
     */
    static final String FIXED_DOCUMENT = "{\"id\": \"je_fixed_0001\", \"lines\": ["
            + "{\"amount\": 1500, \"line_no\": 0, \"direction\": \"debit\", \"account_id\": \"acc_fixed_cash\"}, "
            + "{\"amount\": 1200, \"line_no\": 1, \"direction\": \"credit\", \"account_id\": \"acc_fixed_wallet\"}, "
            + "{\"amount\": 300, \"line_no\": 2, \"direction\": \"credit\", \"account_id\": \"acc_fixed_wallet\"}], "
            + "\"currency\": \"USD\", \"metadata\": {\"batch\": \"7\", \"source\": \"test\"}, "
            + "\"posted_at\": \"2026-03-04T05:06:07.089000Z\", \"reference\": \"fixed-entry-1\", "
            + "\"description\": \"Opening balance \u2014 caf\u00e9\", \"fingerprint\": \"f1\", \"reversal_of\": null}";

    private static final DateTimeFormatter UTC_MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");
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

    LedgerClient ledger;
    JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void connect() {
        ledger = new LedgerClient(port);
    }

    // ── export ──────────────────────────────────────────────────────────────────────────────────────────────────

    @Test
    void anOwnPostingExportsItsWholeEntryOnceAtCommit() throws SQLException {
        String cash = ledger.openAccount(LedgerClient.account().allowNegative());
        String wallet = ledger.openAccount(LedgerClient.account().type("liability").guarded());
        String fees = ledger.openAccount(LedgerClient.account().type("revenue").allowNegative());
        String id = ledger.post(LedgerClient.entry().debit(cash, 700).credit(wallet, 650).credit(fees, 50)
                        .description("Top-up").metadata(Map.of("order", "o-1", "channel", "web")))
                .then().statusCode(201).extract().path("id");

        List<Map<String, Object>> exports = jdbc.sql("SELECT document::text AS document, row_version, sync_origin FROM entry_exports WHERE id = ?")
                .param(id).query().listOfRows();
        assertThat(exports).hasSize(1);
        assertThat(exports.getFirst()).containsEntry("row_version", 1L).containsEntry("sync_origin", null);

        Map<String, Object> entry = jdbc.sql("SELECT reference, fingerprint, posted_at FROM journal_entries WHERE id = ?")
                .param(id).query().singleRow();
        String postedAt = UTC_MICROS.format(((Timestamp) entry.get("posted_at")).toInstant().atOffset(ZoneOffset.UTC));
        Map<String, Object> document = parse((String) exports.getFirst().get("document"));
        assertThat(document).containsOnlyKeys("id", "reference", "currency", "description", "metadata", "fingerprint",
                "reversal_of", "posted_at", "lines");
        assertThat(document)
                .containsEntry("id", id)
                .containsEntry("reference", entry.get("reference"))
                .containsEntry("currency", "USD")
                .containsEntry("description", "Top-up")
                .containsEntry("metadata", Map.of("order", "o-1", "channel", "web"))
                .containsEntry("fingerprint", entry.get("fingerprint"))
                .containsEntry("reversal_of", null)
                .containsEntry("posted_at", postedAt);
        assertThat(postedAt).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(document.get("lines")).isEqualTo(List.of(
                line(0, cash, "debit", 700), line(1, wallet, "credit", 650), line(2, fees, "credit", 50)));

        // the same text from a session in another time zone
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'Pacific/Chatham'");
            try (PreparedStatement rebuilt = connection.prepareStatement(
                    "SELECT entry_document(e)::text FROM journal_entries e WHERE id = ?")) {
                rebuilt.setString(1, id);
                try (var rows = rebuilt.executeQuery()) {
                    rows.next();
                    assertThat(rows.getString(1)).isEqualTo(exports.getFirst().get("document"));
                }
            }
        }

        // a reversal is exported too, naming what it reverses
        String reversal = ledger.asOps().post("/api/v1/entries/{id}/reversal", id).then().statusCode(201).extract().path("id");
        Map<String, Object> reversed = exportOf(reversal);
        assertThat(reversed).containsEntry("reversal_of", id).containsEntry("reference", "reversal:" + id);
        assertThat(reversed.get("lines")).isEqualTo(List.of(
                line(0, cash, "credit", 700), line(1, wallet, "debit", 650), line(2, fees, "debit", 50)));
        assertThat(count("SELECT count(*) FROM entry_exports WHERE id IN (?, ?)", id, reversal)).isEqualTo(2);
    }

    @Test
    void theFixedEntryPrintsTheTextBothSidesPinWhateverTheSessionsTimeZone() throws SQLException {
        insertTheFixedEntry();

        assertThat(jdbc.sql("SELECT document::text FROM entry_exports WHERE id = 'je_fixed_0001'").query(String.class).single())
                .isEqualTo(FIXED_DOCUMENT);
        for (String zone : List.of("UTC", "America/Los_Angeles", "Asia/Kolkata")) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SET TimeZone = '" + zone + "'");
                try (var rows = statement.executeQuery("SELECT entry_document(e)::text FROM journal_entries e WHERE id = 'je_fixed_0001'")) {
                    rows.next();
                    assertThat(rows.getString(1)).as(zone).isEqualTo(FIXED_DOCUMENT);
                }
            }
        }
        assertIntegrity();
    }

    /**
     * The entry both sides' tests pin: written by hand (as a monolith's shell could) in a session whose TimeZone is not
     * UTC, lines out of order, with the totals it adds, so the integrity check still holds.
     */
    private void insertTheFixedEntry() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL TimeZone = 'Asia/Kathmandu'");
                statement.execute("""
                        INSERT INTO accounts (id, name, currency, type, normal_balance, allow_negative, created_at) VALUES
                            ('acc_fixed_cash', 'Fixed cash', 'USD', 'asset', 'debit', true, '2026-03-01 00:00:00+00'),
                            ('acc_fixed_wallet', 'Fixed wallet', 'USD', 'liability', 'credit', false, '2026-03-01 00:00:00+00')""");
                statement.execute("""
                        INSERT INTO journal_entries (id, reference, currency, description, metadata, fingerprint, reversal_of, posted_at)
                        VALUES ('je_fixed_0001', 'fixed-entry-1', 'USD', 'Opening balance — café', '{"source": "test", "batch": "7"}',
                                'f1', NULL, '2026-03-04 05:06:07.089+00')""");
                statement.execute("""
                        INSERT INTO entry_lines (entry_id, line_no, account_id, direction, amount, posted_at) VALUES
                            ('je_fixed_0001', 2, 'acc_fixed_wallet', 'credit', 300, '2026-03-04 10:51:07.089+05:45'),
                            ('je_fixed_0001', 0, 'acc_fixed_cash', 'debit', 1500, '2026-03-04 10:51:07.089+05:45'),
                            ('je_fixed_0001', 1, 'acc_fixed_wallet', 'credit', 1200, '2026-03-04 10:51:07.089+05:45')""");
                statement.execute("UPDATE accounts SET debits = debits + 1500 WHERE id = 'acc_fixed_cash'");
                statement.execute("UPDATE accounts SET credits = credits + 1500 WHERE id = 'acc_fixed_wallet'");
            }
            connection.commit();
        }
    }

    // ── import ──────────────────────────────────────────────────────────────────────────────────────────────────

    @Test
    void anImportedDocumentBecomesTheEntryItsLinesAndTheirTotalsAndIsNotExportedAgain() throws SQLException {
        String cash = ledger.openAccount(LedgerClient.account().allowNegative());
        String wallet = ledger.openAccount(LedgerClient.account().type("liability").guarded());
        ledger.post(LedgerClient.entry().debit(cash, 1_000).credit(wallet, 1_000)).then().statusCode(201);
        long exportsBefore = count("SELECT count(*) FROM entry_exports");
        Map<String, Object> walletBefore = accountRow(wallet);

        Doc doc = new Doc("imported-" + UUID.randomUUID(), "2026-05-06T07:08:09.123000Z")
                .description("From the monolith").metadata(Map.of("source", "legacy"))
                .line(cash, "credit", 400).line(wallet, "debit", 250).line(wallet, "debit", 150);
        assertThat(importing(sync -> sync.upsert(doc, 1))).containsExactly(1);

        Map<String, Object> entry = jdbc.sql("""
                        SELECT reference, currency, description, metadata::text AS metadata, fingerprint, reversal_of, posted_at
                          FROM journal_entries WHERE id = ?""")
                .param(doc.id).query().singleRow();
        assertThat(entry).containsEntry("reference", doc.reference).containsEntry("currency", "USD")
                .containsEntry("description", "From the monolith").containsEntry("metadata", "{\"source\": \"legacy\"}")
                .containsEntry("fingerprint", doc.fingerprint).containsEntry("reversal_of", null);
        assertThat(((Timestamp) entry.get("posted_at")).toInstant()).isEqualTo("2026-05-06T07:08:09.123Z");
        assertThat(jdbc.sql("""
                        SELECT line_no || ':' || account_id || ':' || direction || ':' || amount
                          FROM entry_lines WHERE entry_id = ? AND posted_at = ? ORDER BY line_no""")
                .params(doc.id, entry.get("posted_at")).query(String.class).list())
                .containsExactly("0:" + cash + ":credit:400", "1:" + wallet + ":debit:250", "2:" + wallet + ":debit:150");
        assertThat(accountRow(cash)).containsEntry("debits", 1_000L).containsEntry("credits", 400L);
        assertThat(accountRow(wallet)).containsEntry("debits", 400L).containsEntry("credits", 1_000L)
                .containsEntry("row_version", walletBefore.get("row_version")).containsEntry("sync_origin", null);
        assertThat(ledger.balance(wallet)).isEqualTo(600);

        assertThat(count("SELECT count(*) FROM entry_exports")).as("only the imported row").isEqualTo(exportsBefore + 1);
        assertThat(jdbc.sql("SELECT sync_origin FROM entry_exports WHERE id = ?").param(doc.id).query(String.class).single())
                .isEqualTo("legacy");
        // the service reads the imported entry like any other
        ledger.asOps().get("/api/v1/entries/{id}", doc.id).then().statusCode(200);
        assertIntegrity();
    }

    @Test
    void theSameImportAgainChangesNothing() throws SQLException {
        String cash = ledger.openAccount(LedgerClient.account().allowNegative());
        String equity = ledger.openAccount(LedgerClient.account().type("equity").allowNegative());
        Doc doc = new Doc("replayed-" + UUID.randomUUID(), "2026-05-06T07:08:09.000000Z").line(cash, "debit", 90).line(equity, "credit", 90);
        importing(sync -> sync.upsert(doc, 1));
        Map<String, Object> cashAfterFirst = accountRow(cash);

        assertThat(importing(sync -> sync.upsert(doc, 1))).as("the version guard: stale").containsExactly(0);
        assertThat(importing(sync -> sync.insertIfAbsent(doc))).as("a raw insert: nothing").containsExactly(0);
        // a newer version of the same document (documents never change, but a sync may carry one): an update, no import
        assertThat(importing(sync -> sync.upsert(doc, 2))).containsExactly(1);
        // the export row gone (pruned) and the document arriving again: the journal itself says it is here
        jdbc.sql("DELETE FROM entry_exports WHERE id = ?").param(doc.id).update();
        assertThat(importing(sync -> sync.upsert(doc, 1))).containsExactly(1);

        assertThat(count("SELECT count(*) FROM journal_entries WHERE id = ?", doc.id)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM entry_lines WHERE entry_id = ?", doc.id)).isEqualTo(2);
        assertThat(accountRow(cash)).isEqualTo(cashAfterFirst).containsEntry("debits", 90L);
        assertThat(count("SELECT count(*) FROM sync_conflicts WHERE entry_id = ?", doc.id)).isZero();
        assertIntegrity();
    }

    @Test
    void aReferenceTakenByAnotherEntryIsRecordedAndNothingIsWritten() throws SQLException {
        String cash = ledger.openAccount(LedgerClient.account().allowNegative());
        String equity = ledger.openAccount(LedgerClient.account().type("equity").allowNegative());
        String reference = "taken-" + UUID.randomUUID();
        String own = ledger.post(LedgerClient.entry().reference(reference).debit(cash, 10).credit(equity, 10))
                .then().statusCode(201).extract().path("id");
        Map<String, Object> cashBefore = accountRow(cash);

        Doc doc = new Doc(reference, "2026-05-06T07:08:09.000000Z").line(cash, "debit", 77).line(equity, "credit", 77);
        importing(sync -> sync.upsert(doc, 1));
        importing(sync -> {
            sync.delete(doc.id); // the same document delivered again after its export row was pruned
            sync.upsert(doc, 1);
        });

        assertThat(jdbc.sql("SELECT entry_id, reference, kind, origin FROM sync_conflicts WHERE entry_id = ?")
                .param(doc.id).query().listOfRows())
                .containsExactly(Map.of("entry_id", doc.id, "reference", reference, "kind", "reference_taken", "origin", "legacy"));
        assertNothingWrittenFor(doc);
        assertThat(jdbc.sql("SELECT id FROM journal_entries WHERE reference = ?").param(reference).query(String.class).single())
                .isEqualTo(own);
        assertThat(accountRow(cash)).isEqualTo(cashBefore);
        assertIntegrity();
    }

    @Test
    void anImportThatWouldOverdrawAGuardedAccountIsRecordedSkippedAndTheTransactionCommits() throws SQLException {
        String funding = ledger.openAccount(LedgerClient.account().type("equity").allowNegative());
        String guarded = ledger.openAccount(LedgerClient.account().type("asset").guarded());
        String sink = ledger.openAccount(LedgerClient.account().type("expense").allowNegative());
        ledger.post(LedgerClient.entry().debit(guarded, 100).credit(funding, 100)).then().statusCode(201);
        Map<String, Object> guardedBefore = accountRow(guarded);

        Doc overdraws = new Doc("overdraw-" + UUID.randomUUID(), "2026-05-06T07:08:09.000000Z").line(sink, "debit", 101).line(guarded, "credit", 101);
        Doc fits = new Doc("fits-" + UUID.randomUUID(), "2026-05-06T07:08:10.000000Z").line(sink, "debit", 100).line(guarded, "credit", 100);
        // one sync batch: the refused entry does not stop the one after it
        assertThat(importing(sync -> {
            sync.upsert(overdraws, 1);
            sync.upsert(fits, 1);
        })).containsExactly(1, 1);
        importing(sync -> sync.upsert(overdraws, 2)); // an update of the export row: no second attempt, no second conflict
        importing(sync -> {
            sync.delete(overdraws.id);
            sync.upsert(overdraws, 1); // delivered again: the same conflict, recorded once
        });

        assertThat(jdbc.sql("SELECT kind, reference, origin FROM sync_conflicts WHERE entry_id = ?").param(overdraws.id).query().listOfRows())
                .containsExactly(Map.of("kind", "would_overdraw", "reference", overdraws.reference, "origin", "legacy"));
        assertNothingWrittenFor(overdraws);
        assertThat(count("SELECT count(*) FROM journal_entries WHERE id = ?", fits.id)).isEqualTo(1);
        assertThat(accountRow(guarded)).containsEntry("debits", guardedBefore.get("debits"))
                .containsEntry("credits", (Long) guardedBefore.get("credits") + 100);
        assertThat(ledger.balance(guarded)).isZero();
        assertIntegrity();
    }

    @Test
    void aReversalIsImportedAfterWhatItReversesAndRecordedWhenThatIsMissing() throws SQLException {
        String cash = ledger.openAccount(LedgerClient.account().allowNegative());
        String equity = ledger.openAccount(LedgerClient.account().type("equity").allowNegative());
        Doc original = new Doc("orig-" + UUID.randomUUID(), "2026-05-06T07:08:09.000000Z").line(cash, "debit", 30).line(equity, "credit", 30);
        Doc reversal = reversalOf(original.id, "2026-05-06T07:08:10.000000Z").line(cash, "credit", 30).line(equity, "debit", 30);
        Doc orphan = reversalOf("je_never_seen_here", "2026-05-06T07:08:11.000000Z").line(cash, "credit", 5).line(equity, "debit", 5);

        importing(sync -> {
            sync.upsert(original, 1);
            sync.upsert(reversal, 1);
            sync.upsert(orphan, 1);
        });

        assertThat(jdbc.sql("SELECT reversal_of FROM journal_entries WHERE id = ?").param(reversal.id).query(String.class).single())
                .isEqualTo(original.id);
        assertThat(jdbc.sql("SELECT kind FROM sync_conflicts WHERE entry_id = ?").param(orphan.id).query(String.class).list())
                .containsExactly("reversed_entry_missing");
        assertNothingWrittenFor(orphan);
        assertThat(accountRow(cash)).containsEntry("debits", 30L).containsEntry("credits", 30L);
        // this service does not reverse it again: the imported reversal holds its reference (409 already_reversed when
        // the fingerprints agree, 422 when, as here, the test's made-up fingerprint differs)
        assertThat(ledger.asOps().post("/api/v1/entries/{id}/reversal", original.id).statusCode()).isIn(409, 422);
        assertThat(count("SELECT count(*) FROM journal_entries WHERE reversal_of = ?", original.id)).isEqualTo(1);
        assertIntegrity();
    }

    @Test
    void aDocumentNamingAnAccountThisSideDoesNotHaveFailsTheSyncsTransaction() throws SQLException {
        String cash = ledger.openAccount(LedgerClient.account().allowNegative());
        Doc doc = new Doc("unknown-account-" + UUID.randomUUID(), "2026-05-06T07:08:09.000000Z")
                .line(cash, "debit", 5).line("acc_not_synced_yet", "credit", 5);

        assertThatThrownBy(() -> importing(sync -> sync.upsert(doc, 1)))
                .isInstanceOf(SQLException.class).hasMessageContaining("names an account this side does not have: acc_not_synced_yet");
        assertThat(count("SELECT count(*) FROM entry_exports WHERE id = ?", doc.id)).isZero();
        assertNothingWrittenFor(doc);
    }

    // ── accounts ────────────────────────────────────────────────────────────────────────────────────────────────

    @Test
    void aSyncedAccountKeepsItsIncomingVersionAndOriginWhilePostingsChangeItsTotals() throws SQLException {
        String copied = "acc_copied_" + UUID.randomUUID().toString().replace("-", "");
        String equity = ledger.openAccount(LedgerClient.account().type("equity").allowNegative());
        assertThat(accountRow(equity)).containsEntry("row_version", 1L).containsEntry("sync_origin", null);

        assertThat(importing(sync -> sync.upsertAccount(copied, "Copied wallet", 3))).containsExactly(1);
        assertThat(accountRow(copied)).containsEntry("row_version", 3L).containsEntry("sync_origin", "legacy")
                .containsEntry("debits", 0L).containsEntry("credits", 0L);

        // this service posts to it, and an imported entry touches it: totals change, the account does not
        ledger.post(LedgerClient.entry().debit(copied, 500).credit(equity, 500)).then().statusCode(201);
        Doc doc = new Doc("to-copied-" + UUID.randomUUID(), "2026-05-06T07:08:09.000000Z").line(copied, "debit", 20).line(equity, "credit", 20);
        importing(sync -> sync.upsert(doc, 1));
        assertThat(accountRow(copied)).containsEntry("row_version", 3L).containsEntry("sync_origin", "legacy")
                .containsEntry("debits", 520L).containsEntry("credits", 0L);
        assertThat(accountRow(equity)).containsEntry("row_version", 1L).containsEntry("sync_origin", null);

        // the source's change events of the account (its totals moved there) carry the same version: stale
        assertThat(importing(sync -> sync.upsertAccount(copied, "Copied wallet", 3))).containsExactly(0);
        // a newer version (renamed there) is applied, and the totals are this side's still
        assertThat(importing(sync -> sync.upsertAccount(copied, "Renamed wallet", 4))).containsExactly(1);
        assertThat(accountRow(copied)).containsEntry("name", "Renamed wallet").containsEntry("row_version", 4L)
                .containsEntry("sync_origin", "legacy").containsEntry("debits", 520L);
        // totals are never copied, even by a sync whose statement carries them
        importing(sync -> sync.execute("INSERT INTO accounts AS t (id, name, currency, type, normal_balance, allow_negative, "
                + "created_at, debits, credits, row_version) SELECT id, name, currency, type, normal_balance, allow_negative, "
                + "created_at, 999, 999, 5 FROM accounts WHERE id = '" + copied + "' ON CONFLICT (id) DO UPDATE SET "
                + "debits = EXCLUDED.debits, credits = EXCLUDED.credits, row_version = EXCLUDED.row_version"));
        String fresh = "acc_copied_" + UUID.randomUUID().toString().replace("-", "");
        importing(sync -> sync.execute("INSERT INTO accounts (id, name, currency, type, normal_balance, allow_negative, "
                + "created_at, debits, credits, row_version) VALUES ('" + fresh + "', 'Fresh', 'USD', 'asset', 'debit', true, now(), 7, 0, 1)"));
        assertThat(accountRow(copied)).containsEntry("row_version", 5L).containsEntry("debits", 520L).containsEntry("credits", 0L);
        assertThat(accountRow(fresh)).containsEntry("debits", 0L).containsEntry("credits", 0L).containsEntry("sync_origin", "legacy");
        assertThat(ledger.balance(copied)).isEqualTo(520);
        assertIntegrity();
    }

    // ── helpers ─────────────────────────────────────────────────────────────────────────────────────────────────

    private void assertNothingWrittenFor(Doc doc) {
        assertThat(count("SELECT count(*) FROM journal_entries WHERE id = ?", doc.id)).isZero();
        assertThat(count("SELECT count(*) FROM entry_lines WHERE entry_id = ?", doc.id)).isZero();
    }

    private void assertIntegrity() {
        Map<String, Object> report = ledger.asOps().get("/api/v1/ledger/integrity").then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertThat(report.get("ok")).as("integrity report %s", report).isEqualTo(true);
    }

    private Map<String, Object> accountRow(String id) {
        return jdbc.sql("SELECT name, debits, credits, row_version, sync_origin FROM accounts WHERE id = ?").param(id).query().singleRow();
    }

    private Map<String, Object> exportOf(String id) {
        return parse(jdbc.sql("SELECT document::text FROM entry_exports WHERE id = ?").param(id).query(String.class).single());
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(String document) {
        return json.readValue(document, Map.class);
    }

    private static Map<String, Object> line(int lineNo, String account, String direction, long amount) {
        return Map.of("line_no", lineNo, "account_id", account, "direction", direction, "amount", (int) amount);
    }

    /** The reversal of {@code entryId} as the other side exports it: its reference is {@code reversal:<id>} there too. */
    Doc reversalOf(String entryId, String postedAt) {
        Doc doc = new Doc("reversal:" + entryId, postedAt);
        doc.reversalOf = entryId;
        return doc;
    }

    /** An entry as the other side exports it. */
    final class Doc {
        final String id = "je_" + UUID.randomUUID().toString().replace("-", "");
        final String reference;
        final String postedAt;
        final String fingerprint = UUID.randomUUID().toString();
        String description;
        Map<String, String> metadata = Map.of();
        String reversalOf;
        final List<Map<String, Object>> lines = new ArrayList<>();

        Doc(String reference, String postedAt) {
            this.reference = reference;
            this.postedAt = postedAt;
        }

        Doc description(String text) {
            description = text;
            return this;
        }

        Doc metadata(Map<String, String> values) {
            metadata = values;
            return this;
        }

        Doc line(String account, String direction, long amount) {
            lines.add(Map.of("line_no", lines.size(), "account_id", account, "direction", direction, "amount", amount));
            return this;
        }

        String text() {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("id", id);
            document.put("reference", reference);
            document.put("currency", "USD");
            document.put("description", description);
            document.put("metadata", metadata);
            document.put("fingerprint", fingerprint);
            document.put("reversal_of", reversalOf);
            document.put("posted_at", postedAt);
            document.put("lines", lines);
            return json.writeValueAsString(document);
        }
    }

    /** What one sync transaction does. */
    interface SyncWork {
        void run(Sync sync) throws SQLException;
    }

    /** The statements of a sync's transaction, each answering its update count. */
    final class Sync {
        private final Connection connection;
        private final List<Integer> counts = new ArrayList<>();

        Sync(Connection connection) {
            this.connection = connection;
        }

        void upsert(Doc doc, long version) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
                statement.setString(1, doc.id);
                statement.setString(2, doc.text());
                statement.setString(3, "2026-05-06T07:08:09Z");
                statement.setString(4, Long.toString(version));
                counts.add(statement.executeUpdate());
            }
        }

        void insertIfAbsent(Doc doc) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO entry_exports (id, document, row_version) VALUES (?, CAST(? AS jsonb), 1) ON CONFLICT (id) DO NOTHING")) {
                statement.setString(1, doc.id);
                statement.setString(2, doc.text());
                counts.add(statement.executeUpdate());
            }
        }

        void execute(String sql) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                counts.add(statement.executeUpdate(sql));
            }
        }

        void delete(String id) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM entry_exports WHERE id = ?")) {
                statement.setString(1, id);
                statement.executeUpdate();
            }
        }

        /** An account as the sync copies it: every column but the totals. */
        void upsertAccount(String id, String name, long version) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO accounts AS t (id, name, currency, type, normal_balance, allow_negative, owner_id, created_at, row_version)
                    VALUES (?, ?, 'USD', 'asset', 'debit', CAST(? AS boolean), NULL, CAST(? AS timestamptz), CAST(? AS bigint))
                    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, currency = EXCLUDED.currency, type = EXCLUDED.type,
                        normal_balance = EXCLUDED.normal_balance, allow_negative = EXCLUDED.allow_negative,
                        owner_id = EXCLUDED.owner_id, created_at = EXCLUDED.created_at, row_version = EXCLUDED.row_version
                    WHERE t.row_version < EXCLUDED.row_version""")) {
                statement.setString(1, id);
                statement.setString(2, name);
                statement.setString(3, "false");
                statement.setString(4, "2026-04-01T00:00:00Z");
                statement.setString(5, Long.toString(version));
                counts.add(statement.executeUpdate());
            }
        }
    }

    /** Runs {@code work} as one sync transaction from the monolith; answers the update counts of its statements. */
    private List<Integer> importing(SyncWork work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement origin = connection.prepareStatement("SELECT set_config('cutover.sync_origin', ?, true)")) {
                    origin.setString(1, "legacy");
                    origin.execute();
                }
                Sync sync = new Sync(connection);
                work.run(sync);
                connection.commit();
                return sync.counts;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
