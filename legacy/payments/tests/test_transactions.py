"""Transactions: opened pending by KYC-verified users on a usable payment method, idempotently; seen by owner, ops."""
import datetime

from django.test import override_settings

from core import ids, times
from core.tests.support import ApiTestCase, token
from identity.models import User
from payments import audit
from payments.models import PaymentMethod, Task, Transaction

from .support import DECLINED, VISA, PaymentsCalls, make_user

TX = "/api/v1/transactions"


def errors(document):
    return [(error["field"], error["message"]) for error in document["errors"]]


class OpeningTransactionsTest(PaymentsCalls, ApiTestCase):
    def test_a_transaction_is_opened_pending_in_the_services_shape(self):
        status, document, response = self.charge(1250, description="Coffee", metadata={"z": "1", "a": "2", "B": "3"},
                                                 headers={"X-Request-Id": "req-1"})
        self.assertEqual(201, status)
        self.assertEqual("application/json", response["Content-Type"])
        self.assertEqual(["id", "status", "amount", "currency", "amount_refunded", "payment_method_id", "user_id",
                          "description", "metadata", "failure_code", "created_at", "updated_at"], list(document))
        self.assertTrue(document["id"].startswith("txn_"))
        self.assertEqual(("pending", 1250, "USD", 0, VISA, self.user_id, "Coffee", None),
                         (document["status"], document["amount"], document["currency"], document["amount_refunded"],
                          document["payment_method_id"], document["user_id"], document["description"],
                          document["failure_code"]))
        self.assertEqual(["B", "a", "z"], list(document["metadata"]))  # Java string order, as the service reads it back
        self.assertEqual(document["created_at"], document["updated_at"])
        self.assertEqual(response.content, self.api.get(f"{TX}/{document['id']}", token=self.user)[2].content)
        change = audit.of(document["id"])[0]
        self.assertEqual((audit.TRANSACTION, None, "pending", self.user_id, "req-1", None),
                         (change.subject_type, change.from_status, change.to_status, change.actor, change.request_id,
                          change.detail))
        self.assertTrue(Task.objects.filter(name=Task.PROCESS_TRANSACTION, subject_id=document["id"]).exists())

    def test_absent_description_and_metadata_are_null_and_empty(self):
        document = self.charged(description=None, metadata=None)
        self.assertEqual((None, {}), (document["description"], document["metadata"]))

    def test_bodies_are_bound_and_validated_as_the_service_does(self):
        visa = {"amount": 1, "currency": "USD", "payment_method_id": VISA}
        cases = [
            ({}, [("amount", "must not be null"), ("currency", "must not be null"),
                  ("payment_method_id", "must not be blank")]),
            ({"amount": None, "currency": None, "payment_method_id": None, "metadata": None, "description": None},
             [("amount", "must not be null"), ("currency", "must not be null"),
              ("payment_method_id", "must not be blank")]),
            ({"amount": 0, "currency": "usd", "payment_method_id": " ", "description": "", "metadata": {"": "x"},
              "idempotency_key": ""},
             [("amount", "must be greater than or equal to 1"),
              ("currency", "must be one of CHF, EUR, GBP, JPY, KWD, USD"),
              ("idempotency_key", "size must be between 1 and 255"),
              ("metadata", "must have at most 20 keys of 1 to 40 characters, each with a string value of at most 500 "
                           "characters"),
              ("payment_method_id", "must not be blank")]),
            ({**visa, "amount": 100_000_000_000, "currency": "US"},
             [("amount", "must be less than or equal to 99999999999"),
              ("currency", "must be one of CHF, EUR, GBP, JPY, KWD, USD"),
              ("currency", "size must be between 3 and 3")]),
            ({**visa, "amount": 2 ** 63}, [("", "the body is not well-formed JSON")]),
            ({**visa, "amount": 1.0}, [("amount", "must be an integer")]),
            ({**visa, "amount": "1"}, [("amount", "must be an integer")]),
            ({**visa, "amount": True}, [("amount", "must be an integer")]),
            ({**visa, "currency": 5}, [("currency", "must be a string")]),
            ({**visa, "metadata": {"a": 5}}, [("metadata.a", "must be a string")]),
            ({**visa, "metadata": []}, [("metadata", "must be an object")]),
            ({**visa, "metadata": {"a": None}}, [("metadata", "must have at most 20 keys of 1 to 40 characters, each "
                                                              "with a string value of at most 500 characters")]),
            ({**visa, "metadata": {f"k{i}": "" for i in range(21)}}, [("metadata", "must have at most 20 keys of 1 to "
                                                                                   "40 characters, each with a string "
                                                                                   "value of at most 500 characters")]),
            ({**visa, "description": "\U0001F600" * 251}, [("description", "size must be between 0 and 500")]),
            ({"zzz": 1, "amount": "x"}, [("amount", "must be an integer")]),
            ({"zzz": 1, **visa}, [("zzz", "is not a known field")]),
        ]
        for body, expected in cases:
            with self.subTest(body=body):
                document = self.assertProblem(self.api.post(TX, body, token=self.user), 400, "validation_failed")
                self.assertEqual(expected, errors(document))
        self.assertEqual(0, Transaction.objects.count())

    def test_only_users_pay_and_the_body_is_checked_before_the_scope(self):
        self.assertProblem(self.charge(as_=self.ops), 403, "forbidden")
        self.assertProblem(self.charge(as_=self.service), 403, "forbidden")
        self.assertProblem(self.api.post(TX, {}, token=self.ops), 400, "validation_failed")
        answer = self.charge(as_="not-a-token")
        self.assertProblem(answer, 401, "unauthorized")
        self.assertEqual("Bearer", answer[2]["WWW-Authenticate"][:6])
        self.assertProblem(self.api.post(TX, {}), 401, "unauthorized")


