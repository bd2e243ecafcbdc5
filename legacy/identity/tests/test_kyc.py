"""POST /api/v1/kyc-records and GET /api/v1/kyc-records/{id}."""
import datetime

from core import crypto, times
from core.tests.support import ApiTestCase

from identity import kyc
from identity.models import AuditEvent, KycRecord
from identity.tests.helpers import kyc_body, ops_token, service_token, signed_up, submitted_record, user_token

RECORDS = "/api/v1/kyc-records"


class KycSubmissionTest(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.user, _ = signed_up(self.api)
        self.token = user_token(self.user["id"])

    def test_a_submitted_record_shows_the_number_only_masked(self):
        status, document, _ = self.api.post(RECORDS, kyc_body(document_number="ab-12 3c"), token=self.token)

        self.assertEqual(201, status)
        self.assertEqual(["id", "user_id", "document_type", "document_number_masked", "issuing_country", "expires_on",
                          "status", "created_at"], list(document))
        self.assertRegex(document["id"], r"^kyc_[0-9a-z]{26}$")
        self.assertEqual((self.user["id"], "passport", "*****123C", "CH", "2035-01-01", "submitted"),
                         tuple(document[k] for k in ("user_id", "document_type", "document_number_masked",
                                                     "issuing_country", "expires_on", "status")))

    def test_the_number_is_encrypted_at_rest_and_audited_without_it(self):
        document = submitted_record(self.api, self.user["id"], document_number="P9876543")

        record = KycRecord.objects.get(pk=document["id"])
        self.assertNotIn("9876543", record.document_number)
        self.assertEqual("P9876543", crypto.decrypt(record.document_number, f"kyc_record:{record.id}:document_number"))
        event = AuditEvent.objects.get(action="kyc_record.submitted")
        self.assertEqual((self.user["id"], record.id, {"document_type": "passport"}),
                         (event.actor, event.subject_id, event.details))

    def test_the_mask_is_always_five_stars_and_the_last_four(self):
        self.assertEqual("*****2345", kyc.mask("12345"))
        self.assertEqual("*****7890", kyc.mask("AB 12-34 56-7890"))
        self.assertEqual("*****AB12", kyc.mask("xy-ab12"))

    def test_every_constraint_is_reported(self):
        problem = self.assertProblem(self.api.post(RECORDS, {}, token=self.token), 400, "validation_failed")
        self.assertEqual([("document_number", "must not be null"), ("document_type", "must not be null"),
                          ("expires_on", "must not be null"), ("issuing_country", "must not be null")],
                         [(e["field"], e["message"]) for e in problem["errors"]])
        problem = self.assertProblem(self.api.post(RECORDS, kyc_body(document_number="ab", issuing_country="ch"),
                                                   token=self.token), 400, "validation_failed")
        self.assertEqual([
            ("document_number", "must be 5 to 40 letters and digits, optionally separated by single spaces or dashes"),
            ("document_number", "size must be between 5 and 40"),
            ("issuing_country", "must be an ISO 3166-1 alpha-2 country code in upper case, e.g. DE")],
            [(e["field"], e["message"]) for e in problem["errors"]])

    def test_document_numbers_take_single_separators_only(self):
        for number in ("ab--12345", "-12345", "12345-", "12 34", "x" * 41, "abc_12345"):
            with self.subTest(number=number):
                self.assertProblem(self.api.post(RECORDS, kyc_body(document_number=number), token=self.token), 400,
                                   "validation_failed", field="document_number")

    def test_an_unknown_document_type_is_a_binding_error(self):
        problem = self.assertProblem(self.api.post(RECORDS, {"document_type": "visa", "document_number": "x"},
                                                   token=self.token), 400, "validation_failed")

        self.assertEqual([{"field": "document_type", "message": "must be one of the documented values"}],
                         problem["errors"])

    def test_an_expired_document_is_refused_and_one_expiring_today_is_not(self):
        yesterday = (times.now().date() - datetime.timedelta(days=1)).isoformat()
        problem = self.assertProblem(self.api.post(RECORDS, kyc_body(expires_on=yesterday), token=self.token), 400,
                                     "validation_failed")
        self.assertEqual([{"field": "expires_on", "message": "the document has expired"}], problem["errors"])

        self.assertEqual(201, self.api.post(RECORDS, kyc_body(expires_on=times.now().date().isoformat()),
                                            token=self.token)[0])

    def test_only_users_submit_but_the_body_is_checked_first(self):
        self.assertProblem(self.api.post(RECORDS, {}, token=ops_token()), 400, "validation_failed")
        self.assertProblem(self.api.post(RECORDS, kyc_body(), token=ops_token()), 403, "forbidden")
        self.assertProblem(self.api.call("POST", RECORDS, raw="x", content_type="text/plain", token=ops_token()), 415,
                           "unsupported_media_type")
        self.assertProblem(self.api.post(RECORDS, kyc_body()), 401, "unauthorized")

    def test_a_replay_answers_the_record_as_it_is_now(self):
        first = self.api.post(RECORDS, kyc_body(), token=self.token, headers={"Idempotency-Key": "kyc-1"})
        KycRecord.objects.filter(pk=first[1]["id"]).update(status="pending")

        again = self.api.post(RECORDS, kyc_body(), token=self.token, headers={"Idempotency-Key": "kyc-1"})

        self.assertEqual((201, first[1]["id"], "pending", "true"),
                         (again[0], again[1]["id"], again[1]["status"], again[2]["Idempotent-Replayed"]))
        self.assertEqual(1, KycRecord.objects.count())

    def test_a_key_reused_with_another_document_is_refused(self):
        self.api.post(RECORDS, kyc_body(), token=self.token, headers={"Idempotency-Key": "kyc-2"})

        self.assertProblem(self.api.post(RECORDS, kyc_body(document_number="Y7654321"), token=self.token,
                                         headers={"Idempotency-Key": "kyc-2"}), 422, "idempotency_key_reused")

    def test_keys_are_per_caller(self):
        other, _ = signed_up(self.api)
        self.api.post(RECORDS, kyc_body(), token=self.token, headers={"Idempotency-Key": "shared"})

        status, document, response = self.api.post(RECORDS, kyc_body(), token=user_token(other["id"]),
                                                   headers={"Idempotency-Key": "shared"})

        self.assertEqual((201, other["id"]), (status, document["user_id"]))
        self.assertFalse(response.has_header("Idempotent-Replayed"))

    def test_an_expired_submission_frees_its_key(self):
        self.assertProblem(self.api.post(RECORDS, kyc_body(expires_on="2001-01-01"), token=self.token,
                                         headers={"Idempotency-Key": "kyc-3"}), 400, "validation_failed")

        corrected = self.api.post(RECORDS, kyc_body(), token=self.token, headers={"Idempotency-Key": "kyc-3"})

        self.assertEqual(201, corrected[0])


class KycReadTest(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.user, _ = signed_up(self.api)
        self.record = submitted_record(self.api, self.user["id"])

    def test_the_owner_and_ops_read_a_record(self):
        for caller in (user_token(self.user["id"]), ops_token()):
            self.assertEqual(self.record, self.api.get(f"{RECORDS}/{self.record['id']}", token=caller)[1])

    def test_another_user_gets_a_404_and_a_service_a_403(self):
        other, _ = signed_up(self.api)
        problem = self.assertProblem(self.api.get(f"{RECORDS}/{self.record['id']}", token=user_token(other["id"])), 404,
                                     "not_found")
        self.assertEqual("No such KYC record.", problem["detail"])
        self.assertProblem(self.api.get(f"{RECORDS}/{self.record['id']}", token=service_token()), 403, "forbidden")
        self.assertProblem(self.api.get(f"{RECORDS}/kyc_unknown", token=ops_token()), 404, "not_found")
