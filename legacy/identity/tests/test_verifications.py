"""Verifications: the KYC state machine of users, records and verifications, moved together."""
import datetime
import threading

from django.db import DatabaseError, connection, transaction

from core import times
from core.tests.support import Api, ApiTestCase, ConcurrentApiTestCase

from identity.models import AuditEvent, KycRecord, User, Verification
from identity.tests.helpers import (ops_token, pending_verification, service_token, sign_up_body, signed_up,
                                    submitted_record, user_token)

VERIFICATIONS = "/api/v1/verifications"


def decision(verification_id):
    return f"{VERIFICATIONS}/{verification_id}/decision"


class VerificationRequestTest(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.user, _ = signed_up(self.api)
        self.token = user_token(self.user["id"])
        self.record = submitted_record(self.api, self.user["id"])

    def status_of_user(self):
        return User.objects.get(pk=self.user["id"]).kyc_status

    def test_a_verification_request_makes_user_and_record_pending(self):
        status, document, _ = self.api.post(VERIFICATIONS, {"kyc_record_id": self.record["id"]}, token=self.token)

        self.assertEqual(201, status)
        self.assertEqual(["id", "kyc_record_id", "user_id", "status", "created_at", "decided_at", "reason"],
                         list(document))
        self.assertRegex(document["id"], r"^ver_[0-9a-z]{26}$")
        self.assertEqual((self.record["id"], self.user["id"], "pending", None, None),
                         tuple(document[k] for k in ("kyc_record_id", "user_id", "status", "decided_at", "reason")))
        self.assertEqual("pending", self.status_of_user())
        self.assertEqual("pending", KycRecord.objects.get(pk=self.record["id"]).status)
        self.assertEqual(["user.kyc_status_changed", "verification.requested"],
                         sorted(AuditEvent.objects.filter(actor=self.user["id"]).exclude(
                             action__in=["user.signed_up", "kyc_record.submitted"]).values_list("action", flat=True)))

    def test_a_pending_user_cannot_ask_again(self):
        self.api.post(VERIFICATIONS, {"kyc_record_id": self.record["id"]}, token=self.token)
        other_record = submitted_record(self.api, self.user["id"])

        problem = self.assertProblem(self.api.post(VERIFICATIONS, {"kyc_record_id": other_record["id"]},
                                                   token=self.token), 409, "invalid_state_transition")

        self.assertEqual("A verification cannot be requested while kyc_status is pending; it can be from unverified "
                         "or rejected.", problem["detail"])
        # the user's status is checked first, so even an unknown record answers 409
        self.assertProblem(self.api.post(VERIFICATIONS, {"kyc_record_id": "kyc_unknown"}, token=self.token), 409,
                           "invalid_state_transition")

    def test_an_unknown_or_foreign_record_is_not_found(self):
        other, _ = signed_up(self.api)
        foreign = submitted_record(self.api, other["id"])
        for record_id in ("kyc_unknown", foreign["id"]):
            problem = self.assertProblem(self.api.post(VERIFICATIONS, {"kyc_record_id": record_id}, token=self.token),
                                         404, "not_found")
            self.assertEqual("No such KYC record.", problem["detail"])
        self.assertEqual("unverified", self.status_of_user())

    def test_a_record_that_expired_since_its_submission_cannot_be_verified(self):
        KycRecord.objects.filter(pk=self.record["id"]).update(expires_on=times.now().date() - datetime.timedelta(days=1))

        problem = self.assertProblem(self.api.post(VERIFICATIONS, {"kyc_record_id": self.record["id"]},
                                                   token=self.token), 400, "validation_failed")

        self.assertEqual([{"field": "kyc_record_id", "message": "the document has expired"}], problem["errors"])
        self.assertEqual("unverified", self.status_of_user())

    def test_the_body_is_validated_before_the_scope(self):
        self.assertEqual([{"field": "kyc_record_id", "message": "must not be blank"}],
                         self.assertProblem(self.api.post(VERIFICATIONS, {"kyc_record_id": " "}, token=self.token), 400,
                                            "validation_failed")["errors"])
        self.assertProblem(self.api.post(VERIFICATIONS, {}, token=ops_token()), 400, "validation_failed")
        self.assertProblem(self.api.post(VERIFICATIONS, {"kyc_record_id": "kyc_x"}, token=ops_token()), 403,
                           "forbidden")

    def test_a_replay_answers_the_stored_verification(self):
        first = self.api.post(VERIFICATIONS, {"kyc_record_id": self.record["id"]}, token=self.token,
                              headers={"Idempotency-Key": "ver-1"})

        again = self.api.post(VERIFICATIONS, {"kyc_record_id": self.record["id"]}, token=self.token,
                              headers={"Idempotency-Key": "ver-1"})

        self.assertEqual((201, first[1], "true"), (again[0], again[1], again[2]["Idempotent-Replayed"]))
        self.assertEqual(1, Verification.objects.count())

    def test_a_key_used_for_a_kyc_record_is_not_reused_for_a_verification(self):
        self.api.post("/api/v1/kyc-records", {"document_type": "passport", "document_number": "Z1234567",
                                              "issuing_country": "DE", "expires_on": "2035-01-01"},
                      token=self.token, headers={"Idempotency-Key": "one-key"})

        self.assertProblem(self.api.post(VERIFICATIONS, {"kyc_record_id": self.record["id"]}, token=self.token,
                                         headers={"Idempotency-Key": "one-key"}), 422, "idempotency_key_reused")


class DecisionTest(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.user, _ = signed_up(self.api)
        self.token = user_token(self.user["id"])
        self.verification = pending_verification(self.api, self.user["id"])

    def decide(self, verdict="approved", reason="documents match", caller=None):
        return self.api.post(decision(self.verification["id"]), {"decision": verdict, "reason": reason},
                             token=caller or ops_token())

    def test_an_approval_verifies_the_user_and_the_record(self):
        status, document, _ = self.decide()

        self.assertEqual(200, status)
        self.assertEqual(("approved", "documents match"), (document["status"], document["reason"]))
        self.assertRegex(document["decided_at"], r"Z$")
        self.assertEqual("verified", User.objects.get(pk=self.user["id"]).kyc_status)
        self.assertEqual("verified", KycRecord.objects.get(pk=self.verification["kyc_record_id"]).status)
        self.assertEqual("ops-console", Verification.objects.get(pk=self.verification["id"]).decided_by)
        event = AuditEvent.objects.get(action="verification.decided")
        self.assertEqual({"decision": "approved", "kyc_status": "verified", "user_id": self.user["id"]}, event.details)
        self.assertEqual({"user_id": self.user["id"], "kyc_status": "verified"},
                         self.api.get(f"/internal/v1/users/{self.user['id']}/kyc-status", token=service_token())[1])

    def test_a_rejection_rejects_and_a_new_record_may_be_verified_again(self):
        self.assertEqual("rejected", self.decide("rejected", "blurry photo")[1]["status"])
        self.assertEqual("rejected", User.objects.get(pk=self.user["id"]).kyc_status)
        problem = self.assertProblem(self.api.post(VERIFICATIONS, {"kyc_record_id": self.verification["kyc_record_id"]},
                                                   token=self.token), 409, "invalid_state_transition")
        self.assertEqual("This KYC record cannot be verified: it is rejected, only a submitted record can be.",
                         problem["detail"])

        again = self.api.post(VERIFICATIONS, {"kyc_record_id": submitted_record(self.api, self.user["id"])["id"]},
                              token=self.token)

        self.assertEqual(201, again[0])
        self.assertEqual("pending", User.objects.get(pk=self.user["id"]).kyc_status)

    def test_only_a_pending_verification_can_be_decided(self):
        self.decide()

        problem = self.assertProblem(self.decide("rejected"), 409, "invalid_state_transition")

        self.assertEqual(f"Verification {self.verification['id']} is already approved; only a pending verification "
                         f"can be decided.", problem["detail"])
        self.assertProblem(self.api.post(VERIFICATIONS, {"kyc_record_id": submitted_record(
            self.api, self.user["id"])["id"]}, token=self.token), 409, "invalid_state_transition")

    def test_the_database_refuses_to_change_a_decided_verification(self):
        self.decide()

        with self.assertRaises(DatabaseError), transaction.atomic():
            Verification.objects.filter(pk=self.verification["id"]).update(status="rejected")

    def test_a_decision_is_validated_before_its_scope(self):
        self.assertEqual([("decision", "must not be null"), ("reason", "must not be blank")],
                         [(e["field"], e["message"]) for e in self.assertProblem(
                             self.api.post(decision(self.verification["id"]), {}, token=self.token), 400,
                             "validation_failed")["errors"]])
        self.assertProblem(self.decide(caller=self.token), 403, "forbidden")
        self.assertEqual([{"field": "decision", "message": "must be one of the documented values"}],
                         self.assertProblem(self.decide("maybe", ""), 400, "validation_failed")["errors"])
        self.assertEqual([{"field": "reason", "message": "size must be between 0 and 500"}],
                         self.assertProblem(self.decide(reason="r" * 501), 400, "validation_failed")["errors"])

    def test_an_unknown_verification_is_not_found(self):
        problem = self.assertProblem(self.api.post(decision("ver_unknown"), {"decision": "approved", "reason": "ok"},
                                                   token=ops_token()), 404, "not_found")

        self.assertEqual("No such verification.", problem["detail"])

    def test_the_owner_and_ops_read_a_verification_others_do_not(self):
        for caller in (self.token, ops_token()):
            self.assertEqual(self.verification,
                             self.api.get(f"{VERIFICATIONS}/{self.verification['id']}", token=caller)[1])
        other, _ = signed_up(self.api)
        self.assertProblem(self.api.get(f"{VERIFICATIONS}/{self.verification['id']}", token=user_token(other["id"])),
                           404, "not_found")
        self.assertProblem(self.api.get(f"{VERIFICATIONS}/{self.verification['id']}", token=service_token()), 403,
                           "forbidden")


class ConcurrentVerificationTest(ConcurrentApiTestCase):
    def run_at_once(self, calls):
        statuses = []

        def run(call):
            try:
                statuses.append(call(Api()))
            finally:
                connection.close()

        threads = [threading.Thread(target=run, args=(call,)) for call in calls]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return sorted(statuses)

    def test_of_concurrent_requests_of_one_user_one_opens_a_verification(self):
        body = sign_up_body()
        user = self.api.post("/api/v1/users", body)[1]
        records = [submitted_record(self.api, user["id"])["id"] for _ in range(6)]

        statuses = self.run_at_once([
            (lambda api, record=record: api.post(VERIFICATIONS, {"kyc_record_id": record},
                                                 token=user_token(user["id"]))[0]) for record in records])

        self.assertEqual([201] + [409] * 5, statuses)
        self.assertEqual(1, Verification.objects.filter(user_id=user["id"]).count())

    def test_of_concurrent_decisions_one_wins(self):
        user = self.api.post("/api/v1/users", sign_up_body())[1]
        verification = pending_verification(self.api, user["id"])

        statuses = self.run_at_once([
            (lambda api, verdict=verdict: api.post(decision(verification["id"]), {"decision": verdict, "reason": "r"},
                                                   token=ops_token())[0])
            for verdict in ("approved", "rejected") * 3])

        self.assertEqual([200] + [409] * 5, statuses)
        decided = Verification.objects.get(pk=verification["id"]).status
        self.assertEqual({"approved": "verified", "rejected": "rejected"}[decided],
                         User.objects.get(pk=user["id"]).kyc_status)
