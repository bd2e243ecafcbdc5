"""
A seeded random run: a few hundred postings, replays, reused references, refusals and reversals, each checked
against a model of the books; the ledger's invariants hold after every step and at the end.
"""
import random

from django.test import TestCase

from core.problems import Problem

from ledger import integrity, posting
from ledger.models import NORMAL_BALANCE, Account, JournalEntry, signed
from ledger.posting import Line, PostingRequest

SEED = 20261202
STEPS = 400


class Books:
    """What the ledger should hold: totals per account, and the entries posted under each reference."""

    def __init__(self, accounts):
        self.accounts = accounts  # id → (currency, type, allow_negative)
        self.totals = {account_id: [0, 0] for account_id in accounts}
        self.by_reference = {}  # reference → (request, entry id)
        self.reversed = set()

    def expected(self, request):
        """The outcome the ledger service would answer: ("posted" | "replayed" | a problem code)."""
        earlier = self.by_reference.get(request.reference)
        if earlier is not None:
            return "replayed" if earlier[0].fingerprint() == request.fingerprint() else "idempotency_key_reused"
        if request.total("debit") != request.total("credit"):
            return "unbalanced_entry"
        currencies = []
        for line in request.lines:
            if line.account_id not in self.accounts:
                return "not_found"
            if self.accounts[line.account_id][0] not in currencies:
                currencies.append(self.accounts[line.account_id][0])
        if len(currencies) > 1:
            return "currency_mismatch"
        for account_id, (debits, credits) in self.effect(request).items():
            _, account_type, allow_negative = self.accounts[account_id]
            totals = self.totals[account_id]
            if not allow_negative and signed(NORMAL_BALANCE[account_type], totals[0] + debits, totals[1] + credits) < 0:
                return "insufficient_funds"
        return "posted"

    @staticmethod
    def effect(request):
        effect = {}
        for line in request.lines:
            effect.setdefault(line.account_id, [0, 0])[0 if line.direction == "debit" else 1] += line.amount
        return effect

    def record(self, request, entry_id):
        for account_id, (debits, credits) in self.effect(request).items():
            self.totals[account_id][0] += debits
            self.totals[account_id][1] += credits
        self.by_reference[request.reference] = (request, entry_id)


class RandomPostingsTest(TestCase):
    def setUp(self):
        self.rng = random.Random(SEED)
        shapes = [("USD", "asset", True), ("USD", "liability", False), ("USD", "revenue", False),
                  ("USD", "expense", True), ("USD", "equity", False), ("EUR", "asset", True),
                  ("EUR", "liability", False), ("EUR", "expense", False)]
        accounts = {}
        for n, (currency, account_type, allow_negative) in enumerate(shapes):
            account = Account.objects.create(id=f"acc_random{n}", name=f"R{n}", currency=currency, type=account_type,
                                             normal_balance=NORMAL_BALANCE[account_type],
                                             allow_negative=allow_negative, created_at="2026-01-01T00:00:00Z")
            accounts[account.id] = (currency, account_type, allow_negative)
        self.books = Books(accounts)

    def random_request(self, step):
        rng, books = self.rng, self.books
        if books.by_reference and rng.random() < 0.1:  # a replay, or a reference reused with other content
            earlier, _ = books.by_reference[rng.choice(sorted(books.by_reference))]
            if rng.random() < 0.5:
                return earlier
            first = earlier.lines[0]
            return PostingRequest(earlier.reference, (Line(first.account_id, first.direction, first.amount + 1),)
                                  + earlier.lines[1:], earlier.description, earlier.metadata)
        currency = rng.choice(["USD", "USD", "EUR"])
        same_currency = [a for a, (c, _, _) in books.accounts.items() if c == currency]
        picked = [rng.choice(same_currency) for _ in range(rng.randint(2, 4))]
        if rng.random() < 0.05:
            picked[-1] = rng.choice(list(books.accounts))  # maybe another currency
        if rng.random() < 0.03:
            picked[-1] = "acc_missing"
        amounts = [rng.randint(1, 1000) for _ in picked[1:]]
        side = rng.choice(["debit", "credit"])
        lines = [Line(account, "credit" if side == "debit" else "debit", amount)
                 for account, amount in zip(picked[1:], amounts)]
        total = sum(amounts) + (rng.choice([-1, 1]) if rng.random() < 0.05 else 0)  # sometimes unbalanced
        lines.insert(rng.randrange(len(lines) + 1), Line(picked[0], side, max(total, 1)))
        metadata = {"step": str(step)} if rng.random() < 0.3 else {}
        return PostingRequest(f"random-{step}", tuple(lines), rng.choice([None, f"Step {step}"]), metadata)

    def test_a_seeded_random_run_keeps_every_invariant(self):
        outcomes = {}
        for step in range(STEPS):
            if self.books.by_reference and self.rng.random() < 0.08:
                self.reverse_one()
                continue
            request = self.random_request(step)
            expected = self.books.expected(request)
            try:
                entry, replayed = posting.post(request)
                outcome = "replayed" if replayed else "posted"
                if not replayed:
                    self.books.record(request, entry.id)
                else:
                    self.assertEqual(self.books.by_reference[request.reference][1], entry.id)
            except Problem as refused:
                outcome = refused.code
            self.assertEqual(expected, outcome, (step, request))
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            if step % 50 == 0:
                self.assertInvariants()
        self.assertInvariants()
        # the run exercised every outcome, not only the happy path
        self.assertEqual({"posted", "replayed", "idempotency_key_reused", "unbalanced_entry", "insufficient_funds",
                          "currency_mismatch", "not_found"}, set(outcomes), outcomes)
        self.assertGreater(outcomes["posted"], 150, outcomes)

    def reverse_one(self):
        reference = self.rng.choice(sorted(r for r in self.books.by_reference if not r.startswith("reversal:")))
        original, entry_id = self.books.by_reference[reference]
        mirror = PostingRequest(f"reversal:{entry_id}", tuple(Line(line.account_id, "credit" if line.direction ==
                                                                   "debit" else "debit", line.amount)
                                                              for line in original.lines),
                                f"Reversal of {entry_id}", {})
        expected = "already_reversed" if entry_id in self.books.reversed else self.books.expected(mirror)
        try:
            reversal = posting.reverse(entry_id)
            self.books.record(mirror, reversal.id)
            self.books.reversed.add(entry_id)
            outcome = "posted"
        except Problem as refused:
            outcome = refused.code
        self.assertEqual(expected, outcome, reference)

    def assertInvariants(self):
        report = integrity.report()
        self.assertTrue(report["ok"], report)
        for account in Account.objects.all():
            self.assertEqual(self.books.totals[account.id], [account.debits, account.credits], account.id)
            if not account.allow_negative:
                self.assertGreaterEqual(account.balance, 0, account.id)
        self.assertEqual(len(self.books.by_reference), JournalEntry.objects.count())
