"""The background worker: a daemon thread per process that settles due work and outlives a database outage."""
import time
from unittest import mock

from django.db import OperationalError
from django.test import override_settings

from core.tests.support import ConcurrentApiTestCase
from payments import tasks, worker

from .support import PaymentsCalls


def eventually(check, seconds=10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


@override_settings(PAYMENTS_WORKER_POLL=0.05)
class BackgroundWorkerTest(PaymentsCalls, ConcurrentApiTestCase):
    def tearDown(self):
        worker.stop()
        super().tearDown()

    def status_of(self, transaction_id):
        return self.transaction(transaction_id)["status"]

    def test_the_thread_settles_transactions_after_the_201(self):
        self.assertIsNotNone(worker.start_in_background())
        self.assertIs(worker.start_in_background(), worker.start_in_background())  # once per process
        created = self.charged()
        self.assertTrue(eventually(lambda: self.status_of(created["id"]) == "succeeded"))

    def test_the_thread_survives_a_database_outage(self):
        real = tasks.claim_next
        outage = {"left": 3}

        def flaky():
            if outage["left"]:
                outage["left"] -= 1
                raise OperationalError("could not connect to server: 10.0.0.7 password=hunter2")
            return real()

        with mock.patch.object(tasks, "claim_next", side_effect=flaky), \
                self.assertLogs("payments.worker", "WARNING") as logged:
            thread = worker.start_in_background()
            created = self.charged()
            self.assertTrue(eventually(lambda: self.status_of(created["id"]) == "succeeded"))
            self.assertTrue(thread.is_alive())
        self.assertEqual(0, outage["left"])
        self.assertTrue(any("OperationalError" in line for line in logged.output))
        self.assertFalse(any("hunter2" in line or "10.0.0.7" in line for line in logged.output))

    @override_settings(PAYMENTS_WORKER_ENABLED=False)
    def test_a_disabled_worker_does_not_start(self):
        self.assertIsNone(worker.start_in_background())
