"""
Password and client-secret hashes: Django's (settings.PASSWORD_HASHERS, pbkdf2_sha256 first; Argon2 hashes as the
new identity service writes them verify too). Hashing is slow on purpose, so at most as many hashes run at once as
there are processors; the rest wait their turn instead of piling up.
"""
import os
import threading
import uuid

from django.conf import settings
from django.contrib.auth import hashers

_permits = threading.BoundedSemaphore(max(1, os.cpu_count() or 1))
_decoy = {}
_decoy_lock = threading.Lock()


def make(raw):
    with _permits:
        return hashers.make_password(raw)


def matches(raw, encoded):
    """Whether ``raw`` matches ``encoded``; a missing hash is checked against a decoy, so it costs the same."""
    with _permits:
        return hashers.check_password(raw, encoded if encoded else decoy())


def decoy():
    """A hash of a random secret with today's parameters, verified against when there is no real one."""
    iterations = settings.PBKDF2_ITERATIONS
    with _decoy_lock:
        if iterations not in _decoy:
            _decoy[iterations] = hashers.make_password(str(uuid.uuid4()))
        return _decoy[iterations]


def weaker_than_today(encoded):
    """
    A pbkdf2_sha256 hash with fewer iterations than configured is replaced on sign-in. An Argon2 hash (the new
    identity service's) is left as it is: it is the stronger one, and replacing it would only bounce between sides.
    """
    try:
        hasher = hashers.identify_hasher(encoded)
    except ValueError:
        return False
    if hasher.algorithm != "pbkdf2_sha256":
        return False
    return hasher.decode(encoded)["iterations"] < settings.PBKDF2_ITERATIONS
