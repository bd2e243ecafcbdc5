"""
Recomputes the ledger from its entries: per currency Σ debits = Σ credits, and for every account the stored running
totals equal the sum of its lines. Both are read by ONE statement, hence from one snapshot, so postings committing
meanwhile cannot make a consistent ledger look broken (the Java side runs two queries in a REPEATABLE READ
transaction, which a request already inside a transaction could not open).
"""
from django.db import connection

from .models import signed

_REPORT = """
WITH by_currency AS (
    SELECT e.currency,
           coalesce(sum(l.amount) FILTER (WHERE l.direction = 'debit'), 0)  AS debits,
           coalesce(sum(l.amount) FILTER (WHERE l.direction = 'credit'), 0) AS credits
      FROM ledger_entry_line l JOIN ledger_journal_entry e ON e.id = l.entry_id
     GROUP BY e.currency
), folded AS (
    SELECT account_id,
           sum(amount) FILTER (WHERE direction = 'debit')  AS debits,
           sum(amount) FILTER (WHERE direction = 'credit') AS credits
      FROM ledger_entry_line GROUP BY account_id
)
SELECT 'currency', c.currency, c.currency, NULL, NULL::bigint, NULL::bigint, c.debits, c.credits FROM by_currency c
UNION ALL
SELECT 'mismatch', a.id, a.currency, a.normal_balance, a.debits, a.credits,
       coalesce(f.debits, 0), coalesce(f.credits, 0)
  FROM ledger_account a LEFT JOIN folded f ON f.account_id = a.id
 WHERE a.debits <> coalesce(f.debits, 0) OR a.credits <> coalesce(f.credits, 0)
"""


def report():
    """The IntegrityReport document: ``{ok, currencies: {code: {debits, credits, balanced}}, mismatches: [...]}``."""
    with connection.cursor() as cursor:
        cursor.execute(_REPORT)
        rows = cursor.fetchall()
    currencies, mismatches = {}, []
    for kind, key, currency, normal_balance, debits, credits, folded_debits, folded_credits in sorted(
            rows, key=lambda row: (row[0], row[1])):
        if kind == "currency":
            currencies[key] = {"debits": int(folded_debits), "credits": int(folded_credits),
                               "balanced": folded_debits == folded_credits}
        else:
            mismatches.append({"account_id": key, "currency": currency,
                               "stored_balance": signed(normal_balance, int(debits), int(credits)),
                               "computed_balance": signed(normal_balance, int(folded_debits), int(folded_credits))})
    balanced = all(totals["balanced"] for totals in currencies.values())
    return {"ok": balanced and not mismatches, "currencies": currencies, "mismatches": mismatches}
