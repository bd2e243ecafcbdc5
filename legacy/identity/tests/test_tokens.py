"""POST /api/v1/auth/token and GET /.well-known/jwks.json, as the identity service answers them."""
import datetime
import json
import threading

import jwt
from django.conf import settings
from django.contrib.auth import hashers
from django.db import connection
from django.test import override_settings

from core import signing
from core.tests.support import Api, ApiTestCase, ConcurrentApiTestCase

from identity.models import AuditEvent, RefreshToken, RefreshTokenFamily, User
from identity.refresh_tokens import hash_of
from identity.tests.helpers import PASSWORD, form_post, password_grant, signed_up

TOKEN = "/api/v1/auth/token"
OPS_SECRET = "local-ops-console-secret"


def claims_of(access_token):
    return jwt.decode(access_token, options={"verify_signature": False})


def client_grant(api, client_id="ops-console", secret=OPS_SECRET, **extra):
    body = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    body.update(extra)
    return api.post(TOKEN, body)


class PasswordGrantTest(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.user, self.body = signed_up(self.api)

    def test_a_password_grant_answers_a_token_pair_that_is_not_cached(self):
        status, document, response = password_grant(self.api, self.body["email"], PASSWORD)

        self.assertEqual(200, status)
        self.assertEqual(["access_token", "token_type", "expires_in", "refresh_token", "scope"], list(document))
        self.assertEqual(("Bearer", 900, "user"), (document["token_type"], document["expires_in"], document["scope"]))
        self.assertRegex(document["refresh_token"], r"^rt_[A-Za-z0-9_-]{43}$")
        self.assertEqual("no-store", response["Cache-Control"])
        self.assertEqual("no-cache", response["Pragma"])
        self.assertFalse(response.has_header("Expires"))

    def test_the_access_token_carries_the_claims_of_the_services_tokens(self):
        document = password_grant(self.api, self.body["email"], PASSWORD)[1]

        header = jwt.get_unverified_header(document["access_token"])
        claims = signing.verify(document["access_token"])
        self.assertEqual("RS256", header["alg"])
        self.assertIn(header["kid"], [key["kid"] for key in self.api.get("/.well-known/jwks.json")[1]["keys"]])
        self.assertEqual(["iss", "sub", "exp", "iat", "jti", "scope"], list(claims_of(document["access_token"])))
        self.assertEqual((settings.JWT_ISSUER, self.user["id"], "user"), (claims["iss"], claims["sub"], claims["scope"]))
        self.assertEqual(settings.ACCESS_TOKEN_TTL, claims["exp"] - claims["iat"])
        self.assertRegex(claims["jti"], r"^[0-9a-f-]{36}$")

    def test_the_access_token_opens_the_users_own_resources(self):
        access_token = password_grant(self.api, self.body["email"], PASSWORD)[1]["access_token"]

        self.assertEqual(self.user["id"], self.api.get("/api/v1/users/me", token=access_token)[1]["id"])

    def test_form_and_json_bodies_are_the_same_request(self):
        form = f"grant_type=password&email={self.body['email'].replace('@', '%40')}&password=correct+horse+battery"

        status, document, _ = form_post(self.api, TOKEN, form)

        self.assertEqual((200, "user"), (status, document["scope"]))

    def test_the_email_is_matched_in_any_case_and_without_surrounding_blanks(self):
        self.assertEqual(200, password_grant(self.api, f"  {self.body['email'].upper()} ", PASSWORD)[0])

    def test_a_wrong_password_and_an_unknown_email_look_the_same(self):
        wrong = self.assertProblem(password_grant(self.api, self.body["email"], "wrong password!"), 401, "invalid_grant")
        unknown = self.assertProblem(password_grant(self.api, "nobody@example.com", PASSWORD), 401, "invalid_grant")

        self.assertEqual(wrong, dict(unknown))
        self.assertEqual("The email or password is not correct.", wrong["detail"])
        self.assertFalse(password_grant(self.api, "nobody@example.com", PASSWORD)[2].has_header("WWW-Authenticate"))

    def test_a_password_longer_than_128_characters_is_refused_without_hashing(self):
        self.assertProblem(password_grant(self.api, self.body["email"], "p" * 129), 401, "invalid_grant")

    def test_a_weaker_django_hash_is_replaced_on_sign_in(self):
        weak = hashers.PBKDF2PasswordHasher().encode(PASSWORD, hashers.PBKDF2PasswordHasher().salt(), 10)
        User.objects.filter(pk=self.user["id"]).update(password=weak)

        self.assertEqual(200, password_grant(self.api, self.body["email"], PASSWORD)[0])

        stored = User.objects.get(pk=self.user["id"]).password
        self.assertTrue(stored.startswith(f"pbkdf2_sha256${settings.PBKDF2_ITERATIONS}$"))

    def test_an_argon2_hash_of_the_new_service_signs_in_and_is_kept(self):
        argon2 = hashers.Argon2PasswordHasher().encode(PASSWORD, hashers.Argon2PasswordHasher().salt())
        User.objects.filter(pk=self.user["id"]).update(password=argon2)

        self.assertEqual(200, password_grant(self.api, self.body["email"], PASSWORD)[0])

        self.assertEqual(argon2, User.objects.get(pk=self.user["id"]).password)

    def test_a_stale_bearer_token_does_not_block_the_token_endpoint(self):
        status, _, _ = self.api.post(TOKEN, {"grant_type": "password", "email": self.body["email"],
                                             "password": PASSWORD},
                                     headers={"Authorization": "Bearer expired.or.garbage"})

        self.assertEqual(200, status)

    def test_only_the_user_scope_can_be_asked_of_a_password_grant(self):
        self.assertEqual("user", password_grant(self.api, self.body["email"], PASSWORD, scope=" user  user ")[1]["scope"])
        for scope in ("ops", "", "user ops", "admin"):
            with self.subTest(scope=scope):
                problem = self.assertProblem(password_grant(self.api, self.body["email"], PASSWORD, scope=scope), 400,
                                             "validation_failed")
                self.assertEqual([{"field": "scope",
                                   "message": "must be a space-separated subset of the scopes this grant gives"}],
                                 problem["errors"])


class TokenRequestRulesTest(ApiTestCase):
    def errors(self, answer):
        return [(e["field"], e["message"]) for e in self.assertProblem(answer, 400, "validation_failed")["errors"]]

    def test_a_grant_names_its_missing_and_foreign_fields_in_the_services_order(self):
        self.assertEqual([("email", "is required for grant_type password"),
                          ("password", "is required for grant_type password")],
                         self.errors(self.api.post(TOKEN, {"grant_type": "password", "email": " "})))
        self.assertEqual([("email", "does not belong to grant_type client_credentials"),
                          ("client_secret", "is required for grant_type client_credentials")],
                         self.errors(self.api.post(TOKEN, {"grant_type": "client_credentials", "email": "x",
                                                           "client_id": "ops-console"})))
        self.assertEqual([("client_id", "does not belong to grant_type password")],
                         self.errors(self.api.post(TOKEN, {"grant_type": "password", "email": "a@b.c", "password": "x",
                                                           "client_id": "x"})))

    def test_the_grant_type_must_be_one_of_the_three(self):
        self.assertEqual([("grant_type", "must not be null")], self.errors(self.api.post(TOKEN, {})))
        for grant in ("implicit", "PASSWORD", "", 5):
            with self.subTest(grant=grant):
                self.assertEqual([("grant_type", "must be one of the documented values")],
                                 self.errors(self.api.post(TOKEN, {"foo": 1, "grant_type": grant})))
        self.assertEqual([("grant_type", "must be one of the documented values")],
                         self.errors(form_post(self.api, TOKEN, "grant_type=authorization_code&code=x")))

    def test_unknown_and_mistyped_fields_are_refused(self):
        self.assertEqual([("remember_me", "is not a known field")],
                         self.errors(form_post(self.api, TOKEN, "grant_type=password&email=a&password=x&remember_me=1")))
        self.assertEqual([("email", "must be a string")],
                         self.errors(self.api.post(TOKEN, {"grant_type": "password", "email": 5, "password": "x"})))
        self.assertEqual([("scope", "must be a string")],
                         self.errors(self.api.post(TOKEN, {"grant_type": "password", "email": "x", "password": "y",
                                                           "scope": ["user"]})))

    def test_a_form_field_given_twice_is_refused(self):
        self.assertEqual([("email", "must not be repeated")],
                         self.errors(form_post(self.api, TOKEN, "grant_type=password&email=a&email=b&password=x")))
        self.assertEqual([("a", "must not be repeated")], self.errors(form_post(self.api, TOKEN, "a=1&b=1&b=2&a=2")))

    def test_a_form_name_without_a_value_is_an_empty_value(self):
        self.assertEqual([("email", "is required for grant_type password")],
                         self.errors(form_post(self.api, TOKEN, "grant_type=password&email&password=x")))
        self.assertEqual([("client_id", "does not belong to grant_type password")],
                         self.errors(form_post(self.api, TOKEN, "grant_type=password&email=x&password=a&client_id")))
        self.assertEqual([("", "a JSON body is required")], self.errors(form_post(self.api, TOKEN, "&")))

    def test_credentials_in_the_query_string_are_refused(self):
        answer = form_post(self.api, TOKEN + "?password=x", "grant_type=password&email=a&password=x")

        self.assertEqual([("query", "credentials must be sent in the body, not the query string")], self.errors(answer))

    def test_other_media_types_are_unsupported(self):
        answer = self.api.call("POST", TOKEN, raw="grant_type=password", content_type="text/plain")

        self.assertProblem(answer, 415, "unsupported_media_type")

    def test_other_methods_need_a_token(self):
        self.assertProblem(self.api.get(TOKEN), 401, "unauthorized")


class RefreshGrantTest(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.user, body = signed_up(self.api)
        self.first = password_grant(self.api, body["email"], PASSWORD)[1]["refresh_token"]

    def refresh(self, refresh_token, **extra):
        return self.api.post(TOKEN, dict({"grant_type": "refresh_token", "refresh_token": refresh_token}, **extra))

    def test_a_refresh_token_rotates(self):
        status, document, response = self.refresh(self.first)

        self.assertEqual(200, status)
        self.assertNotEqual(self.first, document["refresh_token"])
        self.assertEqual((self.user["id"], "user"), (claims_of(document["access_token"])["sub"], document["scope"]))
        self.assertEqual("no-store", response["Cache-Control"])
        self.assertEqual(200, self.refresh(document["refresh_token"], scope="user")[0])

    def test_a_reused_refresh_token_revokes_its_whole_family(self):
        second = self.refresh(self.first)[1]["refresh_token"]

        reused = self.assertProblem(self.refresh(self.first), 401, "invalid_grant")

        self.assertEqual("The refresh token is not valid.", reused["detail"])
        self.assertProblem(self.refresh(second), 401, "invalid_grant")
        family = RefreshTokenFamily.objects.get(user_id=self.user["id"])
        self.assertEqual("reuse_detected", family.revoked_reason)
        event = AuditEvent.objects.get(action="refresh_family.revoked")
        self.assertEqual(("system", family.id, {"reason": "reuse_detected", "user_id": self.user["id"]}),
                         (event.actor, event.subject_id, event.details))

    def test_an_unknown_or_expired_refresh_token_is_refused(self):
        self.assertProblem(self.refresh("rt_unknown"), 401, "invalid_grant")
        RefreshToken.objects.filter(token_hash=hash_of(self.first)).update(
            issued_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc),
            expires_at=datetime.datetime(2020, 2, 1, tzinfo=datetime.timezone.utc))
        self.assertProblem(self.refresh(self.first), 401, "invalid_grant")

    def test_refresh_tokens_are_stored_only_as_their_hash(self):
        stored = list(RefreshToken.objects.values_list("token_hash", flat=True))

        self.assertEqual([hash_of(self.first)], stored)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM identity_refresh_token WHERE token_hash = %s", [self.first])
            self.assertEqual(0, cursor.fetchone()[0])

    def test_a_refresh_may_ask_only_for_the_user_scope(self):
        problem = self.assertProblem(self.refresh(self.first, scope="ops"), 400, "validation_failed")

        self.assertEqual("scope", problem["errors"][0]["field"])
        self.assertEqual(200, self.refresh(self.first)[0])  # the refused request did not spend the token


class ConcurrentRefreshTest(ConcurrentApiTestCase):
    def test_of_concurrent_uses_of_one_refresh_token_at_most_one_succeeds(self):
        from identity.tests.helpers import sign_up_body
        body = sign_up_body()
        self.assertEqual(201, self.api.post("/api/v1/users", body)[0])
        refresh_token = password_grant(self.api, body["email"], PASSWORD)[1]["refresh_token"]
        statuses = []

        def use():
            try:
                statuses.append(Api().post(TOKEN, {"grant_type": "refresh_token", "refresh_token": refresh_token})[0])
            finally:
                connection.close()

        threads = [threading.Thread(target=use) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        self.assertEqual([200] + [401] * 5, sorted(statuses))
        self.assertTrue(RefreshTokenFamily.objects.get().revoked_at is not None)


class ClientCredentialsTest(ApiTestCase):
    def test_an_ops_client_gets_an_ops_token_without_refresh_token(self):
        status, document, _ = client_grant(self.api)

        self.assertEqual(200, status)
        self.assertEqual(["access_token", "token_type", "expires_in", "scope"], list(document))
        self.assertEqual(("ops-console", "ops"), (claims_of(document["access_token"])["sub"], document["scope"]))

    def test_a_service_client_gets_a_service_token(self):
        document = client_grant(self.api, "payments-service", "local-payments-service-secret", scope="service")[1]

        self.assertEqual("service", claims_of(document["access_token"])["scope"])

    def test_a_wrong_secret_and_an_unknown_client_look_the_same(self):
        wrong = self.assertProblem(client_grant(self.api, secret="wrong"), 401, "invalid_grant")
        unknown = self.assertProblem(client_grant(self.api, "guessed", OPS_SECRET), 401, "invalid_grant")

        self.assertEqual(wrong, unknown)
        self.assertEqual("The client id or secret is not correct.", wrong["detail"])

    def test_a_client_may_narrow_but_not_widen_its_scopes(self):
        problem = self.assertProblem(client_grant(self.api, scope="service"), 400, "validation_failed")
        self.assertEqual([{"field": "scope", "message": "must be a subset of the scopes granted to the client"}],
                         problem["errors"])
        problem = self.assertProblem(client_grant(self.api, scope="user"), 400, "validation_failed")
        self.assertEqual("must be a space-separated subset of the scopes this grant gives", problem["errors"][0]["message"])

    @override_settings(LEGACY_CLIENTS=[{"id": "ops-console", "scopes": ["ops"], "secret": "",
                                        "secret_hash": hashers.make_password("hashed-secret", hasher="pbkdf2_sha256")}],
                       ALLOW_PLAIN_CLIENT_SECRETS=False)
    def test_a_client_configured_with_a_django_hash_signs_in_with_its_secret(self):
        self.assertEqual(200, client_grant(self.api, secret="hashed-secret")[0])
        self.assertProblem(client_grant(self.api, secret=OPS_SECRET), 401, "invalid_grant")

    @override_settings(ALLOW_PLAIN_CLIENT_SECRETS=False)
    def test_plain_secrets_count_only_where_they_are_allowed(self):
        self.assertProblem(client_grant(self.api), 401, "invalid_grant")


class JwksTest(ApiTestCase):
    def test_the_key_set_publishes_the_public_keys_in_the_services_member_order(self):
        status, document, response = self.api.get("/.well-known/jwks.json")

        self.assertEqual(200, status)
        self.assertEqual(["kty", "kid", "use", "alg", "n", "e"], list(document["keys"][0]))
        self.assertEqual(("RSA", "sig", "RS256"), tuple(document["keys"][0][m] for m in ("kty", "use", "alg")))
        self.assertEqual("max-age=60, public", response["Cache-Control"])
        self.assertFalse(response.has_header("Pragma") or response.has_header("Expires"))
        self.assertNotIn("d", document["keys"][0])

    def test_a_token_verifies_with_the_published_key(self):
        access_token = client_grant(self.api)[1]["access_token"]
        key = self.api.get("/.well-known/jwks.json")[1]["keys"][0]

        claims = jwt.decode(access_token, jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(key)), algorithms=["RS256"],
                            issuer=settings.JWT_ISSUER)

        self.assertEqual("ops-console", claims["sub"])

    def test_only_get_is_anonymous(self):
        status, _, response = self.api.call("HEAD", "/.well-known/jwks.json")
        self.assertEqual((401, "Bearer"), (status, response["WWW-Authenticate"]))
        self.assertProblem(self.api.post("/.well-known/jwks.json", {}), 401, "unauthorized")
