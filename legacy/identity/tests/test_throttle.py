"""Login throttling: failed sign-ins per email (or client id) and per client address, in Postgres."""
import threading
import uuid

from django.db import connection
from django.test import override_settings

from core.tests.support import Api, ApiTestCase, ConcurrentApiTestCase

from identity.models import LoginThrottle
from identity.tests.helpers import PASSWORD, password_grant, signed_up

TOKEN = "/api/v1/auth/token"


def ghost():
    return f"ghost-{uuid.uuid4().hex[:10]}@example.com"


class LoginThrottleTest(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.user, self.body = signed_up(self.api)

    def fail(self, email, times, **kwargs):
        for attempt in range(times):
            self.assertProblem(password_grant(self.api, email, f"wrong password {attempt}", **kwargs), 401,
                               "invalid_grant")

    def test_the_eleventh_rapid_failure_for_one_email_is_rate_limited(self):
        self.fail(self.body["email"], 10)

        eleventh = password_grant(self.api, self.body["email"], "wrong password 11")

        problem = self.assertProblem(eleventh, 429, "rate_limited")
        self.assertEqual("Too many failed sign-in attempts; try again later.", problem["detail"])
        self.assertTrue(1 <= int(eleventh[2]["Retry-After"]) <= 15 * 60)
        self.assertProblem(password_grant(self.api, self.body["email"], PASSWORD), 429, "rate_limited")

    def test_the_throttle_follows_the_email_across_case_and_blanks(self):
        for attempt in range(10):
            email = self.body["email"].upper() if attempt % 2 else f" {self.body['email']} "
            self.assertEqual(401, password_grant(self.api, email, "wrong")[0])

        self.assertProblem(password_grant(self.api, self.body["email"], PASSWORD), 429, "rate_limited")

    def test_unknown_emails_are_throttled_like_known_ones(self):
        unknown = ghost()
        self.fail(unknown, 10)

        self.assertProblem(password_grant(self.api, unknown, "whatever"), 429, "rate_limited")

    def test_a_successful_sign_in_clears_the_emails_failures(self):
        self.fail(self.body["email"], 9)
        self.assertEqual(200, password_grant(self.api, self.body["email"], PASSWORD)[0])

        self.fail(self.body["email"], 10)

    def test_one_throttled_email_does_not_lock_others_out(self):
        bystander, body = signed_up(self.api)
        self.fail(self.body["email"], 10)
        self.assertEqual(429, password_grant(self.api, self.body["email"], "wrong")[0])

        self.assertEqual(200, password_grant(self.api, body["email"], PASSWORD)[0])

    @override_settings(LOGIN_THROTTLE_MAX_FAILURES_PER_ADDRESS=5)
    def test_one_client_address_is_throttled_across_many_emails(self):
        sprayer = {"HTTP_X_FORWARDED_FOR": "203.0.113.9"}
        for _ in range(5):
            self.assertEqual(401, self.api.client.post(TOKEN, {"grant_type": "password", "email": ghost(),
                                                               "password": "Winter2026!"},
                                                       content_type="application/json", **sprayer).status_code)

        blocked = self.api.client.post(TOKEN, {"grant_type": "password", "email": ghost(), "password": "Winter2026!"},
                                       content_type="application/json", **sprayer)

        self.assertEqual((429, "rate_limited"), (blocked.status_code, blocked.json()["code"]))
        self.assertTrue(blocked["Retry-After"])
        elsewhere = self.api.post(TOKEN, {"grant_type": "password", "email": self.body["email"], "password": PASSWORD},
                                  headers={"X-Forwarded-For": "198.51.100.1"})
        self.assertEqual(200, elsewhere[0], "other addresses are unaffected")

    @override_settings(LOGIN_THROTTLE_MAX_FAILURES_PER_ADDRESS=3, TRUSTED_PROXIES=["10.0.0.0/8"])
    def test_x_forwarded_for_counts_only_from_a_trusted_proxy(self):
        # the test client's peer is 127.0.0.1, not trusted here: whatever it forwards, the peer is throttled
        for attempt in range(3):
            self.assertEqual(401, self.api.post(TOKEN, {"grant_type": "password", "email": ghost(), "password": "x"},
                                                headers={"X-Forwarded-For": f"203.0.113.{attempt}"})[0])

        self.assertEqual(429, self.api.post(TOKEN, {"grant_type": "password", "email": ghost(), "password": "x"},
                                            headers={"X-Forwarded-For": "203.0.113.77"})[0])

    def test_the_client_address_is_the_last_hop_before_the_trusted_proxies(self):
        from django.test import RequestFactory
        from identity.throttle import client_address

        request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.5, 127.0.0.1",
                                       REMOTE_ADDR="127.0.0.1")
        self.assertEqual("203.0.113.5", client_address(request))
        self.assertEqual("192.0.2.1", client_address(RequestFactory().get(
            "/", HTTP_X_FORWARDED_FOR="203.0.113.5", REMOTE_ADDR="192.0.2.1")))

    def test_client_credentials_are_throttled_per_client_id(self):
        for attempt in range(10):
            self.assertEqual(401, self.api.post(TOKEN, {"grant_type": "client_credentials", "client_id": "guessed",
                                                        "client_secret": f"guess-{attempt}"})[0])

        self.assertProblem(self.api.post(TOKEN, {"grant_type": "client_credentials", "client_id": "guessed",
                                                 "client_secret": "guess-11"}), 429, "rate_limited")

    def test_the_throttle_keeps_no_email_in_the_clear(self):
        self.fail(self.body["email"], 1)

        buckets = list(LoginThrottle.objects.values_list("bucket", flat=True))
        self.assertTrue(any(b.startswith("email:") for b in buckets))
        self.assertFalse(any(self.body["email"].split("@")[0] in b for b in buckets))

    def test_a_malformed_request_is_not_counted(self):
        for _ in range(12):
            self.assertEqual(400, password_grant(self.api, self.body["email"], PASSWORD, scope="ops")[0])

        self.assertEqual(200, password_grant(self.api, self.body["email"], PASSWORD)[0])


class ConcurrentThrottleTest(ConcurrentApiTestCase):
    def test_the_limit_holds_exactly_under_concurrent_failures(self):
        email = ghost()
        statuses = []

        def attempt():
            try:
                statuses.append(Api().post(TOKEN, {"grant_type": "password", "email": email, "password": "wrong"})[0])
            finally:
                connection.close()

        threads = [threading.Thread(target=attempt) for _ in range(14)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        self.assertEqual([401] * 10 + [429] * 4, sorted(statuses))
