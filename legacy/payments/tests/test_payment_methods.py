"""Payment methods: cards registered by vault token, listed newest first, soft-deleted, idempotent creation."""
import json

from django.test import override_settings

from core.tests.support import ApiTestCase
from payments.models import PaymentMethod

from .support import PaymentsCalls

PMS = "/api/v1/payment-methods"


class AddingCardsTest(PaymentsCalls, ApiTestCase):
    def test_a_vault_token_becomes_a_payment_method_with_the_vaults_card_details(self):
        expected = {"tok_visa_4242": ("visa", "4242"), "tok_mastercard_4444": ("mastercard", "4444"),
                    "tok_card_declined": ("visa", "0002")}
        for card_token, (brand, last4) in expected.items():
            status, document, response = self.add_card(card_token)
            self.assertEqual(201, status)
            self.assertEqual("application/json", response["Content-Type"])
            self.assertEqual(["id", "type", "brand", "last4", "exp_month", "exp_year", "created_at"], list(document))
            self.assertTrue(document["id"].startswith("pm_"))
            self.assertEqual(("card", brand, last4, 12, 2034), (document["type"], document["brand"], document["last4"],
                                                                document["exp_month"], document["exp_year"]))
            self.assertRegex(document["created_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
            self.assertEqual(card_token, PaymentMethod.objects.get(pk=document["id"]).vault_token)
        self.assertNotIn("vault_token", json.dumps(document))

    def test_an_unknown_token_is_a_validation_problem(self):
        document = self.assertProblem(self.add_card("tok_nope"), 400, "validation_failed")
        self.assertEqual([{"field": "token", "message": "is not a card token the vault knows"}], document["errors"])

    @override_settings(PAYMENTS_TEST_MODE=False)
    def test_without_test_mode_no_test_token_resolves(self):
        self.assertProblem(self.add_card("tok_visa_4242"), 400, "validation_failed", field="token")

    def test_bodies_are_bound_and_validated_as_the_service_does(self):
        cases = [
            ({}, [("token", "must not be blank"), ("type", "must not be null")]),
            ({"type": "card", "token": None}, [("token", "must not be blank")]),
            ({"type": "card", "token": " \u2003"}, [("token", "must not be blank")]),
            ({"type": "card", "token": "a" * 256}, [("token", "size must be between 1 and 255")]),
            ({"type": "card", "token": "\U0001F600" * 128}, [("token", "size must be between 1 and 255")]),
            ({"type": "card", "token": 5}, [("token", "must be a string")]),
            ({"type": "bank", "token": "x"}, [("type", "must be one of the documented values")]),
            ({"type": "CARD", "token": "x"}, [("type", "must be one of the documented values")]),
            ({"type": 1, "token": "x"}, [("type", "must be one of the documented values")]),
            ({"type": "card", "token": "tok_visa_4242", "x": 1}, [("x", "is not a known field")]),
            ({"x": 1, "type": "bank"}, [("type", "must be one of the documented values")]),
            ({"type": "card", "token": "tok_visa_4242", "idempotency_key": "k"},
             [("idempotency_key", "is not a known field")]),
            ([1], [("", "must be an object")]),
        ]
        for body, errors in cases:
            with self.subTest(body=body):
                document = self.assertProblem(self.api.post(PMS, body, token=self.user), 400, "validation_failed")
                self.assertEqual([{"field": f, "message": m} for f, m in errors], document["errors"])

    def test_the_card_type_is_exactly_a_documented_value(self):
        # Jackson's defaults would also take " card\t" and the constant's index 0; a money API takes neither
        for card_type in (" card\t", 0, "CARD"):
            self.assertProblem(self.api.post(PMS, {"type": card_type, "token": "tok_visa_4242"}, token=self.user),
                               400, "validation_failed", field="type")

    def test_malformed_and_non_json_bodies(self):
        self.assertProblem(self.api.post(PMS, raw='{"type":', token=self.user), 400, "validation_failed", field="")
        document = self.assertProblem(self.api.post(PMS, raw="  \n", token=self.user), 400, "validation_failed")
        self.assertEqual("must be an object", document["errors"][0]["message"])
        self.assertProblem(self.api.post(PMS, raw='{"type":"card","token":"tok_visa_4242"}', token=self.user,
                                         content_type="text/plain"), 415, "unsupported_media_type")
        status, _, _ = self.api.post(PMS, raw='{"type":"card","token":"tok_visa_4242"}', token=self.user,
                                     content_type="application/vnd.cutover+json")
        self.assertEqual(201, status)

    def test_only_users_add_cards_and_the_body_is_checked_before_the_scope(self):
        self.assertProblem(self.add_card(as_=self.ops), 403, "forbidden")
        self.assertProblem(self.add_card(as_=self.service), 403, "forbidden")
        self.assertProblem(self.api.post(PMS, {}, token=self.ops), 400, "validation_failed")
        answer = self.api.post(PMS, {})
        self.assertProblem(answer, 401, "unauthorized")
        self.assertEqual("Bearer", answer[2]["WWW-Authenticate"])
        self.assertNotIn("instance", answer[1])

    def test_an_idempotency_key_makes_the_creation_happen_once(self):
        first = self.add_card(headers={"Idempotency-Key": "card-1"})
        again = self.add_card(headers={"Idempotency-Key": "card-1"})
        self.assertEqual(201, again[0])
        self.assertEqual("true", again[2]["Idempotent-Replayed"])
        self.assertEqual(first[2].content, again[2].content)
        self.assertProblem(self.add_card("tok_mastercard_4444", headers={"Idempotency-Key": "card-1"}), 422,
                           "idempotency_key_reused")
        self.assertEqual(1, PaymentMethod.objects.count())
        document = self.assertProblem(self.add_card(headers={"Idempotency-Key": "k" * 256}), 400, "validation_failed")
        self.assertEqual([{"field": "Idempotency-Key", "message": "must be 1 to 255 characters"}], document["errors"])


class ListingAndDeletingCardsTest(PaymentsCalls, ApiTestCase):
    def test_a_user_lists_their_own_cards_newest_first_in_pages(self):
        mine = [self.added_card()["id"] for _ in range(3)]
        self.added_card(as_=self.other)
        status, page, _ = self.api.get(PMS + "?limit=2", token=self.user)
        self.assertEqual(200, status)
        self.assertEqual(([mine[2], mine[1]], True), ([m["id"] for m in page["data"]], page["has_more"]))
        status, rest, _ = self.api.get(f"{PMS}?limit=2&starting_after={mine[1]}", token=self.user)
        self.assertEqual(([mine[0]], False), ([m["id"] for m in rest["data"]], rest["has_more"]))
        self.assertEqual(["data", "has_more"], list(rest))

    def test_list_parameters_are_checked(self):
        for query, message in (("limit=0", "must be greater than or equal to 1"), ("limit=x", "must be an integer"),
                               ("limit=101", "must be less than or equal to 100"),
                               ("starting_after=pm_test_visa_4242", "is not a payment method of this list")):
            document = self.assertProblem(self.api.get(f"{PMS}?{query}", token=self.user), 400, "validation_failed")
            self.assertEqual(message, document["errors"][0]["message"])
        others = self.added_card(as_=self.other)["id"]
        self.assertProblem(self.api.get(f"{PMS}?starting_after={others}", token=self.user), 400, "validation_failed")
        self.assertProblem(self.api.get(PMS + "?limit=0", token=self.ops), 400, "validation_failed")
        self.assertProblem(self.api.get(PMS, token=self.ops), 403, "forbidden")

    def test_deleting_a_card_hides_it_and_answers_204_without_a_body(self):
        card = self.added_card()["id"]
        status, document, response = self.api.delete(f"{PMS}/{card}", token=self.user)
        self.assertEqual((204, None, b""), (status, document, response.content))
        self.assertNotIn("Content-Type", response)
        self.assertEqual([], self.api.get(PMS, token=self.user)[1]["data"])
        self.assertIsNotNone(PaymentMethod.objects.get(pk=card).deleted_at)
        document = self.assertProblem(self.api.delete(f"{PMS}/{card}", token=self.user), 404, "not_found")
        self.assertEqual("No such payment method.", document["detail"])
        self.assertProblem(self.api.get(f"{PMS}?starting_after={card}", token=self.user), 400, "validation_failed")

    def test_another_users_card_a_test_card_or_an_unknown_one_cannot_be_deleted(self):
        others = self.added_card(as_=self.other)["id"]
        for card in (others, "pm_test_visa_4242", "pm_nope"):
            self.assertProblem(self.api.delete(f"{PMS}/{card}", token=self.user), 404, "not_found")
        self.assertIsNone(PaymentMethod.objects.get(pk=others).deleted_at)
        self.assertProblem(self.api.delete(f"{PMS}/{others}", token=self.ops), 403, "forbidden")

    def test_paths_answer_options_and_405_as_the_service(self):
        status, _, response = self.api.call("OPTIONS", PMS, token=self.user)
        self.assertEqual((200, "POST,GET,HEAD,OPTIONS", b""), (status, response["Allow"], response.content))
        self.assertEqual("DELETE,OPTIONS", self.api.call("OPTIONS", f"{PMS}/x", token=self.user)[2]["Allow"])
        document = self.assertProblem(self.api.get(f"{PMS}/pm_x", token=self.user), 405, "method_not_allowed")
        self.assertEqual("The method GET is not allowed here.", document["detail"])
        self.assertProblem(self.api.call("PUT", PMS, {}), 401, "unauthorized")
        self.assertProblem(self.api.get(f"{PMS}/x/y", token=self.user), 404, "not_found")
        _, _, response = self.api.get(PMS, token=self.user)
        self.assertNotIn("Allow", response)
