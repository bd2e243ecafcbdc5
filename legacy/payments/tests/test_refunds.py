"""Refunds: only of succeeded transactions, never beyond what is left, seen by the owner and ops."""
from unittest import mock

from core.tests.support import ApiTestCase
from payments import audit, processor, worker
from payments.models import Refund

from .support import DECLINED, PaymentsCalls

RF = "/api/v1/refunds"


class RequestingRefundsTest(PaymentsCalls, ApiTestCase):
    def test_a_refund_takes_what_is_left_by_default_in_the_services_shape(self):
        paid = self.succeeded(1000)
        status, document, response = self.refund(paid["id"], headers={"X-Request-Id": "req-r"})
        self.assertEqual(201, status)
        self.assertEqual(["id", "transaction_id", "amount", "currency", "status", "reason", "created_at"],
                         list(document))
        self.assertTrue(document["id"].startswith("re_"))
        self.assertEqual((paid["id"], 1000, "USD", "pending", None),
                         (document["transaction_id"], document["amount"], document["currency"], document["status"],
                          document["reason"]))
        self.assertEqual(response.content, self.api.get(f"{RF}/{document['id']}", token=self.user)[2].content)
        change = audit.of(document["id"])[0]
        self.assertEqual((audit.REFUND, None, "pending", self.user_id, "req-r"),
                         (change.subject_type, change.from_status, change.to_status, change.actor, change.request_id))

    def test_partial_refunds_add_up_to_the_amount_and_no_further(self):
        paid = self.succeeded(1000)
        self.assertEqual(300, self.refund(paid["id"], 300, reason="duplicate")[1]["amount"])
        document = self.assertProblem(self.refund(paid["id"], 800), 409, "refund_exceeds_amount")
        self.assertEqual("A refund of 800 exceeds the 700 left to refund.", document["detail"])
        self.assertEqual(700, document["refundable"])
        self.assertEqual(["detail", "instance", "status", "title", "type", "code", "refundable"], list(document))
        self.assertEqual(700, self.refund(paid["id"])[1]["amount"])
        document = self.assertProblem(self.refund(paid["id"]), 409, "refund_exceeds_amount")
        self.assertEqual(("A refund of 0 exceeds the 0 left to refund.", 0),
                         (document["detail"], document["refundable"]))

    def test_amount_refunded_counts_succeeded_refunds_and_failed_ones_free_their_amount(self):
        paid = self.succeeded(1000)
        self.refund(paid["id"], 400)
        self.assertEqual(0, self.transaction(paid["id"])["amount_refunded"])  # pending: reserved, not yet refunded
        worker.process_due()
        self.assertEqual(400, self.transaction(paid["id"])["amount_refunded"])
        with mock.patch.object(processor.DeterministicTestProcessor, "refund",
                               return_value=processor.Outcome(False, None)):
            refused = self.refund(paid["id"], 600)[1]
            worker.process_due()
        self.assertEqual(("failed", "refund_failed"), tuple(Refund.objects.filter(pk=refused["id"])
                                                              .values_list("status", "failure_code").get()))
        self.assertEqual(400, self.transaction(paid["id"])["amount_refunded"])
        self.assertEqual(600, self.refund(paid["id"])[1]["amount"])

    def test_only_succeeded_transactions_are_refunded(self):
        pending = self.charged()
        document = self.assertProblem(self.refund(pending["id"]), 409, "transaction_not_refundable")
        self.assertEqual("Only succeeded transactions are refunded; this one is pending.", document["detail"])
        declined = self.charged(payment_method_id=DECLINED)
        worker.process_due()
        document = self.assertProblem(self.refund(declined["id"]), 409, "transaction_not_refundable")
        self.assertEqual("Only succeeded transactions are refunded; this one is failed.", document["detail"])

    def test_another_users_transaction_is_not_found_but_ops_refund_any(self):
        paid = self.succeeded(1000)
        document = self.assertProblem(self.refund(paid["id"], as_=self.other), 404, "not_found")
        self.assertEqual("No such transaction.", document["detail"])
        self.assertProblem(self.refund("txn_nope"), 404, "not_found")
        status, document, _ = self.refund(paid["id"], 10, as_=self.ops)
        self.assertEqual(201, status)
        self.assertEqual("ops-console", audit.of(document["id"])[0].actor)
        self.assertEqual(1, len(self.api.get(RF, token=self.user)[1]["data"]))  # still the owner's refund
        self.assertProblem(self.refund(paid["id"], as_=self.service), 403, "forbidden")
        self.assertProblem(self.api.post(RF, {"transaction_id": paid["id"]}), 401, "unauthorized")

    def test_bodies_are_bound_and_validated_as_the_service_does(self):
        cases = [
            ({}, [("transaction_id", "must not be blank")]),
            ({"transaction_id": " ", "amount": 0, "reason": "r" * 501, "idempotency_key": ""},
             [("amount", "must be greater than or equal to 1"), ("idempotency_key", "size must be between 1 and 255"),
              ("reason", "size must be between 0 and 500"), ("transaction_id", "must not be blank")]),
            ({"transaction_id": "txn_x", "amount": "5"}, [("amount", "must be an integer")]),
            ({"transaction_id": "txn_x", "currency": "USD"}, [("currency", "is not a known field")]),
        ]
        for body, expected in cases:
            with self.subTest(body=body):
                document = self.assertProblem(self.api.post(RF, body, token=self.user), 400, "validation_failed")
                self.assertEqual(expected, [(e["field"], e["message"]) for e in document["errors"]])
        self.assertProblem(self.api.post(RF, {}, token=self.service), 400, "validation_failed")

    def test_refunds_are_idempotent_by_header_or_body_key(self):
        paid = self.succeeded(1000)
        first = self.refund(paid["id"], 100, idempotency_key="refund-1")
        again = self.refund(paid["id"], 100, headers={"Idempotency-Key": "refund-1"})
        self.assertEqual((201, "true", first[2].content), (again[0], again[2]["Idempotent-Replayed"], again[2].content))
        self.assertProblem(self.refund(paid["id"], 101, idempotency_key="refund-1"), 422, "idempotency_key_reused")
        self.assertProblem(self.refund(paid["id"], 1, idempotency_key="a", headers={"Idempotency-Key": "b"}), 400,
                           "validation_failed", field="idempotency_key")
        self.assertEqual(1, Refund.objects.count())


