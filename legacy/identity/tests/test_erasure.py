"""DELETE /api/v1/users/{id}/pii: erasure destroys personal data; rows, statuses and the audit trail stay."""
from django.db import DatabaseError, transaction

from core.tests.support import ApiTestCase

from identity.models import AuditEvent, KycRecord, User
from identity.tests.helpers import (PASSWORD, ops_token, password_grant, pending_verification, service_token,
                                    signed_up, submitted_record, user_token)


def pii(user_id):
    return f"/api/v1/users/{user_id}/pii"


class ErasureTest(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.user, self.body = signed_up(self.api, full_name="Erase Me", date_of_birth="1985-05-05")
        self.token = user_token(self.user["id"])
        self.verification = pending_verification(self.api, self.user["id"])
        self.record = submitted_record(self.api, self.user["id"], document_number="SECRET123")

    def test_erasure_destroys_name_birth_date_and_document_numbers(self):
        status, document, response = self.api.delete(pii(self.user["id"]), token=self.token)

        self.assertEqual((204, None, b""), (status, document, response.content))
        self.assertFalse(response.has_header("Content-Type"))
        user = User.objects.get(pk=self.user["id"])
        self.assertEqual((None, None), (user.full_name, user.date_of_birth))
        self.assertIsNotNone(user.pii_erased_at)
        for record in KycRecord.objects.filter(user_id=self.user["id"]):
            self.assertEqual((None, None), (record.document_number, record.document_number_masked))

    def test_the_user_their_statuses_and_the_audit_trail_stay(self):
        events_before = AuditEvent.objects.count()

        self.api.delete(pii(self.user["id"]), token=ops_token())

        shown = self.api.get(f"/api/v1/users/{self.user['id']}", token=ops_token())[1]
        self.assertEqual(dict(self.user, full_name=None, kyc_status="pending"), shown)
        record = self.api.get(f"/api/v1/kyc-records/{self.record['id']}", token=ops_token())[1]
        self.assertEqual(dict(self.record, document_number_masked=None), record)
        self.assertEqual("pending", self.api.get(f"/api/v1/verifications/{self.verification['id']}",
                                                 token=ops_token())[1]["status"])
        self.assertEqual(events_before + 1, AuditEvent.objects.count())
        event = AuditEvent.objects.get(action="pii.erased")
        self.assertEqual(("ops-console", self.user["id"], {"documents": "2"}),
                         (event.actor, event.subject_id, event.details))
        self.assertEqual(200, password_grant(self.api, self.body["email"], PASSWORD)[0])

    def test_erasing_again_changes_nothing_and_succeeds_again(self):
        self.api.delete(pii(self.user["id"]), token=self.token)

        self.assertEqual(204, self.api.delete(pii(self.user["id"]), token=self.token)[0])

        self.assertEqual(1, AuditEvent.objects.filter(action="pii.erased").count())

    def test_an_erased_record_cannot_be_verified(self):
        self.api.post(f"/api/v1/verifications/{self.verification['id']}/decision",
                      {"decision": "rejected", "reason": "unreadable"}, token=ops_token())
        self.api.delete(pii(self.user["id"]), token=self.token)

        problem = self.assertProblem(self.api.post("/api/v1/verifications", {"kyc_record_id": self.record["id"]},
                                                   token=self.token), 409, "invalid_state_transition")

        self.assertEqual("This KYC record cannot be verified: its document number was erased.", problem["detail"])

    def test_another_user_is_not_found_and_services_may_not_erase(self):
        other, _ = signed_up(self.api)
        self.assertProblem(self.api.delete(pii(other["id"]), token=self.token), 404, "not_found")
        self.assertProblem(self.api.delete(pii("usr_unknown"), token=ops_token()), 404, "not_found")
        self.assertProblem(self.api.delete(pii(self.user["id"]), token=service_token()), 403, "forbidden")
        self.assertProblem(self.api.delete(pii(self.user["id"])), 401, "unauthorized")
        self.assertIsNotNone(User.objects.get(pk=other["id"]).full_name)

    def test_other_methods_are_not_allowed(self):
        self.assertProblem(self.api.get(pii(self.user["id"]), token=self.token), 405, "method_not_allowed")
        self.assertProblem(self.api.get(pii(self.user["id"])), 401, "unauthorized")

    def test_the_audit_trail_is_append_only_and_holds_no_personal_data(self):
        self.api.delete(pii(self.user["id"]), token=self.token)

        for change in (lambda: AuditEvent.objects.update(actor="someone"), lambda: AuditEvent.objects.all().delete()):
            with self.assertRaises(DatabaseError), transaction.atomic():
                change()
        trail = str(list(AuditEvent.objects.values_list("actor", "action", "subject_id", "details")))
        for secret in ("Erase Me", "1985", "SECRET123", self.body["email"]):
            self.assertNotIn(secret, trail)
