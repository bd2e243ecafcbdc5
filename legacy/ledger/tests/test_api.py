"""ledger.api: what the payments domain calls in-process, inside its own database transaction."""
from django.db import transaction
from django.test import TestCase

from core.problems import Problem

from ledger import api
from ledger.models import Account, JournalEntry
from ledger.posting import Line, PostingRequest


class InProcessApiTest(TestCase):
    def setUp(self):
        self.clearing = api.open_account("Card clearing USD", "USD", "asset", True)
        self.settlement = api.open_account("Merchant settlement USD", "USD", "liability", True)

    def charge(self, reference="txn_1", amount=1250, **extra):
        return api.post_entry(reference, [(self.clearing, "debit", amount), (self.settlement, "credit", amount)],
                              **extra)

    def test_opened_accounts_follow_their_type(self):
        account = Account.objects.get(pk=self.settlement)
        self.assertTrue(self.settlement.startswith("acc_"))
        self.assertEqual(("liability", "credit", True, None),
                         (account.type, account.normal_balance, account.allow_negative, account.owner_id))
        owned = Account.objects.get(pk=api.open_account("Wallet", "EUR", "liability", False, owner_id="usr_x"))
        self.assertEqual(("usr_x", False), (owned.owner_id, owned.allow_negative))

    def test_an_account_the_service_would_refuse_is_refused_with_its_problem(self):
        with self.assertRaises(Problem) as refused:
            api.open_account("", "usd", "asset", False)
        self.assertEqual("validation_failed", refused.exception.code)

    def test_a_posting_joins_the_callers_transaction_and_the_same_content_returns_the_same_entry(self):
        with transaction.atomic():
            entry_id = self.charge(description="Charge txn_1", metadata={"transaction_id": "txn_1"})
            self.assertEqual(entry_id, self.charge(description="Charge txn_1", metadata={"transaction_id": "txn_1"}))
        self.assertTrue(entry_id.startswith("je_"))
        self.assertEqual(1, JournalEntry.objects.count())
        self.assertEqual((1250, 0), Account.objects.values_list("debits", "credits").get(pk=self.clearing))

    def test_the_posting_rolls_back_with_the_callers_transaction(self):
        class Crash(Exception):
            pass

        with self.assertRaises(Crash), transaction.atomic():
            self.charge()
            raise Crash()
        self.assertFalse(JournalEntry.objects.exists())
        self.assertEqual((0, 0), Account.objects.values_list("debits", "credits").get(pk=self.clearing))

    def test_refusals_are_the_ledgers_problems_and_leave_the_callers_transaction_usable(self):
        guarded = api.open_account("Wallet", "USD", "liability", False)
        euros = api.open_account("Euro clearing", "EUR", "asset", True)
        with transaction.atomic():
            self.charge()
            cases = (
                (lambda: self.charge(amount=99), "idempotency_key_reused"),
                (lambda: api.post_entry("x1", [(self.clearing, "debit", 2), (self.settlement, "credit", 1)]),
                 "unbalanced_entry"),
                (lambda: api.post_entry("x2", [(self.clearing, "debit", 1), (euros, "credit", 1)]),
                 "currency_mismatch"),
                (lambda: api.post_entry("x3", [(guarded, "debit", 1), (self.clearing, "credit", 1)]),
                 "insufficient_funds"),
                (lambda: api.post_entry("x4", [(self.clearing, "debit", 1), ("acc_nope", "credit", 1)]),
                 "not_found"),
                (lambda: api.post_entry("x5", [(self.clearing, "debit", 1)]), "validation_failed"),
                (lambda: api.post_entry("reversal:x", [(self.clearing, "debit", 1), (self.settlement, "credit", 1)]),
                 "validation_failed"),
            )
            for attempt, code in cases:
                with self.assertRaises(Problem) as refused:
                    attempt()
                self.assertEqual(code, refused.exception.code)
            self.assertEqual(1, JournalEntry.objects.count())  # the transaction still answers
        self.assertEqual((1250, 0), Account.objects.values_list("debits", "credits").get(pk=self.clearing))


class FingerprintTest(TestCase):
    def test_the_fingerprint_is_the_ledger_services(self):
        # posted on the ledger service, fingerprint read from its journal_entries table
        request = PostingRequest(
            "probe-19371",
            (Line("acc_01m8tdhabx8vcrjyay21yrtpv9", "debit", 100), Line("acc_01m8tdhad148m12wye9h9sqwey", "credit", 100)),
            None, {"b": "2", "a": "1", "Z": "x"})
        self.assertEqual("eed28c92eda301e00798e6d3b9e6caea2b5e2a2670c6e8246c3071bf24d0d26a", request.fingerprint())

    def test_null_and_empty_metadata_are_the_same_posting_but_a_description_is_not(self):
        lines = (Line("acc_a", "debit", 1), Line("acc_b", "credit", 1))
        self.assertEqual(PostingRequest("r", lines, None, {}).fingerprint(),
                         PostingRequest("r", lines, None, None).fingerprint())
        self.assertNotEqual(PostingRequest("r", lines, None, {}).fingerprint(),
                            PostingRequest("r", lines, "", {}).fingerprint())
