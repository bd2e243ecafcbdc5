"""What the database itself refuses, whatever code (or person with a shell) asks."""
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test import TestCase, TransactionTestCase

from core import ids, times

from ledger import api
from ledger.models import Account, EntryLine, JournalEntry


def sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, list(params))


class JournalImmutabilityTest(TestCase):
    def setUp(self):
        self.cash = api.open_account("Cash", "USD", "asset", True)
        self.wallet = api.open_account("Wallet", "USD", "liability", False)
        self.euros = api.open_account("Euros", "EUR", "asset", True)
        self.entry = api.post_entry("r1", [(self.cash, "debit", 10), (self.wallet, "credit", 10)])

    def assertRefused(self, statement, params=(), error=DatabaseError):
        with self.assertRaises(error), transaction.atomic():
            sql(statement, params)

    def test_updating_or_deleting_an_entry_or_a_line_is_refused(self):
        self.assertRefused("UPDATE ledger_journal_entry SET description = 'changed' WHERE id = %s", [self.entry])
        self.assertRefused("DELETE FROM ledger_journal_entry WHERE id = %s", [self.entry])
        self.assertRefused("UPDATE ledger_entry_line SET amount = 11 WHERE entry_id = %s", [self.entry])
        self.assertRefused("DELETE FROM ledger_entry_line WHERE entry_id = %s", [self.entry])
        with self.assertRaises(DatabaseError), transaction.atomic():
            JournalEntry.objects.filter(pk=self.entry).update(reference="other")
        self.assertEqual(("r1", 2), (JournalEntry.objects.get(pk=self.entry).reference,
                                     EntryLine.objects.filter(entry_id=self.entry).count()))

    def test_truncating_the_journal_is_refused_outside_a_test_run(self):
        sql("SET LOCAL cutover.test_run = 'off'")
        self.assertRefused("TRUNCATE ledger_entry_line, ledger_journal_entry CASCADE")
        self.assertEqual(1, JournalEntry.objects.filter(pk=self.entry).count())

    def test_a_guarded_account_cannot_be_taken_below_zero_by_its_totals(self):
        self.assertRefused("UPDATE ledger_account SET debits = credits + 1 WHERE id = %s", [self.wallet],
                           IntegrityError)
        sql("UPDATE ledger_account SET credits = debits + 1 WHERE id = %s", [self.cash])  # allow_negative: fine

    def test_account_rows_must_be_coherent(self):
        now = times.now()
        for normal_balance, account_type, currency in (("credit", "asset", "USD"), ("debit", "savings", "USD"),
                                                       ("debit", "asset", "usd")):
            self.assertRefused(
                "INSERT INTO ledger_account (id, name, currency, type, normal_balance, allow_negative, debits, "
                "credits, created_at) VALUES (%s, 'x', %s, %s, %s, true, 0, 0, %s)",
                [ids.new_id("acc_"), currency, account_type, normal_balance, now], IntegrityError)

    def test_a_line_must_have_a_positive_amount_and_a_side(self):
        for direction, amount in (("debit", 0), ("debit", -5), ("up", 5)):
            with self.assertRaises(IntegrityError), transaction.atomic():
                entry = self._entry(ids.new_id("je_"), "USD", [(self.cash, "debit", 5), (self.wallet, "credit", 5)])
                EntryLine.objects.create(entry_id=entry.id, line_no=9, account_id=self.cash, direction=direction,
                                         amount=amount, posted_at=entry.posted_at)

    def test_an_unbalanced_entry_is_refused_at_commit(self):
        self.assertEqual("refused", self._commit_check("USD", [(self.cash, "debit", 5), (self.wallet, "credit", 4)]))

    def test_an_entry_across_currencies_is_refused_at_commit(self):
        self.assertEqual("refused", self._commit_check("USD", [(self.cash, "debit", 5), (self.euros, "credit", 5)]))

    def test_an_entry_of_fewer_than_two_lines_is_refused_at_commit(self):
        self.assertEqual("refused", self._commit_check("USD", [(self.cash, "debit", 5)]))
        self.assertEqual("refused", self._commit_check("USD", []))

    def test_a_consistent_entry_passes_the_commit_check(self):
        self.assertEqual("passed", self._commit_check("USD", [(self.cash, "debit", 5), (self.wallet, "credit", 5)]))

    def _entry(self, reference, currency, lines=()):
        posted_at = times.now()
        entry = JournalEntry.objects.create(id=ids.new_id("je_"), reference=reference, currency=currency,
                                            fingerprint="x", posted_at=posted_at)
        for number, (account_id, direction, amount) in enumerate(lines):
            EntryLine.objects.create(entry=entry, line_no=number, account_id=account_id, direction=direction,
                                     amount=amount, posted_at=posted_at)
        return entry

    def _commit_check(self, currency, lines):
        """
        A test runs inside a transaction that never commits: the deferred check is made to run at once instead,
        in a savepoint that is always rolled back (which also restores the constraint's deferred mode).
        """
        class RolledBack(Exception):
            pass

        try:
            with transaction.atomic():
                self._entry(ids.new_id("je_"), currency, lines)
                sql("SET CONSTRAINTS ledger_journal_entry_consistent IMMEDIATE")
                raise RolledBack()
        except RolledBack:
            return "passed"
        except IntegrityError:
            return "refused"


class LateLinesTest(TransactionTestCase):
    def test_lines_cannot_be_added_to_an_entry_of_an_earlier_transaction(self):
        cash = api.open_account("Cash", "USD", "asset", True)
        wallet = api.open_account("Wallet", "USD", "liability", True)
        entry_id = api.post_entry("r1", [(cash, "debit", 10), (wallet, "credit", 10)])  # committed
        with self.assertRaises(DatabaseError), transaction.atomic():
            EntryLine.objects.create(entry_id=entry_id, line_no=2, account_id=cash, direction="debit", amount=1,
                                     posted_at=times.now())
        self.assertEqual(2, EntryLine.objects.filter(entry_id=entry_id).count())

    def test_an_entry_committed_without_its_checks_holding_is_rolled_back(self):
        cash = api.open_account("Cash", "USD", "asset", True)
        with self.assertRaises(IntegrityError), transaction.atomic():
            JournalEntry.objects.create(id=ids.new_id("je_"), reference="lonely", currency="USD", fingerprint="x",
                                        posted_at=times.now())
        self.assertFalse(JournalEntry.objects.exists())
        self.assertEqual(1, Account.objects.filter(pk=cash).count())
