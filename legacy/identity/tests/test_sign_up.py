"""POST /api/v1/users: sign-up, as the identity service answers it."""
import datetime
import threading

from django.db import connection
from django.test import override_settings

from core import crypto, idempotency, times
from core.tests.support import ApiTestCase, ConcurrentApiTestCase

from identity import accounts, requests
from identity.models import AuditEvent, User
from identity.tests.helpers import PASSWORD, sign_up_body, signed_up

USERS = "/api/v1/users"


class SignUpTest(ApiTestCase):
    def test_a_sign_up_answers_the_user_in_the_services_member_order(self):
        body = sign_up_body(email="Ada@Example.com", full_name="  Ada Lovelace ")

        status, document, response = self.api.post(USERS, body)

        self.assertEqual(201, status)
        self.assertEqual(["id", "email", "full_name", "country", "kyc_status", "created_at"], list(document))
        self.assertRegex(document["id"], r"^usr_[0-9a-z]{26}$")
        self.assertEqual("Ada@Example.com", document["email"])
        self.assertEqual("Ada Lovelace", document["full_name"])
        self.assertEqual("unverified", document["kyc_status"])
        self.assertRegex(document["created_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        self.assertEqual("application/json", response["Content-Type"])
        self.assertNotIn("password", response.content.decode())

    def test_the_password_is_stored_as_a_django_hash_and_personal_data_encrypted(self):
        document, body = signed_up(self.api, full_name="Grace Hopper", date_of_birth="1980-12-09")

        user = User.objects.get(pk=document["id"])
        self.assertTrue(user.password.startswith("pbkdf2_sha256$"))
        self.assertTrue(user.check_password(PASSWORD))
        self.assertNotIn("Grace", user.full_name)
        self.assertNotIn("1980", user.date_of_birth)
        self.assertEqual("Grace Hopper", crypto.decrypt(user.full_name, f"user:{user.id}:full_name"))
        self.assertEqual("1980-12-09", crypto.decrypt(user.date_of_birth, f"user:{user.id}:date_of_birth"))

    def test_a_sign_up_is_audited_without_personal_data(self):
        document, body = signed_up(self.api)

        event = AuditEvent.objects.get(subject_id=document["id"])
        self.assertEqual(("user.signed_up", document["id"], {}), (event.action, event.actor, event.details))

    def test_an_email_is_taken_whatever_its_case(self):
        document, body = signed_up(self.api, email="taken@example.com")

        answer = self.api.post(USERS, sign_up_body(email="TAKEN@example.COM"))

        problem = self.assertProblem(answer, 409, "email_taken")
        self.assertEqual("An account with this email address already exists.", problem["detail"])
        self.assertEqual(1, User.objects.filter(email__iexact="taken@example.com").count())

    def test_every_constraint_is_reported_at_once_sorted_by_field(self):
        answer = self.api.post(USERS, {"email": "bad", "password": "short", "full_name": " ", "country": "de",
                                       "date_of_birth": "2020-01-01"})

        problem = self.assertProblem(answer, 400, "validation_failed")
        self.assertEqual([
            {"field": "country", "message": "must be an ISO 3166-1 alpha-2 country code in upper case, e.g. DE"},
            {"field": "date_of_birth", "message": "must be at least 18 years ago"},
            {"field": "email", "message": "must be a well-formed email address"},
            {"field": "full_name", "message": "must not be blank"},
            {"field": "password", "message": "size must be between 12 and 128"},
        ], problem["errors"])
        self.assertEqual(["detail", "instance", "status", "title", "type", "code", "errors"], list(problem))

    def test_blank_means_java_whitespace_only(self):
        self.assertProblem(self.api.post(USERS, sign_up_body(full_name=" \t\n")), 400, "validation_failed",
                           field="full_name")
        # control characters and no-break spaces are not whitespace to Java: such a name is not blank
        self.assertEqual(201, self.api.post(USERS, sign_up_body(full_name="\u0001\u0002"))[0])
        self.assertEqual("\u00a0", self.api.post(USERS, sign_up_body(full_name="\u00a0"))[1]["full_name"])

    def test_missing_and_null_fields_are_constraint_violations(self):
        problem = self.assertProblem(self.api.post(USERS, {"date_of_birth": None}), 400, "validation_failed")

        self.assertEqual([("country", "must not be null"), ("date_of_birth", "must not be null"),
                          ("email", "must not be blank"), ("full_name", "must not be blank"),
                          ("password", "must not be null")],
                         [(e["field"], e["message"]) for e in problem["errors"]])

    def test_a_wrongly_typed_field_is_the_answer_before_an_unknown_one(self):
        cases = [
            ({"foo": 1, "email": 5}, [{"field": "email", "message": "must be a string"}]),
            ({"password": 123, "email": 5}, [{"field": "password", "message": "must be a string"}]),
            ({"bar": 1, "foo": 2}, [{"field": "bar", "message": "is not a known field"}]),
            ({"date_of_birth": "1990-01-01T00:00:00Z"},
             [{"field": "date_of_birth", "message": "must be an RFC 3339 date or timestamp"}]),
            ({"date_of_birth": "1990-02-30"},
             [{"field": "date_of_birth", "message": "must be an RFC 3339 date or timestamp"}]),
        ]
        for body, errors in cases:
            with self.subTest(body=body):
                self.assertEqual(errors, self.assertProblem(self.api.post(USERS, body), 400, "validation_failed")["errors"])

    def test_a_body_that_is_not_an_object_is_refused(self):
        for raw, message in (("null", "a JSON body is required"), ("[]", "must be an object"),
                             ('{"email": "a", "email": "b"}',
                                                               "the body is not well-formed JSON")):
            with self.subTest(raw=raw):
                problem = self.assertProblem(self.api.call("POST", USERS, raw=raw), 400, "validation_failed")
                self.assertEqual([{"field": "", "message": message}], problem["errors"])

    def test_email_addresses_are_checked_as_the_service_checks_them(self):
        # the service checks the address as sent: the surrounding blanks it strips before storing count here
        refused = [" a@b.cd", "a@b", "a b@c.de", "\"a b\"@b.cd", "a@-b.cd", "a..b@c.de", "a@b..cd", "a@b.cd.", "x" * 65 + "@b.cd",
                   "a@" + "d" * 64 + ".cd", "@b.cd"]
        accepted = ["a@b.cd", "first.last+tag@sub.example.co", "\"a.b\"@b.cd", "a@[1.2.3.4]", "müller@münchen.de"]
        for address in refused:
            with self.subTest(refused=address):
                problem = self.assertProblem(self.api.post(USERS, sign_up_body(email=address)), 400,
                                             "validation_failed", field="email")
                self.assertIn("must be a well-formed email address", [e["message"] for e in problem["errors"]])
        for address in accepted:
            with self.subTest(accepted=address):
                self.assertEqual(201, self.api.post(USERS, sign_up_body(email=address))[0])

    def test_an_email_longer_than_254_characters_breaks_two_rules(self):
        problem = self.assertProblem(self.api.post(USERS, sign_up_body(email="x" * 250 + "@b.cd")), 400,
                                     "validation_failed")

        self.assertEqual([("email", "must be a well-formed email address"), ("email", "size must be between 0 and 254")],
                         [(e["field"], e["message"]) for e in problem["errors"]])

    def test_lengths_are_counted_as_java_counts_them(self):
        # an emoji is two UTF-16 code units: eleven characters, twelve units
        self.assertEqual(201, self.api.post(USERS, sign_up_body(password="a" * 10 + "😀"))[0])
        problem = self.assertProblem(self.api.post(USERS, sign_up_body(password="p" * 129)), 400, "validation_failed")
        self.assertEqual([{"field": "password", "message": "size must be between 12 and 128"}], problem["errors"])
        problem = self.assertProblem(self.api.post(USERS, sign_up_body(full_name="n" * 201)), 400, "validation_failed")
        self.assertEqual([{"field": "full_name", "message": "size must be between 0 and 200"}], problem["errors"])

    def test_only_iso_country_codes_in_upper_case_are_accepted(self):
        for country in ("UK", "de", "XX", "DEU", ""):
            with self.subTest(country=country):
                self.assertProblem(self.api.post(USERS, sign_up_body(country=country)), 400, "validation_failed",
                                   field="country")
        for country in ("DE", "CH", "AQ", "SS"):
            with self.subTest(country=country):
                self.assertEqual(201, self.api.post(USERS, sign_up_body(country=country))[0])

    def test_a_birth_date_must_be_old_enough_and_plausible(self):
        today = times.now().date()
        just_18 = today.replace(year=today.year - 18) if not (today.month == 2 and today.day == 29) \
            else today.replace(year=today.year - 18, day=28)
        self.assertEqual(201, self.api.post(USERS, sign_up_body(date_of_birth=just_18.isoformat()))[0])
        too_young = just_18 + datetime.timedelta(days=1)
        problem = self.assertProblem(self.api.post(USERS, sign_up_body(date_of_birth=too_young.isoformat())), 400,
                                     "validation_failed")
        self.assertEqual([{"field": "date_of_birth", "message": "must be at least 18 years ago"}], problem["errors"])
        too_old = today.replace(year=today.year - 130, day=min(today.day, 28))
        problem = self.assertProblem(self.api.post(USERS, sign_up_body(date_of_birth=too_old.isoformat())), 400,
                                     "validation_failed")
        self.assertEqual([{"field": "date_of_birth", "message": "must be less than 130 years ago"}], problem["errors"])

    @override_settings(SIGN_UP_MINIMUM_AGE=21)
    def test_the_minimum_age_is_configured(self):
        today = times.now().date()
        nineteen = today.replace(year=today.year - 19, day=min(today.day, 28))

        problem = self.assertProblem(self.api.post(USERS, sign_up_body(date_of_birth=nineteen.isoformat())), 400,
                                     "validation_failed")

        self.assertEqual([{"field": "date_of_birth", "message": "must be at least 21 years ago"}], problem["errors"])

    def test_sign_ups_are_json_only(self):
        answer = self.api.call("POST", USERS, raw="email=a", content_type="application/x-www-form-urlencoded")

        problem = self.assertProblem(answer, 415, "unsupported_media_type")
        self.assertEqual("Send the request body as application/json.", problem["detail"])

    def test_a_stale_bearer_token_does_not_block_a_sign_up(self):
        status, _, _ = self.api.post(USERS, sign_up_body(), headers={"Authorization": "Bearer expired.or.garbage"})

        self.assertEqual(201, status)

    def test_other_methods_need_a_token_before_they_are_refused(self):
        problem = self.assertProblem(self.api.get(USERS), 401, "unauthorized")
        self.assertNotIn("instance", problem)
        self.assertEqual("Bearer", self.api.get(USERS)[2]["WWW-Authenticate"])
        document, _ = signed_up(self.api)
        from identity.tests.helpers import user_token
        problem = self.assertProblem(self.api.call("PUT", USERS, body={}, token=user_token(document["id"])), 405,
                                     "method_not_allowed")
        self.assertEqual("The method PUT is not allowed here.", problem["detail"])


class IdempotentSignUpTest(ApiTestCase):
    def test_a_replay_answers_the_same_user_again_marked_as_replayed(self):
        body = sign_up_body()
        first = self.api.post(USERS, body, headers={"Idempotency-Key": "sign-up-1"})

        again = self.api.post(USERS, body, headers={"Idempotency-Key": "sign-up-1"})

        self.assertEqual((201, first[1]), (again[0], again[1]))
        self.assertEqual("true", again[2]["Idempotent-Replayed"])
        self.assertFalse(first[2].has_header("Idempotent-Replayed"))
        self.assertEqual(1, User.objects.filter(email=body["email"]).count())

    def test_a_replay_shows_the_user_as_they_are_now(self):
        body = sign_up_body()
        first = self.api.post(USERS, body, headers={"Idempotency-Key": "sign-up-now"})
        User.objects.filter(pk=first[1]["id"]).update(kyc_status="pending")

        again = self.api.post(USERS, body, headers={"Idempotency-Key": "sign-up-now"})

        self.assertEqual("pending", again[1]["kyc_status"])

    def test_the_same_key_with_another_body_is_refused(self):
        body = sign_up_body()
        self.api.post(USERS, body, headers={"Idempotency-Key": "sign-up-2"})

        answer = self.api.post(USERS, dict(body, password="another password 1"), headers={"Idempotency-Key": "sign-up-2"})

        problem = self.assertProblem(answer, 422, "idempotency_key_reused")
        self.assertEqual("This Idempotency-Key was used with a different request.", problem["detail"])

    def test_a_key_still_in_flight_is_a_conflict(self):
        body = sign_up_body()
        digest = idempotency.fingerprint(accounts.sign_up_fingerprint(requests.user_create(body)))
        now = times.now()
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO core_idempotency_key (scope, key, fingerprint, state, locked_at, created_at, "
                           "expires_at) VALUES (%s, %s, %s, 'in_flight', %s, %s, %s)",
                           ["identity:anonymous:sign-up", "busy", digest, now, now, now + datetime.timedelta(hours=1)])

        answer = self.api.post(USERS, body, headers={"Idempotency-Key": "busy"})

        self.assertProblem(answer, 409, "idempotency_key_in_use")

    def test_a_refused_sign_up_frees_its_key_for_a_corrected_retry(self):
        signed_up(self.api, email="first@example.com")
        body = sign_up_body(email="first@example.com")
        self.assertProblem(self.api.post(USERS, body, headers={"Idempotency-Key": "retry"}), 409, "email_taken")

        status, document, _ = self.api.post(USERS, dict(body, email="second@example.com"),
                                            headers={"Idempotency-Key": "retry"})

        self.assertEqual((201, "second@example.com"), (status, document["email"]))

    def test_the_key_table_holds_neither_password_nor_personal_data(self):
        body = sign_up_body(full_name="Very Secret Name", date_of_birth="1971-07-07")
        self.api.post(USERS, body, headers={"Idempotency-Key": "private"})

        with connection.cursor() as cursor:
            cursor.execute("SELECT fingerprint, response_body FROM core_idempotency_key WHERE key = 'private'")
            fingerprint, stored = cursor.fetchone()
        self.assertNotIn("Very Secret", stored)
        self.assertNotIn(PASSWORD, stored)
        self.assertRegex(fingerprint, r"^[0-9a-f]{64}$")

    def test_an_invalid_key_is_refused(self):
        for key, message in (("", "must be 1 to 255 characters"), ("k" * 256, "must be 1 to 255 characters"),
                             ("tab\tkey", "must be printable ASCII")):
            with self.subTest(key=key):
                problem = self.assertProblem(self.api.post(USERS, sign_up_body(), headers={"Idempotency-Key": key}),
                                             400, "validation_failed")
                self.assertEqual([{"field": "Idempotency-Key", "message": message}], problem["errors"])


class ConcurrentSignUpTest(ConcurrentApiTestCase):
    def test_one_email_signs_up_once_under_concurrent_requests(self):
        answers = []

        def sign_up(index):
            from core.tests.support import Api
            try:
                answers.append(Api().post(USERS, sign_up_body(email="Race@Example.com" if index % 2 else "race@example.com"))[0])
            finally:
                connection.close()

        threads = [threading.Thread(target=sign_up, args=(i,)) for i in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        self.assertEqual([201] + [409] * 7, sorted(answers))
        self.assertEqual(1, User.objects.filter(email__iexact="race@example.com").count())
