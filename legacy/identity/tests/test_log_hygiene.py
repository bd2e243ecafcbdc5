"""No personal data, password, token or secret reaches a log line, whatever identity does."""
import logging

from core.tests.support import ApiTestCase

from identity.tests.helpers import PASSWORD, kyc_body, ops_token, password_grant, sign_up_body, user_token


class LogHygieneTest(ApiTestCase):
    def test_a_whole_identity_flow_logs_no_secret_and_no_personal_data(self):
        body = sign_up_body(email="loggable@example.com", full_name="Secret Name", date_of_birth="1977-03-03")
        with self.assertLogs(level=logging.DEBUG) as logged:
            logging.getLogger("identity").info("flow starts")
            user = self.api.post("/api/v1/users", body)[1]
            self.api.post("/api/v1/users", body)  # taken
            password_grant(self.api, body["email"], "wrong password")
            tokens = password_grant(self.api, body["email"], PASSWORD)[1]
            refresh = {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}
            self.api.post("/api/v1/auth/token", refresh)
            self.api.post("/api/v1/auth/token", refresh)  # reuse: logged as a warning
            self.api.post("/api/v1/kyc-records", kyc_body(document_number="DOC998877"), token=user_token(user["id"]))
            self.api.delete(f"/api/v1/users/{user['id']}/pii", token=ops_token())
            self.api.post("/api/v1/auth/token", {"grant_type": "client_credentials", "client_id": "ops-console",
                                                 "client_secret": "local-ops-console-secret"})

        text = "\n".join(logged.output)
        self.assertIn("family", text)
        for secret in ("loggable", "Secret Name", "1977", PASSWORD, "wrong password", tokens["refresh_token"],
                       tokens["access_token"], "DOC998877", "local-ops-console-secret"):
            self.assertNotIn(secret, text)