class KycGateTest(PaymentsCalls, ApiTestCase):
    def test_only_verified_users_pay(self):
        for kyc_status in ("unverified", "pending", "rejected"):
            payer = token(make_user(kyc_status), "user")
            document = self.assertProblem(self.charge(as_=payer), 403, "kyc_required")
            self.assertEqual("Payments need a verified identity (KYC).", document["detail"])
        self.assertProblem(self.charge(as_=token(ids.new_id("usr_"), "user")), 403, "kyc_required")
        self.assertEqual(0, Transaction.objects.count())

    def test_a_refused_payment_stores_nothing_and_frees_its_key(self):
        payer_id = make_user("pending")
        payer = token(payer_id, "user")
        self.assertProblem(self.charge(as_=payer, headers={"Idempotency-Key": "kyc-1"}), 403, "kyc_required")
        User.objects.filter(pk=payer_id).update(kyc_status="verified")
        status, document, _ = self.charge(as_=payer, headers={"Idempotency-Key": "kyc-1"})
        self.assertEqual((201, payer_id), (status, document["user_id"]))


class PaymentMethodRulesTest(PaymentsCalls, ApiTestCase):
    def test_the_test_payment_methods_are_usable_by_every_user(self):
        for method in (VISA, DECLINED):
            self.assertEqual(method, self.charged(payment_method_id=method)["payment_method_id"])
            self.assertEqual(method, self.charged(payment_method_id=method, as_=self.other)["payment_method_id"])

    def test_a_users_own_card_pays(self):
        card = self.added_card("tok_mastercard_4444")["id"]
        self.assertEqual(card, self.charged(payment_method_id=card)["payment_method_id"])

    def test_another_users_or_an_unknown_payment_method_is_not_found(self):
        others = self.added_card(as_=self.other)["id"]
        for method in (others, "pm_nope"):
            document = self.assertProblem(self.charge(payment_method_id=method), 404, "not_found")
            self.assertEqual("No such payment method.", document["detail"])
            self.assertEqual([("payment_method_id", "no such payment method")], errors(document))

    def test_a_deleted_or_expired_payment_method_is_unusable(self):
        deleted = self.added_card()["id"]
        self.api.delete(f"/api/v1/payment-methods/{deleted}", token=self.user)
        document = self.assertProblem(self.charge(payment_method_id=deleted), 422, "payment_method_unusable")
        self.assertEqual("This payment method was deleted.", document["detail"])
        last_month = times.now().date().replace(day=1) - datetime.timedelta(days=1)
        expired = PaymentMethod.objects.create(
            id=ids.new_id("pm_"), user_id=self.user_id, type="card", brand="visa", last4="4242",
            exp_month=last_month.month, exp_year=last_month.year, vault_token="tok_visa_4242", created_at=times.now())
        document = self.assertProblem(self.charge(payment_method_id=expired.id), 422, "payment_method_unusable")
        self.assertEqual("This payment method has expired.", document["detail"])
        this_month = times.now().date()
        PaymentMethod.objects.filter(pk=expired.id).update(exp_month=this_month.month, exp_year=this_month.year)
        self.assertEqual(201, self.charge(payment_method_id=expired.id)[0])

    @override_settings(PAYMENTS_TEST_MODE=False)
    def test_without_test_mode_the_test_payment_methods_do_not_exist(self):
        self.assertProblem(self.charge(payment_method_id=VISA), 404, "not_found")


