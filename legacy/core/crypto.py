"""Personal data and signing keys at rest: AES-256-GCM under LEGACY_PII_KEY, a key that is never in the database."""
import base64
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

VERSION = "v1"


def encrypt(plaintext, context):
    """``context`` (e.g. ``"user:usr_…:full_name"``) is bound to the ciphertext: it cannot be moved to another row."""
    if plaintext is None:
        return None
    nonce = os.urandom(12)
    sealed = AESGCM(settings.PII_KEY).encrypt(nonce, plaintext.encode("utf-8"), context.encode("utf-8"))
    return f"{VERSION}:{base64.b64encode(nonce + sealed).decode('ascii')}"


def decrypt(stored, context):
    if stored is None:
        return None
    version, _, payload = stored.partition(":")
    if version != VERSION:
        raise ValueError("unknown ciphertext version")
    raw = base64.b64decode(payload)
    return AESGCM(settings.PII_KEY).decrypt(raw[:12], raw[12:], context.encode("utf-8")).decode("utf-8")
