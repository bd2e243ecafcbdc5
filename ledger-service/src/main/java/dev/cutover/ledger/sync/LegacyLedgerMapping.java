package dev.cutover.ledger.sync;

import dev.cutover.sync.LegacySync;
import dev.cutover.sync.Reconciliation;
import dev.cutover.sync.TableMapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that knows the legacy monolith's ledger tables (ADR 65). Two things travel: accounts, without their
 * running totals, and whole journal entries, as the documents each side's export trigger writes into its export
 * table; the target's own trigger turns an imported document into its entry, lines and totals. A monolith whose
 * tables differ changes only this class and its export and import triggers. Accounts come before entries.
 */
final class LegacyLedgerMapping {

    static final String LEGACY_FENCES = "public.ledger_sync_fence";
    static final String OWN_FENCES = "ledger.sync_fences";

    private static final List<String> ACCOUNT_COLUMNS = List.of("id", "name", "currency", "type", "normal_balance",
            "allow_negative", "owner_id", "created_at");
    private static final List<String> ENTRY_COLUMNS = List.of("id", "reference", "currency", "description", "metadata",
            "fingerprint", "reversal_of", "posted_at");

    static final List<TableMapping> FROM_LEGACY = List.of(
            // an account's copied columns never change; its totals (not copied) change at every posting
            TableMapping.sameColumns("public.ledger_account", "ledger.accounts", "id", ACCOUNT_COLUMNS).insertedOnly(),
            // a document never changes once written
            TableMapping.sameColumns("public.ledger_entry_export", "ledger.entry_exports", "id", List.of("id", "document"))
                    .insertedOnly());

    static final List<TableMapping> TO_LEGACY = FROM_LEGACY.stream().map(TableMapping::reversed).toList();

    /**
     * What reconciliation compares: the synced rows, every account's totals (so its balance), and the journal itself,
     * entry by entry and line by line.
     */
    static final List<Reconciliation.Compared> COMPARED = List.of(
            new Reconciliation.Compared("accounts", "public.ledger_account", "ledger.accounts", "id", "id",
                    same(concat(ACCOUNT_COLUMNS, List.of("debits", "credits")))),
            Reconciliation.Compared.of(FROM_LEGACY.get(1)),
            new Reconciliation.Compared("journal_entries", "public.ledger_journal_entry", "ledger.journal_entries", "id", "id",
                    same(ENTRY_COLUMNS)),
            new Reconciliation.Compared("entry_lines", "public.ledger_entry_line", "ledger.entry_lines",
                    "entry_id || ':' || line_no", "entry_id || ':' || line_no",
                    same(List.of("account_id", "direction", "amount", "posted_at"))));

    static final LegacySync.Domain DOMAIN = new LegacySync.Domain("ledger", "ledger", FROM_LEGACY, TO_LEGACY,
            LEGACY_FENCES, OWN_FENCES, COMPARED);

    private LegacyLedgerMapping() {
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

    private static Map<String, String> same(List<String> columns) {
        Map<String, String> same = new LinkedHashMap<>();
        columns.forEach(column -> same.put(column, column));
        return same;
    }
}