class IdempotentTransactionsTest(PaymentsCalls, ApiTestCase):
    def test_the_key_may_come_as_header_or_body_field_and_replays_the_first_answer(self):
        first = self.charge(500, headers={"Idempotency-Key": "pay-1"})
        for again in (self.charge(500, idempotency_key="pay-1"),
                      self.charge(500, idempotency_key="pay-1", headers={"Idempotency-Key": "pay-1"})):
            self.assertEqual((201, "true", first[2].content), (again[0], again[2]["Idempotent-Replayed"],
                                                               again[2].content))
        self.assertEqual(1, Transaction.objects.count())

    def test_a_different_request_with_the_same_key_is_refused(self):
        self.charge(500, idempotency_key="pay-2")
        document = self.assertProblem(self.charge(501, idempotency_key="pay-2"), 422, "idempotency_key_reused")
        self.assertEqual("This Idempotency-Key was used with a different request.", document["detail"])
        # keys are the caller's: the same key used for a payment method is a reuse too
        self.assertProblem(self.add_card(headers={"Idempotency-Key": "pay-2"}), 422, "idempotency_key_reused")
        self.assertEqual(201, self.charge(501, idempotency_key="pay-2", as_=self.other)[0])

    def test_header_and_body_keys_must_agree_and_be_printable(self):
        document = self.assertProblem(self.charge(idempotency_key="a", headers={"Idempotency-Key": "b"}), 400,
                                      "validation_failed")
        self.assertEqual([("idempotency_key", "differs from the Idempotency-Key header")], errors(document))
        document = self.assertProblem(self.charge(idempotency_key="\u00e9"), 400, "validation_failed")
        self.assertEqual([("Idempotency-Key", "must be printable ASCII")], errors(document))
        self.assertEqual(0, Transaction.objects.count())

    def test_a_failed_request_stores_nothing_so_a_corrected_retry_succeeds(self):
        self.assertProblem(self.charge(payment_method_id="pm_nope", idempotency_key="pay-3"), 404, "not_found")
        self.assertProblem(self.charge(payment_method_id=VISA, idempotency_key="pay-3", amount=0), 400,
                           "validation_failed")
        self.assertEqual(201, self.charge(payment_method_id=VISA, idempotency_key="pay-3")[0])


class ReadingTransactionsTest(PaymentsCalls, ApiTestCase):
    def test_the_owner_and_ops_see_a_transaction_others_get_404(self):
        created = self.charged()
        self.assertEqual(created, self.transaction(created["id"]))
        self.assertEqual(created, self.transaction(created["id"], as_=self.ops))
        document = self.assertProblem(self.api.get(f"{TX}/{created['id']}", token=self.other), 404, "not_found")
        self.assertEqual("No such transaction.", document["detail"])
        self.assertProblem(self.api.get(f"{TX}/txn_nope", token=self.user), 404, "not_found")
        self.assertProblem(self.api.get(f"{TX}/{created['id']}", token=self.service), 403, "forbidden")
        self.assertProblem(self.api.get(f"{TX}/{created['id']}"), 401, "unauthorized")

    def test_users_list_their_own_and_ops_everyones_newest_first(self):
        mine = [self.charged(amount)["id"] for amount in (1, 2, 3)]
        theirs = self.charged(4, as_=self.other)["id"]
        status, page, _ = self.api.get(f"{TX}?limit=2", token=self.user)
        self.assertEqual((200, [mine[2], mine[1]], True), (status, [t["id"] for t in page["data"]], page["has_more"]))
        page = self.api.get(f"{TX}?limit=2&starting_after={mine[1]}", token=self.user)[1]
        self.assertEqual(([mine[0]], False), ([t["id"] for t in page["data"]], page["has_more"]))
        page = self.api.get(TX, token=self.ops)[1]
        self.assertEqual([theirs, *reversed(mine)], [t["id"] for t in page["data"]])
        self.assertProblem(self.api.get(f"{TX}?starting_after={theirs}", token=self.user), 400, "validation_failed",
                           field="starting_after")
        self.assertProblem(self.api.get(TX, token=self.service), 403, "forbidden")

    def test_the_list_filters_by_status(self):
        from payments import worker

        paid = self.charged()["id"]
        declined = self.charged(payment_method_id=DECLINED)["id"]
        worker.process_due()
        pending = self.charged()["id"]
        listed = {status: [t["id"] for t in self.api.get(f"{TX}?status={status}", token=self.user)[1]["data"]]
                  for status in ("pending", "succeeded", "failed")}
        self.assertEqual({"pending": [pending], "succeeded": [paid], "failed": [declined]}, listed)
        # the cursor need not have the filtered status, as the service looks it up
        page = self.api.get(f"{TX}?status=succeeded&starting_after={pending}", token=self.user)[1]
        self.assertEqual([paid], [t["id"] for t in page["data"]])
        for bad in ("bogus", "", "PENDING"):
            document = self.assertProblem(self.api.get(f"{TX}?status={bad}", token=self.user), 400, "validation_failed")
            self.assertEqual([("status", "must be one of pending, succeeded, failed")], errors(document))
        self.assertProblem(self.api.get(f"{TX}?limit=x", token=self.service), 400, "validation_failed")
        self.assertProblem(self.api.get(f"{TX}?status=x", token=self.service), 403, "forbidden")
