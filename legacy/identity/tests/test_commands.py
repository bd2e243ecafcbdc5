"""The management commands: seed_demo_user and hash_secret."""
import io
from unittest import mock

from django.contrib.auth import hashers
from django.core.management import CommandError, call_command
from django.test import override_settings

from core.tests.support import ApiTestCase

from identity.models import KycRecord, User, Verification
from identity.tests.helpers import password_grant


class SeedDemoUserTest(ApiTestCase):
    def seed(self, email="demo@cutover.local"):
        out = io.StringIO()
        call_command("seed_demo_user", "--email", email, "--password", "demo-password-123", "--full-name", "Demo User",
                     stdout=out)
        return out.getvalue()

    def test_the_demo_user_is_created_kyc_verified(self):
        self.assertIn("created, KYC verified", self.seed())

        user = User.objects.get(email="demo@cutover.local")
        self.assertEqual(("verified", "CH"), (user.kyc_status, user.country))
        self.assertEqual("verified", KycRecord.objects.get(user=user).status)
        verification = Verification.objects.get(user=user)
        self.assertEqual(("approved", "demo user", "seed_demo_user"),
                         (verification.status, verification.reason, verification.decided_by))
        token = password_grant(self.api, "demo@cutover.local", "demo-password-123")[1]["access_token"]
        self.assertEqual("Demo User", self.api.get("/api/v1/users/me", token=token)[1]["full_name"])

    def test_seeding_again_leaves_the_existing_user(self):
        self.seed()

        self.assertIn("exists already", self.seed(email="DEMO@cutover.local"))

        self.assertEqual(1, User.objects.count())
        self.assertEqual(1, Verification.objects.count())

    def test_a_short_password_is_refused(self):
        with self.assertRaises(CommandError):
            call_command("seed_demo_user", "--email", "x@example.com", "--password", "short", "--full-name", "X")


class HashSecretTest(ApiTestCase):
    def test_the_printed_hash_verifies_the_secret_read_from_stdin(self):
        out = io.StringIO()
        with mock.patch("sys.stdin", io.StringIO("a client secret\n")):
            call_command("hash_secret", stdout=out)

        printed = out.getvalue().strip()
        self.assertTrue(printed.startswith("pbkdf2_sha256$"))
        self.assertTrue(hashers.check_password("a client secret", printed))
        self.assertNotIn("a client secret", printed)

    def test_the_hash_configures_a_client(self):
        out = io.StringIO()
        with mock.patch("sys.stdin", io.StringIO("from-the-vault\n")):
            call_command("hash_secret", stdout=out)
        clients = [{"id": "ops-console", "scopes": ["ops"], "secret": "", "secret_hash": out.getvalue().strip()}]

        with override_settings(LEGACY_CLIENTS=clients, ALLOW_PLAIN_CLIENT_SECRETS=False):
            status, document, _ = self.api.post("/api/v1/auth/token", {
                "grant_type": "client_credentials", "client_id": "ops-console", "client_secret": "from-the-vault"})

        self.assertEqual((200, "ops"), (status, document["scope"]))

    def test_an_empty_stdin_is_refused(self):
        with mock.patch("sys.stdin", io.StringIO("")), self.assertRaises(CommandError):
            call_command("hash_secret")


class PurgeTest(ApiTestCase):
    def test_expired_refresh_tokens_and_ended_windows_are_purged(self):
        import datetime

        from core import times
        from identity.models import LoginThrottle, RefreshToken, RefreshTokenFamily
        from identity.tests.helpers import signed_up

        user, body = signed_up(self.api)
        password_grant(self.api, body["email"], "wrong password")
        password_grant(self.api, body["email"], body["password"])
        long_ago = times.now() - datetime.timedelta(days=60)
        RefreshToken.objects.update(issued_at=long_ago, expires_at=long_ago + datetime.timedelta(days=30))
        LoginThrottle.objects.update(window_start=long_ago)
        out = io.StringIO()

        call_command("purge_identity_tokens", stdout=out)

        self.assertEqual("Purged 1 expired refresh tokens and 1 ended throttling windows", out.getvalue().strip())
        self.assertEqual((0, 0, 0), (RefreshToken.objects.count(), RefreshTokenFamily.objects.count(),
                                     LoginThrottle.objects.count()))
