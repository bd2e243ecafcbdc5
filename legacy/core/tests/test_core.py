"""The conventions every endpoint shares, tested on paths of the monolith itself."""
import json
import threading
import time

from django.test import SimpleTestCase, override_settings

from core import ids, idempotency, signing, times, validation
from core.problems import Problem
from core.tests.support import ApiTestCase, ConcurrentApiTestCase, token


class IdsTest(SimpleTestCase):
    def test_ids_carry_their_prefix_and_26_crockford_characters(self):
        made = ids.new_id("txn_")
        self.assertTrue(made.startswith("txn_"))
        self.assertEqual(30, len(made))
        self.assertTrue(all(c in ids.CROCKFORD for c in made[4:]))

    def test_ids_are_ordered_by_time(self):
        first = ids.new_id("usr_")
        time.sleep(0.002)
        self.assertLess(first, ids.new_id("usr_"))

    def test_fixed_test_ids_are_well_formed(self):
        self.assertTrue(ids.well_formed("pm_test_visa_4242", "pm_"))
        self.assertFalse(ids.well_formed("pm_", "pm_"))
        self.assertFalse(ids.well_formed("pm_ABC", "pm_"))
        self.assertFalse(ids.well_formed("txn_abc", "pm_"))


class TimesTest(SimpleTestCase):
    def test_instants_have_exactly_three_fraction_digits(self):
        moment = times.parse_instant("2026-11-25T08:30:00Z")
        self.assertEqual("2026-11-25T08:30:00.000Z", times.iso(moment))
        self.assertEqual("2026-11-25T07:30:00.123Z", times.iso(times.parse_instant("2026-11-25T08:30:00.123456+01:00")))

    def test_timestamps_without_offset_are_refused(self):
        self.assertIsNone(times.parse_instant("2026-11-25T08:30:00"))
        self.assertIsNone(times.parse_instant("yesterday"))
        self.assertIsNone(times.parse_date("2026-13-01"))


class ValidationTest(SimpleTestCase):
    schema = validation.Schema(
        amount=validation.Field(validation.Int(), validation.required, *validation.amount_rules()),
        name=validation.Field(validation.Str(), validation.not_blank, validation.size(1, 5)),
        lines=validation.Field(validation.Array(validation.Obj(validation.Schema(
            amount=validation.Field(validation.Int(), validation.required, validation.at_least(1)))))),
    )

    def errors(self, body):
        with self.assertRaises(Problem) as refused:
            self.schema.validate(body)
        return refused.exception.errors

    def test_the_first_binding_error_is_the_answer(self):
        self.assertEqual([("amount", "must be an integer")], self.errors({"amount": "12", "name": 5}))
        self.assertEqual([("amount", "must be an integer")], self.errors({"amount": 12.0}))
        self.assertEqual([("amount", "must be an integer")], self.errors({"amount": True}))
        self.assertEqual([("extra", "is not a known field")], self.errors({"amount": 1, "extra": 1}))
        self.assertEqual([("lines[1].amount", "must be an integer")],
                         self.errors({"amount": 1, "name": "a", "lines": [{"amount": 1}, {"amount": "x"}]}))

    def test_constraint_errors_are_all_reported_sorted(self):
        self.assertEqual([("amount", "must be greater than or equal to 1"), ("name", "must not be blank"),
                          ("name", "size must be between 1 and 5")], self.errors({"amount": 0, "name": ""}))
        self.assertEqual([("lines[0].amount", "must not be null")],
                         self.errors({"amount": 1, "name": "a", "lines": [{}]}))
        self.assertEqual([("lines[1]", "must not be null")],
                         self.errors({"amount": 1, "name": "a", "lines": [{"amount": 1}, None]}))

    def test_null_binds_as_absent_and_the_constraints_judge_it(self):
        self.assertEqual([("name", "must not be blank")], self.errors({"amount": 1, "name": None}))
        self.assertEqual([("amount", "must not be null")], self.errors({"amount": None, "name": "a"}))

    def test_a_type_error_is_reported_before_an_unknown_field(self):
        self.assertEqual([("amount", "must be an integer")], self.errors({"extra": 1, "amount": "1"}))

    def test_lengths_and_blankness_are_javas(self):
        self.assertEqual([("name", "size must be between 1 and 5")], self.errors({"amount": 1, "name": "\U0001F600" * 3}))
        self.assertEqual([("name", "must not be blank")], self.errors({"amount": 1, "name": "\u2003"}))
        self.schema.validate({"amount": 1, "name": "\u00a0"})  # a no-break space is not whitespace to Java

    def test_numbers_beyond_64_bits_are_not_json(self):
        self.assertEqual([("", "the body is not well-formed JSON")], self.errors({"amount": 2 ** 63}))

    def test_a_body_that_is_not_an_object_is_refused(self):
        self.assertEqual([("", "must be an object")], self.errors([1, 2]))


