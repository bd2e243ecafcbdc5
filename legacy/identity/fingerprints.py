"""
Keyed digests of secrets and personal data, for where a value must be recognised but never recovered:
idempotency fingerprints of requests carrying a password or a document number, throttling buckets of an email.
A plain hash would let anyone holding the database guess a date of birth or a document number offline; the key
is derived from LEGACY_PII_KEY, which the database never sees.
"""
import hashlib
import hmac

from django.conf import settings


def _key():
    return hmac.new(settings.PII_KEY, b"identity-fingerprints", hashlib.sha256).digest()


def of(purpose, *values):
    """HMAC-SHA256 over the values, each length-prefixed so no choice of values makes two lists look alike."""
    mac = hmac.new(_key(), digestmod=hashlib.sha256)
    for value in (purpose, *values):
        raw = ("\u0000null" if value is None else value).encode("utf-8")
        mac.update(f"{len(raw)}:".encode("ascii"))
        mac.update(raw)
    return mac.hexdigest()
