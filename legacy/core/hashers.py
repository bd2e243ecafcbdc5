"""Django's pbkdf2_sha256 hasher, with its iteration count from settings (tests lower it; production keeps Django's)."""
from django.conf import settings
from django.contrib.auth import hashers


class PBKDF2PasswordHasher(hashers.PBKDF2PasswordHasher):
    """Writes the standard ``pbkdf2_sha256$<iterations>$<salt>$<hash>``; any iteration count verifies."""

    @property
    def iterations(self):
        return settings.PBKDF2_ITERATIONS