class ConventionsTest(ApiTestCase):
    def test_unknown_paths_are_404_problems(self):
        self.assertProblem(self.api.get("/api/v1/nothing-here"), 404, "not_found")

    def test_the_health_probe_answers_up(self):
        status, document, _ = self.api.get("/health")
        self.assertEqual((200, {"status": "UP"}), (status, document))

    def test_request_ids_are_echoed_when_safe_and_made_otherwise(self):
        _, _, response = self.api.get("/health", headers={"X-Request-Id": "abc-123"})
        self.assertEqual("abc-123", response["X-Request-Id"])
        _, _, response = self.api.get("/health", headers={"X-Request-Id": "bad id\u0007"})
        self.assertNotEqual("bad id\u0007", response["X-Request-Id"])
        self.assertEqual(36, len(response["X-Request-Id"]))

    @override_settings(MAX_BODY_SIZE=100)
    def test_bodies_over_the_limit_are_413(self):
        self.assertProblem(self.api.post("/api/v1/users", raw="x" * 101), 413, "payload_too_large")


class TokensTest(ApiTestCase):
    def test_a_token_signed_here_verifies_and_names_its_key(self):
        minted = token("usr_abc", "user")
        claims = signing.verify(minted)
        self.assertEqual("usr_abc", claims["sub"])
        kid = json.loads(__import__("base64").urlsafe_b64decode(minted.split(".")[0] + "==="))["kid"]
        self.assertTrue(kid.startswith("legacy-"))
        self.assertIn(kid, [key["kid"] for key in signing.jwks()["keys"]])

    def test_expired_foreign_issuer_and_unsigned_tokens_are_refused(self):
        for bad in (token("usr_abc", "user", ttl=-120), token("usr_abc", "user", iss="https://elsewhere")):
            with self.assertRaises(signing.InvalidToken):
                signing.verify(bad)
        header = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0"
        with self.assertRaises(signing.InvalidToken):
            signing.verify(header + ".eyJzdWIiOiJ1c3JfYWJjIn0.")


class IdempotencyTest(ConcurrentApiTestCase):
    def test_concurrent_requests_with_one_key_run_the_operation_once(self):
        runs, outcomes, lock = [], [], threading.Lock()

        def operation():
            with lock:
                runs.append(1)
            time.sleep(0.05)
            return {"id": "txn_x"}

        def attempt():
            try:
                answer = idempotency.execute("usr_a", "k-1", {"amount": 1}, 201, operation)
                outcome = (answer.status_code, answer.get("Idempotent-Replayed"))
            except Problem as refused:
                outcome = (refused.status, refused.code)
            finally:
                from django.db import connection
                connection.close()
            with lock:
                outcomes.append(outcome)

        threads = [threading.Thread(target=attempt) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(1, len(runs))
        self.assertEqual(1, outcomes.count((201, None)))
        self.assertTrue(all(o in ((201, None), (201, "true"), (409, "idempotency_key_in_use")) for o in outcomes), outcomes)

    def test_a_failed_operation_frees_the_key_and_a_different_request_is_422(self):
        def failing():
            raise Problem.invalid_field("amount", "must be an integer")

        with self.assertRaises(Problem):
            idempotency.execute("usr_a", "k-2", {"amount": 1}, 201, failing)
        answer = idempotency.execute("usr_a", "k-2", {"amount": 1}, 201, lambda: {"ok": True})
        self.assertEqual(201, answer.status_code)
        replay = idempotency.execute("usr_a", "k-2", {"amount": 1}, 201, lambda: {"ok": False})
        self.assertEqual(("true", b'{"ok":true}'), (replay["Idempotent-Replayed"], replay.content))
        with self.assertRaises(Problem) as refused:
            idempotency.execute("usr_a", "k-2", {"amount": 2}, 201, lambda: {"ok": True})
        self.assertEqual("idempotency_key_reused", refused.exception.code)
        other_caller = idempotency.execute("usr_b", "k-2", {"amount": 2}, 201, lambda: {"ok": "b"})
        self.assertEqual(b'{"ok":"b"}', other_caller.content)
