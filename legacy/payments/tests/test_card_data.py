"""Raw card data never enters: refused on every payments path before the token, the parsers or a log see it."""
import random

from django.test import SimpleTestCase

from core.tests.support import ApiTestCase
from payments import carddata
from payments.models import PaymentMethod, Transaction

from .support import VISA, PaymentsCalls

PAN = "4242424242424242"


def with_check_digit(payload):
    return next(payload + str(d) for d in range(10) if carddata.luhn_valid(payload + str(d)))


class CardDataDetectorTest(SimpleTestCase):
    HIDING_PLACES = ('{"token": "%s"}', '{"a": {"b": ["x", "%s"]}}', '{"note": "card %s thanks"}', '{"n": %s}',
                     'garbage %s {', '{"k": "%s"}', '"%s"', '{"%s": 1}', '[1, 2, {"deep": [[["%s"]]]}]')

    def test_every_luhn_valid_card_number_is_found_wherever_it_hides(self):
        rng = random.Random(42)
        for _ in range(300):
            length = rng.randint(13, 19)
            pan = with_check_digit("".join(rng.choice("0123456789") for _ in range(length - 1)))
            template = rng.choice(self.HIDING_PLACES)
            body = (template % pan).encode()
            self.assertTrue(carddata.contains_card_data(body), body)

    def test_separated_digits_are_found(self):
        for body in ('{"t": "4242 4242 4242 4242"}', '{"t": "4242-4242-4242-4242"}', '{"t": "\\u0034242424242424242"}'):
            self.assertTrue(carddata.contains_card_data(body.encode()), body)

    def test_numbers_failing_the_luhn_check_pass(self):
        rng = random.Random(7)
        for _ in range(200):
            pan = with_check_digit("".join(rng.choice("0123456789") for _ in range(rng.randint(12, 18))))
            broken = pan[:-1] + str((int(pan[-1]) + 1) % 10)
            self.assertFalse(carddata.contains_card_number(broken), broken)

    def test_ordinary_bodies_pass(self):
        for body in ('{"amount": 99999999999}', '{"order": "1234567890123"}', '{"phone": "+41 44 668 18 00"}',
                     '{"id": "txn_01m88zh6qbjcpbfm00rkmba8r6"}', '{"n": "12345678901234567890123"}', "{}", "",
                     '{"amount": 1250, "currency": "USD", "payment_method_id": "pm_test_visa_4242"}'):
            self.assertFalse(carddata.contains_card_data(body.encode()), body)

    def test_card_field_names_are_refused_whatever_their_value(self):
        for field in ("number", "card_number", "cardNumber", "CVC", "cvv", "security-code", "pan", "track2",
                      "Card.Number", "mag stripe", "\\u0063vc"):
            body = '{"x": {"%s": null}}' % field
            self.assertTrue(carddata.contains_card_data(body.encode()), body)

    def test_a_card_field_before_the_body_stops_being_json_is_still_found(self):
        self.assertTrue(carddata.contains_card_data(b'{"cvc": 1, oops'))
        self.assertTrue(carddata.contains_card_data(b'{"cvc": "\xff"}'))

    def test_a_body_that_is_not_json_is_scanned_as_text(self):
        self.assertTrue(carddata.contains_card_data(b"number=4242424242424242&cvc=123"))
        self.assertFalse(carddata.contains_card_data(b"cvc=123, not json"))
        self.assertTrue(carddata.contains_card_data(b'{"a": 1,} 4242424242424242'))


class RawCardDataEndpointsTest(PaymentsCalls, ApiTestCase):
    CARD_BODIES = ({"type": "card", "token": PAN}, {"type": "card", "card_number": "1"}, {"cvc": "123"},
                   {"amount": 10, "currency": "USD", "payment_method_id": VISA,
                    "metadata": {"note": "4242 4242 4242 4242"}})

    def assertRefused(self, answer):
        document = self.assertProblem(answer, 400, "raw_card_data_rejected")
        self.assertEqual("Raw card data is never accepted. Tokenise the card with the card vault and send its token.",
                         document["detail"])
        self.assertNotIn("instance", document)
        self.assertNotIn(PAN, answer[2].content.decode())

    def test_every_payments_endpoint_refuses_raw_card_data(self):
        paths = ("/api/v1/payment-methods", "/api/v1/payment-methods/pm_x", "/api/v1/transactions",
                 "/api/v1/transactions/txn_x", "/api/v1/refunds", "/api/v1/refunds/re_x", "/api/v1/transactions/x/y")
        for path in paths:
            for method in ("POST", "GET", "DELETE", "PUT"):
                for body in self.CARD_BODIES:
                    with self.subTest(path=path, method=method, body=body):
                        self.assertRefused(self.api.call(method, path, body, token=self.user))

    def test_card_data_is_refused_before_the_token_is_looked_at(self):
        self.assertRefused(self.api.post("/api/v1/transactions", {"cvc": "1"}))
        self.assertRefused(self.api.post("/api/v1/transactions", {"cvc": "1"}, token="not-a-token"))
        self.assertRefused(self.api.post("/api/v1/payment-methods", {"type": "card", "token": PAN}, token=self.ops))

    def test_malformed_or_non_json_bodies_with_card_numbers_are_refused(self):
        self.assertRefused(self.api.post("/api/v1/payment-methods", raw='{"type": 4242 4242 4242 4242',
                                         token=self.user))
        self.assertRefused(self.api.post("/api/v1/transactions", raw=f"number={PAN}", token=self.user,
                                         content_type="application/x-www-form-urlencoded"))

    def test_nothing_of_a_refused_request_is_stored_or_logged(self):
        with self.assertLogs(level="DEBUG") as logged:
            import logging
            logging.getLogger("payments.test").info("marker")
            self.assertRefused(self.api.post("/api/v1/payment-methods", {"type": "card", "token": PAN},
                                             token=self.user, headers={"Idempotency-Key": "k-card"}))
            self.assertRefused(self.charge(metadata={"card": PAN}))
        self.assertFalse(any(PAN in line for line in logged.output))
        self.assertEqual(0, PaymentMethod.objects.count())
        self.assertEqual(0, Transaction.objects.count())
        # the key was never claimed: the corrected request with it goes through
        status, _, _ = self.add_card(headers={"Idempotency-Key": "k-card"})
        self.assertEqual(201, status)
