"""Processing after the 201: settled once by the deterministic processor, audited, posted to the ledger exactly once."""
import datetime
from unittest import mock

from django.db import DatabaseError, connection, transaction
from django.test import override_settings

from core import times
from core.tests.support import ApiTestCase
from ledger.models import Account, JournalEntry
from payments import audit, processing, processor, worker
from payments.models import AuditRecord, LedgerAccount, Task, Transaction

from .support import DECLINED, PaymentsCalls


def entries(reference):
    return list(JournalEntry.objects.filter(reference=reference))


def lines_of(entry):
    return [(line.account.name, line.direction, line.amount) for line in entry.ordered_lines()]


class ProcessingTransactionsTest(PaymentsCalls, ApiTestCase):
    def test_a_charge_that_succeeds_is_settled_audited_and_posted_once(self):
        created = self.charged(1250)
        self.assertEqual(1, worker.process_due())
        paid = self.transaction(created["id"])
        self.assertEqual(("succeeded", None), (paid["status"], paid["failure_code"]))
        self.assertGreaterEqual(paid["updated_at"], paid["created_at"])
        [entry] = entries(created["id"])
        self.assertEqual([("Card clearing USD", "debit", 1250), ("Merchant settlement USD", "credit", 1250)],
                         lines_of(entry))
        self.assertEqual((f"Charge {created['id']}", {"transaction_id": created["id"], "user_id": self.user_id}, "USD"),
                         (entry.description, entry.metadata, entry.currency))
        changes = [(c.from_status, c.to_status, c.actor, c.request_id, c.detail) for c in audit.of(created["id"])]
        self.assertEqual([None, "pending", self.user_id], list(changes[0][:3]))
        self.assertEqual(("pending", "succeeded", "system", f"task-process-transaction-{created['id']}", None),
                         changes[1])
        self.assertFalse(Task.objects.exists())

    def test_the_clearing_and_settlement_accounts_are_opened_once_per_currency(self):
        for currency in ("USD", "EUR", "USD"):
            self.succeeded(100, currency=currency)
        opened = {(a.currency, a.role): a.account_id for a in LedgerAccount.objects.all()}
        self.assertEqual({("USD", "clearing"), ("USD", "merchant_settlement"), ("EUR", "clearing"),
                          ("EUR", "merchant_settlement")}, set(opened))
        clearing = Account.objects.get(pk=opened[("EUR", "clearing")])
        settlement = Account.objects.get(pk=opened[("EUR", "merchant_settlement")])
        self.assertEqual(("Card clearing EUR", "asset", "debit", True, None),
                         (clearing.name, clearing.type, clearing.normal_balance, clearing.allow_negative,
                          clearing.owner_id))
        self.assertEqual(("Merchant settlement EUR", "liability", "credit", True),
                         (settlement.name, settlement.type, settlement.normal_balance, settlement.allow_negative))
        self.assertEqual(4, Account.objects.count())
        usd = Account.objects.get(pk=opened[("USD", "clearing")])
        self.assertEqual((200, 0), (usd.debits, usd.credits))

    def test_a_declined_charge_fails_with_card_declined_and_posts_nothing(self):
        created = self.charged(payment_method_id=DECLINED)
        worker.process_due()
        failed = self.transaction(created["id"])
        self.assertEqual(("failed", "card_declined"), (failed["status"], failed["failure_code"]))
        self.assertEqual([], entries(created["id"]))
        last = audit.of(created["id"])[-1]
        self.assertEqual(("pending", "failed", "system", "card_declined"),
                         (last.from_status, last.to_status, last.actor, last.detail))

    def test_cards_registered_by_token_are_charged_as_their_token_says(self):
        for card_token, outcome in (("tok_visa_4242", "succeeded"), ("tok_mastercard_4444", "succeeded"),
                                    ("tok_card_declined", "failed")):
            card = self.added_card(card_token)["id"]
            created = self.charged(payment_method_id=card)
            self.api.delete(f"/api/v1/payment-methods/{card}", token=self.user)  # deleting does not stop a charge
            worker.process_due()
            self.assertEqual(outcome, self.transaction(created["id"])["status"])

    def test_processing_twice_changes_nothing_and_posts_nothing_more(self):
        created = self.charged()
        worker.process_due()
        settled = self.transaction(created["id"])
        self.assertIsNone(processing.process_transaction(created["id"]))
        self.assertEqual(settled, self.transaction(created["id"]))
        self.assertEqual(1, len(entries(created["id"])))
        self.assertEqual(2, len(audit.of(created["id"])))

    def test_a_refund_is_settled_counted_on_its_transaction_and_posted_in_reverse(self):
        paid = self.succeeded(1000)
        refund = self.refund(paid["id"], 250)[1]
        worker.process_due()
        self.assertEqual("succeeded", self.api.get(f"/api/v1/refunds/{refund['id']}", token=self.user)[1]["status"])
        after = self.transaction(paid["id"])
        self.assertEqual((250, "succeeded"), (after["amount_refunded"], after["status"]))
        self.assertGreater(after["updated_at"], paid["updated_at"])
        [entry] = entries(refund["id"])
        self.assertEqual([("Card clearing USD", "credit", 250), ("Merchant settlement USD", "debit", 250)],
                         lines_of(entry))
        self.assertEqual(f"Refund {refund['id']} of {paid['id']}", entry.description)
        self.assertEqual({"refund_id": refund["id"], "transaction_id": paid["id"], "user_id": self.user_id},
                         entry.metadata)
        last = audit.of(refund["id"])[-1]
        self.assertEqual(("pending", "succeeded", "system", f"task-process-refund-{refund['id']}"),
                         (last.from_status, last.to_status, last.actor, last.request_id))
        self.assertIsNone(processing.process_refund(refund["id"]))
        self.assertEqual(250, self.transaction(paid["id"])["amount_refunded"])

    def test_a_failing_item_is_retried_later_with_a_doubling_backoff_and_logs_no_values(self):
        created = self.charged()
        with mock.patch.object(processor.DeterministicTestProcessor, "charge", side_effect=RuntimeError("secret 1234")):
            with self.assertLogs("payments.worker", "WARNING") as logged:
                self.assertEqual(1, worker.process_due())
        task = Task.objects.get(subject_id=created["id"])
        self.assertEqual((1, "RuntimeError"), (task.attempts, task.last_error))
        self.assertGreater(task.due_at, times.now())
        self.assertNotIn("secret", " ".join(logged.output))
        self.assertEqual(0, worker.process_due())  # not due yet
        self.assertEqual("pending", self.transaction(created["id"])["status"])
        Task.objects.filter(pk=task.pk).update(due_at=times.now() - datetime.timedelta(seconds=1))
        worker.process_due()
        self.assertEqual("succeeded", self.transaction(created["id"])["status"])
        self.assertEqual(1, len(entries(created["id"])))

    def test_a_posting_the_ledger_refuses_rolls_the_settlement_back(self):
        created = self.charged()
        from core.problems import Problem

        with mock.patch("ledger.api.post_entry", side_effect=Problem("unbalanced_entry", "no")):
            with self.assertLogs("payments.worker", "WARNING"):
                worker.process_due()
        self.assertEqual("pending", self.transaction(created["id"])["status"])
        self.assertEqual(1, len(audit.of(created["id"])))
        self.assertEqual(1, Task.objects.get(subject_id=created["id"]).attempts)

    def test_without_test_mode_nothing_is_charged(self):
        created = self.charged(payment_method_id=self.added_card()["id"])
        with override_settings(PAYMENTS_TEST_MODE=False), self.assertLogs("payments.worker", "WARNING") as logged:
            worker.process_due()
        self.assertEqual("pending", self.transaction(created["id"])["status"])
        self.assertIn("NoProcessor", logged.output[0])


