"""
Refresh tokens: 256 random bits given to the client once and stored only as their SHA-256. Each belongs to a
family started by a password grant. Using a token spends it and yields the family's next one; presenting a spent
token again means it leaked, so the whole family is revoked and every token of it, the newest included, stops
working.
"""
import base64
import datetime
import hashlib
import logging
import os
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction

from core import times

from . import audit
from .models import RefreshToken, RefreshTokenFamily

log = logging.getLogger("identity.refresh_tokens")

PREFIX = "rt_"


@dataclass(frozen=True)
class Rotated:
    """The next token of a family, and who and what it is for."""

    user_id: str
    scope: str
    refresh_token: str


def hash_of(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_family(user_id, scope):
    """A family for a user who just signed in; returns its first token."""
    with transaction.atomic():
        now = times.now()
        family = RefreshTokenFamily.objects.create(id=f"rtf_{uuid.uuid4()}", user_id=user_id, scope=scope,
                                                   created_at=now)
        return _issue(family.id, now)


def rotate(presented):
    """
    Spends the presented token and returns the family's next one; None if the token is unknown, expired, or its
    family revoked. A spent token revokes its family, committed before the answer.
    """
    with transaction.atomic():
        rotated, revoked_family = _rotate_in_transaction(hash_of(presented))
    if revoked_family is not None:
        log.warning("A spent refresh token was presented again; family %s revoked", revoked_family)
    return rotated


def purge_expired():
    now = times.now()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM identity_refresh_token WHERE expires_at < %s", [now])
        tokens = cursor.rowcount
        cursor.execute("DELETE FROM identity_refresh_token_family f WHERE NOT EXISTS "
                       "(SELECT 1 FROM identity_refresh_token t WHERE t.family_id = f.id)")
    return tokens


def _rotate_in_transaction(token_hash):
    now = times.now()
    # Locking the family serialises every use of its tokens: of two concurrent uses of one token, the second
    # sees it spent.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.family_id, t.expires_at, t.used_at, f.user_id, f.scope, f.revoked_at "
            "FROM identity_refresh_token t JOIN identity_refresh_token_family f ON f.id = t.family_id "
            "WHERE t.token_hash = %s FOR UPDATE OF f, t", [token_hash])
        found = cursor.fetchone()
    if found is None:
        return None, None
    family_id, expires_at, used_at, user_id, scope, revoked_at = found
    if revoked_at is not None:
        return None, None
    if used_at is not None:
        RefreshTokenFamily.objects.filter(id=family_id, revoked_at__isnull=True).update(
            revoked_at=now, revoked_reason="reuse_detected")
        audit.record(audit.SYSTEM, "refresh_family.revoked", family_id,
                     {"user_id": user_id, "reason": "reuse_detected"})
        return None, family_id
    if not expires_at > now:
        return None, None
    RefreshToken.objects.filter(token_hash=token_hash).update(used_at=now)
    return Rotated(user_id, scope, _issue(family_id, now)), None


def _issue(family_id, now):
    token = PREFIX + base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode("ascii")
    RefreshToken.objects.create(token_hash=hash_of(token), family_id=family_id, issued_at=now,
                                expires_at=now + datetime.timedelta(seconds=settings.REFRESH_TOKEN_TTL))
    return token
