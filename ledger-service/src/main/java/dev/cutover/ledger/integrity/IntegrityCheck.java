package dev.cutover.ledger.integrity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recomputes the ledger from its entries, in one snapshot so postings committing meanwhile cannot make
 * a consistent ledger look broken: per currency Σ debits = Σ credits, and for every account the stored
 * running totals equal the sum of its lines.
 */
@Service
class IntegrityCheck {

    private final JdbcClient jdbc;

    IntegrityCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public IntegrityReport run() {
        Map<String, IntegrityReport.CurrencyTotals> currencies = new TreeMap<>();
        jdbc.sql("""
                SELECT e.currency,
                       coalesce(sum(l.amount) FILTER (WHERE l.direction = 'debit'), 0)  AS debits,
                       coalesce(sum(l.amount) FILTER (WHERE l.direction = 'credit'), 0) AS credits
                FROM entry_lines l JOIN journal_entries e ON e.id = l.entry_id
                GROUP BY e.currency""")
                .query((rs, row) -> {
                    long debits = rs.getLong("debits");
                    long credits = rs.getLong("credits");
                    currencies.put(rs.getString("currency"), new IntegrityReport.CurrencyTotals(debits, credits, debits == credits));
                    return null;
                }).list();

        List<IntegrityReport.Mismatch> mismatches = jdbc.sql("""
                SELECT a.id, a.currency, a.normal_balance, a.debits, a.credits,
                       coalesce(f.debits, 0) AS folded_debits, coalesce(f.credits, 0) AS folded_credits
                FROM accounts a
                LEFT JOIN (SELECT account_id,
                                  sum(amount) FILTER (WHERE direction = 'debit')  AS debits,
                                  sum(amount) FILTER (WHERE direction = 'credit') AS credits
                           FROM entry_lines GROUP BY account_id) f ON f.account_id = a.id
                WHERE a.debits <> coalesce(f.debits, 0) OR a.credits <> coalesce(f.credits, 0)
                ORDER BY a.id""")
                .query((rs, row) -> {
                    boolean debitNormal = "debit".equals(rs.getString("normal_balance"));
                    long stored = signed(debitNormal, rs.getLong("debits"), rs.getLong("credits"));
                    long computed = signed(debitNormal, rs.getLong("folded_debits"), rs.getLong("folded_credits"));
                    return new IntegrityReport.Mismatch(rs.getString("id"), rs.getString("currency"), stored, computed);
                }).list();

        boolean balanced = currencies.values().stream().allMatch(IntegrityReport.CurrencyTotals::balanced);
        return new IntegrityReport(balanced && mismatches.isEmpty(), currencies, mismatches);
    }

    private static long signed(boolean debitNormal, long debits, long credits) {
        return debitNormal ? debits - credits : credits - debits;
    }
}