class DatabaseGuaranteesTest(PaymentsCalls, ApiTestCase):
    def refused(self, sql, params=()):
        with self.assertRaises(DatabaseError):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, params)

    def test_the_audit_log_refuses_updates_deletes_and_truncation(self):
        created = self.charged()
        self.refused("UPDATE payments_audit_log SET actor = 'someone' WHERE subject_id = %s", [created["id"]])
        self.refused("DELETE FROM payments_audit_log WHERE subject_id = %s", [created["id"]])
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL cutover.test_run = 'off'")  # as in every session but the test runner's
        self.refused("TRUNCATE payments_audit_log")
        self.assertEqual(self.user_id, AuditRecord.objects.get(subject_id=created["id"]).actor)

    def test_a_settled_transaction_cannot_change_status(self):
        created = self.charged()
        worker.process_due()
        self.refused("UPDATE payments_transaction SET status = 'pending' WHERE id = %s", [created["id"]])
        self.refused("UPDATE payments_transaction SET status = 'failed', failure_code = 'x' WHERE id = %s",
                     [created["id"]])

    def test_refunds_beyond_the_amount_or_of_unsettled_transactions_are_refused_by_the_database(self):
        paid, pending = self.succeeded(100), self.charged(100)
        self.refused("UPDATE payments_transaction SET amount_refunded = 101 WHERE id = %s", [paid["id"]])
        self.refused("UPDATE payments_transaction SET amount_refunded = 1 WHERE id = %s", [pending["id"]])
        self.refused("UPDATE payments_transaction SET failure_code = 'x' WHERE id = %s", [paid["id"]])
        self.refused("UPDATE payments_transaction SET amount = 0 WHERE id = %s", [paid["id"]])
        self.refused("UPDATE payments_transaction SET currency = 'usd' WHERE id = %s", [paid["id"]])
        self.assertEqual(0, Transaction.objects.get(pk=paid["id"]).amount_refunded)
