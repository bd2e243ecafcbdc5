"""
Many threads at once, each with its own database connection and transaction: the books stay balanced, stored
totals stay the fold of the lines, guarded accounts never go below zero, and a reference is posted once.
"""
import random
import threading

from django.db import connection, transaction

from core.problems import Problem
from core.tests.support import Api, ConcurrentApiTestCase

from ledger import api
from ledger.models import Account, JournalEntry

from .support import LedgerCalls


def run_in_threads(work, count):
    """Runs ``work(n)`` on ``count`` threads started together; answers their results in thread order."""
    results = [None] * count
    start = threading.Barrier(count)

    def run(n):
        try:
            start.wait()
            results[n] = work(n)
        except Exception as failure:  # noqa: BLE001 — reported by the test, not swallowed
            results[n] = failure
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


class ConcurrentPostingTest(LedgerCalls, ConcurrentApiTestCase):
    def assertBooksHold(self):
        report = self.integrity()
        self.assertTrue(report["ok"], report)
        self.assertEqual([], report["mismatches"])
        return report

    def test_many_threads_posting_to_the_same_accounts_keep_the_books_balanced(self):
        accounts = [self.open(f"A{n}", type=("asset", "liability", "expense", "revenue")[n % 4], allow_negative=True)
                    for n in range(5)]
        tokens = (self.ops, self.service)

        def work(n):
            client, rng, answers = Api(), random.Random(1000 + n), []
            for k in range(12):
                picked = rng.sample(accounts, rng.randint(2, 4))  # many orders: only id-ordered locking avoids deadlocks
                amounts = [rng.randint(1, 500) for _ in picked[1:]]
                lines = [(account, "credit", amount) for account, amount in zip(picked[1:], amounts)]
                lines.insert(rng.randrange(len(lines) + 1), (picked[0], "debit", sum(amounts)))
                status, document, _ = self.post(f"t{n}-{k}", *lines, api=client, token=tokens[k % 2])
                answers.append((status, sum(amounts) if status == 201 else document))
            return answers

        results = run_in_threads(work, 8)
        answers = [answer for result in results for answer in result]
        self.assertEqual([201] * 96, [status for status, _ in answers], results)
        posted = sum(amount for _, amount in answers)
        report = self.assertBooksHold()
        self.assertEqual({"debits": posted, "credits": posted, "balanced": True}, report["currencies"]["USD"])
        self.assertEqual(96, JournalEntry.objects.count())
        stored = Account.objects.filter(pk__in=accounts)
        self.assertEqual(posted, sum(a.debits for a in stored))
        self.assertEqual(posted, sum(a.credits for a in stored))

    def test_concurrent_debits_never_take_a_guarded_account_below_zero(self):
        cash = self.open("Cash", allow_negative=True)
        wallet = self.open("Wallet", type="liability")
        self.transfer("fund", cash, wallet, 1000)

        def work(n):
            client = Api()
            return [self.post(f"spend-{n}-{k}", (wallet, "debit", 100), (cash, "credit", 100), api=client)[:2]
                    for k in range(2)]

        outcomes = [outcome for result in run_in_threads(work, 12) for outcome in result]
        self.assertEqual(10, sum(1 for status, _ in outcomes if status == 201), outcomes)
        refused = [document for status, document in outcomes if status != 201]
        self.assertEqual(14, len(refused))
        self.assertEqual({("insufficient_funds", wallet)}, {(d["code"], d["account_id"]) for d in refused})
        self.assertEqual(0, self.balance(wallet)["balance"])
        self.assertBooksHold()

    def test_concurrent_posts_of_one_reference_post_it_once_and_replay_it_to_the_others(self):
        cash, wallet = self.open("Cash", allow_negative=True), self.open("Wallet", type="liability")

        def work(n):
            status, document, response = self.post("txn_once", (cash, "debit", 42), (wallet, "credit", 42),
                                                   api=Api(), description="Charge")
            return status, document["id"], response.get("Idempotent-Replayed")

        outcomes = run_in_threads(work, 12)
        self.assertEqual({201}, {status for status, _, _ in outcomes}, outcomes)
        self.assertEqual(1, len({entry for _, entry, _ in outcomes}))
        self.assertEqual([None] + ["true"] * 11, sorted((replayed for _, _, replayed in outcomes),
                                                        key=lambda r: r is not None))
        self.assertEqual(1, JournalEntry.objects.count())
        self.assertEqual(42, self.balance(wallet)["balance"])

    def test_concurrent_posts_of_one_reference_with_other_content_post_one_and_refuse_the_rest(self):
        cash, wallet = self.open("Cash", allow_negative=True), self.open("Wallet", type="liability")

        def work(n):
            status, document, _ = self.post("txn_race", (cash, "debit", 10 + n), (wallet, "credit", 10 + n),
                                            api=Api())
            return status, document["code"] if status != 201 else document["id"]

        outcomes = run_in_threads(work, 8)
        self.assertEqual(1, sum(1 for status, _ in outcomes if status == 201), outcomes)
        self.assertEqual(7 * [(422, "idempotency_key_reused")], [o for o in outcomes if o[0] != 201])
        self.assertEqual(1, JournalEntry.objects.count())

    def test_one_reference_posted_at_once_on_disjoint_accounts_meets_at_the_unique_index(self):
        pairs = [(self.open(f"C{n}", allow_negative=True), self.open(f"W{n}", type="liability")) for n in range(6)]

        def work(n):
            debit, credit = pairs[n]
            status, document, _ = self.post("txn_disjoint", (debit, "debit", 5), (credit, "credit", 5), api=Api())
            return status, document.get("code")

        outcomes = run_in_threads(work, 6)
        self.assertEqual(1, sum(1 for status, _ in outcomes if status == 201), outcomes)
        self.assertEqual(5 * [(422, "idempotency_key_reused")], [o for o in outcomes if o[0] != 201])
        self.assertEqual(1, JournalEntry.objects.count())
        self.assertBooksHold()

    def test_concurrent_reversals_of_one_entry_post_one_mirror(self):
        cash, wallet = self.open("Cash", allow_negative=True), self.open("Wallet", type="liability")
        entry = self.transfer("sale", cash, wallet, 300)

        def work(n):
            status, document, _ = Api().post(f"/api/v1/entries/{entry['id']}/reversal", token=self.ops)
            return status, document.get("code")

        outcomes = run_in_threads(work, 8)
        self.assertEqual(sorted([(201, None)] + 7 * [(409, "already_reversed")]), sorted(outcomes))
        self.assertEqual(0, self.balance(wallet)["balance"])
        self.assertBooksHold()

    def test_in_process_postings_inside_callers_transactions_post_each_reference_once(self):
        clearing = api.open_account("Card clearing USD", "USD", "asset", True)
        settlement = api.open_account("Merchant settlement USD", "USD", "liability", True)

        def work(n):
            ids = []
            for k in range(6):  # every worker delivers the same six transactions, as twice-delivered work would
                with transaction.atomic():
                    ids.append(api.post_entry(f"txn_{k}", [(clearing, "debit", 100 + k), (settlement, "credit",
                                                                                          100 + k)]))
            return ids

        results = run_in_threads(work, 6)
        self.assertFalse([r for r in results if isinstance(r, (Exception, Problem))], results)
        self.assertEqual(1, len({tuple(ids) for ids in results}))
        self.assertEqual(6, JournalEntry.objects.count())
        self.assertEqual(sum(100 + k for k in range(6)), Account.objects.get(pk=settlement).credits)
        self.assertBooksHold()

    def test_concurrent_account_opening_with_one_idempotency_key_opens_one_account(self):
        body = {"name": "Card clearing USD", "currency": "USD", "type": "asset", "allow_negative": True}

        def work(n):
            status, document, response = Api().post("/api/v1/accounts", body, token=self.service,
                                                    headers={"Idempotency-Key": "payments:clearing:USD"})
            return status, document.get("id") or document.get("code"), response.get("Idempotent-Replayed")

        outcomes = run_in_threads(work, 10)
        created = [o for o in outcomes if o[0] == 201 and o[2] is None]
        self.assertEqual(1, len(created), outcomes)
        for status, answer, replayed in outcomes:
            self.assertIn((status, replayed), ((201, None), (201, "true"), (409, None)))
            if status == 201:
                self.assertEqual(created[0][1], answer)
            else:
                self.assertEqual("idempotency_key_in_use", answer)
        self.assertEqual(1, Account.objects.count())
