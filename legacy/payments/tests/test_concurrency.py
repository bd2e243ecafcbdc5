"""
Concurrency claims, proved with many threads against the real database. Requests run through a pool of a few
threads (the shared Postgres has few connections to spare), each closing its connection when done, so the many
requests of a test overlap in flight without needing a connection each. When the server has no connection left
for us at all (other suites share it), a request answers 503 before its transaction began — nothing was stored —
and is retried, as the API tells clients to.
"""
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from django.db import OperationalError, connection

from core.tests.support import Api, ConcurrentApiTestCase
from ledger.models import Account, EntryLine, JournalEntry
from payments import worker
from payments.models import LedgerAccount, Refund, Task, Transaction

from .support import DECLINED, PaymentsCalls

THREADS = 8


def on_threads(count, work):
    """Runs ``work(i)`` for i in range(count) on THREADS threads that start together; → the results in order."""
    start = threading.Barrier(min(count, THREADS))

    def run(index):
        try:
            if index < THREADS:
                start.wait(timeout=30)
            return work(index)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return list(pool.map(run, range(count)))


def retried(call, attempts=100):
    """``call()`` → (status, document, response), again while it is a 503 (no database connection to be had)."""
    for _ in range(attempts - 1):
        answer = call()
        if answer[0] != 503:
            return answer
        connection.close()
        time.sleep(0.05)
    return call()


def processing_until_done():
    for _ in range(100):
        try:
            return worker.process_due(limit=1000)
        except OperationalError:
            connection.close()
            time.sleep(0.05)
    return worker.process_due(limit=1000)


class ConcurrentRequestsTest(PaymentsCalls, ConcurrentApiTestCase):
    def test_concurrent_creates_with_one_idempotency_key_open_one_transaction(self):
        local = threading.local()

        def create(_):
            local.api = getattr(local, "api", None) or Api()
            status, document, response = retried(
                lambda: self.charge(4200, api=local.api, headers={"Idempotency-Key": "same-key"}))
            return status, (document or {}).get("code"), response.get("Idempotent-Replayed"), (document or {}).get("id")

        outcomes = on_threads(100, create)

        self.assertEqual(1, Transaction.objects.count())
        self.assertEqual(1, Task.objects.count())
        kinds = Counter((status, code, replayed) for status, code, replayed, _ in outcomes)
        self.assertEqual(1, kinds[(201, None, None)], kinds)
        self.assertTrue(set(kinds) <= {(201, None, None), (201, None, "true"), (409, "idempotency_key_in_use", None)},
                        kinds)
        self.assertEqual({Transaction.objects.get().id}, {i for status, _, _, i in outcomes if status == 201})

    def test_concurrent_refunds_never_exceed_the_amount(self):
        paid = self.succeeded(1000)
        local = threading.local()

        def refund(_):
            local.api = getattr(local, "api", None) or Api()
            status, document, _ = retried(lambda: self.refund(paid["id"], 300, api=local.api))
            return status, document.get("code")

        outcomes = Counter(on_threads(50, refund))

        self.assertEqual({(201, None): 3, (409, "refund_exceeds_amount"): 47}, dict(outcomes))
        self.assertEqual(900, sum(Refund.objects.values_list("amount", flat=True)))
        worker.process_due()
        self.assertEqual(900, self.transaction(paid["id"])["amount_refunded"])


class ConcurrentProcessingTest(PaymentsCalls, ConcurrentApiTestCase):
    def test_processing_on_many_threads_posts_exactly_one_entry_per_success(self):
        # given charges in three currencies (no ledger account opened yet), some declined, and refunds of others
        charges = [self.charged(100 + i, currency=("USD", "EUR", "CHF")[i % 3],
                                payment_method_id=DECLINED if i % 5 == 0 else "pm_test_visa_4242")["id"]
                   for i in range(24)]

        # when many threads process at once
        on_threads(THREADS, lambda _: processing_until_done())
        settled = Counter(Transaction.objects.values_list("status", flat=True))
        self.assertEqual({"succeeded": 19, "failed": 5}, dict(settled))
        refunded = [t for t in Transaction.objects.filter(status="succeeded").order_by("id")[:10]]
        for t in refunded:
            self.assertEqual(201, self.refund(t.id, 50)[0])
            self.assertEqual(201, self.refund(t.id, 1)[0])
        on_threads(THREADS, lambda _: processing_until_done())

        # then each success is posted exactly once, on one pair of accounts per currency, and the books balance
        self.assertFalse(Task.objects.exists())
        references = Counter(JournalEntry.objects.values_list("reference", flat=True))
        succeeded = set(Transaction.objects.filter(status="succeeded").values_list("id", flat=True))
        refunds = set(Refund.objects.filter(status="succeeded").values_list("id", flat=True))
        self.assertEqual(20, len(refunds))
        self.assertEqual(succeeded | refunds, set(references))
        self.assertEqual({1}, set(references.values()))
        self.assertEqual(set(charges) - succeeded, set(Transaction.objects.filter(status="failed")
                                                       .values_list("id", flat=True)))
        self.assertEqual(6, LedgerAccount.objects.count())
        self.assertEqual(6, Account.objects.count())
        debits = sum(EntryLine.objects.filter(direction="debit").values_list("amount", flat=True))
        credits = sum(EntryLine.objects.filter(direction="credit").values_list("amount", flat=True))
        self.assertEqual(debits, credits)
        for t in refunded:
            self.assertEqual(51, Transaction.objects.get(pk=t.id).amount_refunded)
