"""GET /api/v1/users/me, /api/v1/users/{id}, /internal/v1/users/{id}/kyc-status, and identity.api for payments."""
from core.tests.support import ApiTestCase, token

from identity import api
from identity.tests.helpers import ops_token, service_token, signed_up, user_token


class UserReadTest(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.user, self.body = signed_up(self.api)

    def test_a_user_sees_themselves(self):
        status, document, response = self.api.get("/api/v1/users/me", token=user_token(self.user["id"]))

        self.assertEqual((200, self.user), (status, document))
        self.assertEqual("no-cache, no-store, max-age=0, must-revalidate", response["Cache-Control"])
        self.assertEqual(self.user, self.api.get(f"/api/v1/users/{self.user['id']}", token=user_token(self.user["id"]))[1])

    def test_another_users_id_is_not_found_as_if_it_did_not_exist(self):
        other, _ = signed_up(self.api)

        problem = self.assertProblem(self.api.get(f"/api/v1/users/{other['id']}", token=user_token(self.user["id"])),
                                     404, "not_found")

        self.assertEqual("No such user.", problem["detail"])
        self.assertEqual(problem["detail"], self.assertProblem(
            self.api.get("/api/v1/users/usr_nonexistent", token=user_token(self.user["id"])), 404, "not_found")["detail"])

    def test_ops_and_services_see_every_user(self):
        for caller in (ops_token(), service_token()):
            self.assertEqual(self.user, self.api.get(f"/api/v1/users/{self.user['id']}", token=caller)[1])

    def test_a_client_token_has_no_me(self):
        self.assertProblem(self.api.get("/api/v1/users/me", token=ops_token()), 404, "not_found")

    def test_no_token_or_a_bad_one_is_a_401_with_a_bearer_challenge(self):
        for headers in ({}, {"Authorization": "Bearer garbage"}, {"Authorization": "Basic abc"},
                        {"Authorization": f"Bearer {token(self.user['id'], 'user', ttl=-3600)}"}):
            with self.subTest(headers=headers):
                answer = self.api.get("/api/v1/users/me", headers=headers)
                problem = self.assertProblem(answer, 401, "unauthorized")
                self.assertEqual("Bearer", answer[2]["WWW-Authenticate"])
                self.assertEqual(["detail", "status", "title", "type", "code"], list(problem))

    def test_a_token_without_a_known_scope_is_forbidden(self):
        problem = self.assertProblem(self.api.get("/api/v1/users/me", token=token(self.user["id"], "admin")), 403,
                                     "forbidden")

        self.assertEqual("The token lacks the scope this operation needs.", problem["detail"])


class InternalKycStatusTest(ApiTestCase):
    def test_payments_asks_for_a_users_kyc_status(self):
        user, _ = signed_up(self.api)

        status, document, _ = self.api.get(f"/internal/v1/users/{user['id']}/kyc-status", token=service_token())

        self.assertEqual((200, {"user_id": user["id"], "kyc_status": "unverified"}), (status, document))

    def test_only_services_may_ask(self):
        user, _ = signed_up(self.api)
        for caller in (ops_token(), user_token(user["id"])):
            self.assertProblem(self.api.get(f"/internal/v1/users/{user['id']}/kyc-status", token=caller), 403,
                               "forbidden")
        self.assertProblem(self.api.get(f"/internal/v1/users/{user['id']}/kyc-status"), 401, "unauthorized")

    def test_an_unknown_user_is_not_found(self):
        self.assertProblem(self.api.get("/internal/v1/users/usr_unknown/kyc-status", token=service_token()), 404,
                           "not_found")

    def test_the_in_process_seam_answers_the_same_status(self):
        user, _ = signed_up(self.api)

        self.assertEqual("unverified", api.kyc_status(user["id"]))
        self.assertIsNone(api.kyc_status("usr_unknown"))


class OptionsTest(ApiTestCase):
    def test_a_signed_in_options_request_lists_the_methods_of_the_path(self):
        for path, allowed in (("/api/v1/users", "POST,OPTIONS"), ("/api/v1/users/me", "GET,HEAD,OPTIONS"),
                              ("/api/v1/users/usr_x/pii", "DELETE,OPTIONS"), ("/.well-known/jwks.json", "GET,HEAD,OPTIONS")):
            with self.subTest(path=path):
                status, document, response = self.api.call("OPTIONS", path, token=ops_token())
                self.assertEqual((200, None, allowed), (status, document, response["Allow"]))
                self.assertFalse(response.has_header("Content-Type"))

    def test_an_anonymous_options_request_is_unauthorized(self):
        self.assertProblem(self.api.call("OPTIONS", "/api/v1/users"), 401, "unauthorized")