class ReadingRefundsTest(PaymentsCalls, ApiTestCase):
    def test_the_owner_and_ops_see_a_refund_others_get_404(self):
        paid = self.succeeded(1000)
        refund = self.refund(paid["id"], 100)[1]
        self.assertEqual(refund, self.api.get(f"{RF}/{refund['id']}", token=self.ops)[1])
        document = self.assertProblem(self.api.get(f"{RF}/{refund['id']}", token=self.other), 404, "not_found")
        self.assertEqual("No such refund.", document["detail"])
        self.assertProblem(self.api.get(f"{RF}/{refund['id']}", token=self.service), 403, "forbidden")

    def test_refunds_are_listed_newest_first_and_filtered_by_transaction(self):
        first, second = self.succeeded(1000), self.succeeded(1000)
        a = self.refund(first["id"], 1)[1]["id"]
        b = self.refund(second["id"], 2)[1]["id"]
        c = self.refund(first["id"], 3)[1]["id"]
        theirs = self.succeeded(1000, as_=self.other)
        d = self.refund(theirs["id"], 4, as_=self.other)[1]["id"]

        def listed(query, as_=None):
            status, document, _ = self.api.get(f"{RF}?{query}", token=as_ or self.user)
            self.assertEqual(200, status, document)
            return [r["id"] for r in document["data"]], document["has_more"]

        self.assertEqual(([c, b, a], False), listed(""))
        self.assertEqual(([c, a], False), listed(f"transaction_id={first['id']}"))
        self.assertEqual(([c], True), listed(f"transaction_id={first['id']}&limit=1"))
        self.assertEqual(([a], False), listed(f"transaction_id={first['id']}&starting_after={b}"))
        self.assertEqual(([], False), listed("transaction_id="))
        self.assertEqual(([], False), listed(f"transaction_id={theirs['id']}"))
        self.assertEqual(([d, c, b, a], False), listed("", as_=self.ops))
        self.assertProblem(self.api.get(f"{RF}?starting_after={d}", token=self.user), 400, "validation_failed",
                           field="starting_after")
        self.assertProblem(self.api.get(f"{RF}?limit=101", token=self.user), 400, "validation_failed", field="limit")
