"""
Ops and service clients of the client_credentials grant, from settings.LEGACY_CLIENTS: a Django hash of the secret
(``secret_hash``, python3 manage.py hash_secret) or, where settings.ALLOW_PLAIN_CLIENT_SECRETS (local runs), a
plain ``secret`` compared in constant time. A client with neither cannot get tokens.
"""
import hmac
from dataclasses import dataclass

from django.conf import settings

from . import passwords

CLIENT_SCOPES = ("ops", "service")


@dataclass(frozen=True)
class Client:
    id: str
    scopes: frozenset


def authenticate(client_id, secret):
    """The client if the id exists and the secret matches; the same time and answer otherwise."""
    configured = next((c for c in settings.LEGACY_CLIENTS if c.get("id") == client_id), None)
    secret_hash = (configured or {}).get("secret_hash") or ""
    plain = (configured or {}).get("secret") or ""
    if secret_hash:
        matches = passwords.matches(secret, secret_hash)
    elif plain and settings.ALLOW_PLAIN_CLIENT_SECRETS:
        passwords.matches(secret, None)  # the same cost as a hashed secret
        matches = hmac.compare_digest(secret.encode("utf-8"), plain.encode("utf-8"))
    else:
        passwords.matches(secret, None)
        matches = False
    if configured is None or not matches:
        return None
    scopes = frozenset(s for s in configured.get("scopes", ()) if s in CLIENT_SCOPES)
    return Client(client_id, scopes)
