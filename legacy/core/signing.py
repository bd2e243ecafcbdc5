"""
Access tokens: RS256 JWTs signed with the monolith's own key pair (kid ``legacy-…``), published at
``/.well-known/jwks.json``. Verification trusts the monolith's keys and the key sets of JWT_TRUSTED_JWKS_URIS
(the new identity service's), so a token from either side works here; no private key is shared.
"""
import base64
import json
import logging
import os
import threading
import time
import urllib.request

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.db import connection, transaction

from . import crypto, times
from .models import SigningKey

log = logging.getLogger("core.signing")

KEY_CACHE_SECONDS = 30
REMOTE_CACHE_SECONDS = 300
REFETCH_AT_MOST_EVERY = 1.0
_ADVISORY_LOCK = 7_402_001  # serialises the first key's creation across workers


class InvalidToken(Exception):
    """The token is not one this monolith accepts; the reason is for logs, never for the client."""


def _b64(number):
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _context(kid):
    return f"signing-key:{kid}"


class _LocalKeys:
    def __init__(self):
        self.lock = threading.Lock()
        self.loaded_at = 0.0
        self.signing = None  # (kid, private key)
        self.public = {}  # kid → public key

    def _load(self):
        rows = list(SigningKey.objects.filter(retired_at__isnull=True).order_by("-created_at"))
        if not rows:
            rows = [self._create()]
        newest = rows[0]
        private = serialization.load_pem_private_key(
            crypto.decrypt(newest.private_key, _context(newest.kid)).encode("ascii"), password=None)
        self.signing = (newest.kid, private)
        self.public = {row.kid: jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(row.public_jwk)) for row in rows}
        self.loaded_at = time.monotonic()

    @staticmethod
    def _create():
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK])
            existing = SigningKey.objects.filter(retired_at__isnull=True).order_by("-created_at").first()
            if existing is not None:
                return existing
            private = rsa.generate_private_key(public_exponent=65537, key_size=settings.JWT_RSA_BITS)
            numbers = private.public_key().public_numbers()
            kid = f"{settings.JWT_KEY_ID_PREFIX}{int(time.time())}-{os.urandom(8).hex()}"
            pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption()).decode("ascii")
            key = SigningKey.objects.create(
                kid=kid, private_key=crypto.encrypt(pem, _context(kid)), created_at=times.now(),
                public_jwk={"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256",
                            "n": _b64(numbers.n), "e": _b64(numbers.e)})
            log.info("Created token signing key %s", kid)
            return key

    def fresh(self, force=False):
        with self.lock:
            age = time.monotonic() - self.loaded_at
            if self.signing is None or age > KEY_CACHE_SECONDS or (force and age > REFETCH_AT_MOST_EVERY):
                self._load()
            return self

    def reset(self):
        with self.lock:
            self.signing = None
            self.public = {}
            self.loaded_at = 0.0


class _RemoteKeys:
    """One trusted JWKS URI: fetched on first use, kept 5 minutes, fetched again for an unknown kid at most once a second."""

    def __init__(self, uri):
        self.uri = uri
        self.lock = threading.Lock()
        self.keys = {}
        self.fetched_at = None

    def find(self, kid):
        with self.lock:
            now = time.monotonic()
            stale = self.fetched_at is None or now - self.fetched_at > REMOTE_CACHE_SECONDS
            unknown = kid not in self.keys and (self.fetched_at is None or now - self.fetched_at > REFETCH_AT_MOST_EVERY)
            if stale or unknown:
                self._fetch(now)
            return self.keys.get(kid)

    def _fetch(self, now):
        try:
            with urllib.request.urlopen(self.uri, timeout=settings.JWT_JWKS_TIMEOUT) as answer:
                document = json.loads(answer.read().decode("utf-8"))
            self.keys = {jwk["kid"]: jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(jwk))
                         for jwk in document.get("keys", []) if jwk.get("kty") == "RSA" and "kid" in jwk}
        except Exception as failure:  # keep the last good set through an outage of the other side
            log.warning("Could not fetch trusted key set %s: %s", self.uri, type(failure).__name__)
        self.fetched_at = now


_local = _LocalKeys()
_remote = {}
_remote_lock = threading.Lock()


def _remote_for(uri):
    with _remote_lock:
        if uri not in _remote:
            _remote[uri] = _RemoteKeys(uri)
        return _remote[uri]


def reset_caches():
    """Forget every key (tests that recreate the database)."""
    _local.reset()
    with _remote_lock:
        _remote.clear()


def sign(claims):
    kid, private = _local.fresh().signing
    return jwt.encode(claims, private, algorithm="RS256", headers={"kid": kid, "typ": "JWT"})


def jwks():
    keys = _local.fresh()
    rows = SigningKey.objects.filter(kid__in=list(keys.public)).order_by("-created_at")
    return {"keys": [row.public_jwk for row in rows]}


def public_key(kid):
    key = _local.fresh().public.get(kid)
    if key is None and kid.startswith(settings.JWT_KEY_ID_PREFIX):
        key = _local.fresh(force=True).public.get(kid)
    if key is None:
        for uri in settings.JWT_TRUSTED_JWKS_URIS:
            key = _remote_for(uri).find(kid)
            if key is not None:
                break
    return key


def verify(token):
    """The claims of a valid access token (RS256, known kid, our issuer, not expired), else InvalidToken."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        raise InvalidToken("malformed") from None
    kid = header.get("kid")
    if header.get("alg") != "RS256" or not isinstance(kid, str) or not kid:
        raise InvalidToken("algorithm or kid")
    key = public_key(kid)
    if key is None:
        raise InvalidToken("unknown kid")
    try:
        claims = jwt.decode(token, key, algorithms=["RS256"], issuer=settings.JWT_ISSUER,
                            leeway=settings.CLOCK_SKEW, options={"require": ["exp", "iss", "sub"]})
    except jwt.PyJWTError as failure:
        raise InvalidToken(type(failure).__name__) from None
    if not isinstance(claims.get("sub"), str):
        raise InvalidToken("subject")
    return claims
