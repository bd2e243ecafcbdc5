"""
Failed sign-ins per principal (email or client id) and per client address, counted in identity_login_throttle so
every worker sees the same counts.

An attempt is counted before the credentials are checked and taken back if they were right: the limit holds
exactly even for concurrent attempts, and the attempt that takes a count over its limit answers 429 without its
password being hashed. Each statement commits on its own (autocommit), so a failure stays counted although the
request that made it fails.
"""
import datetime
import ipaddress
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from core import times

from . import facts, fingerprints
from core.validation import java_strip


@dataclass(frozen=True)
class Attempt:
    """The two buckets of one attempt; the principal only as a keyed digest."""

    principal_bucket: str
    address_bucket: str


def attempt(principal_kind, principal, client_address):
    digest = fingerprints.of("login-throttle", java_strip(principal).lower())
    return Attempt(f"{principal_kind}:{digest}", f"address:{client_address}")


def admit(this_attempt):
    """Counts the attempt against both buckets; 429 when either is over its limit in the current window."""
    now = times.now()
    wait = max(_count(this_attempt.principal_bucket, settings.LOGIN_THROTTLE_MAX_FAILURES_PER_EMAIL, now),
               _count(this_attempt.address_bucket, settings.LOGIN_THROTTLE_MAX_FAILURES_PER_ADDRESS, now))
    if wait > 0:
        raise facts.login_throttled(wait)


def succeeded(this_attempt):
    """The credentials were right: the principal starts afresh, and the address gets its attempt back."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM identity_login_throttle WHERE bucket = %s", [this_attempt.principal_bucket])
        cursor.execute("UPDATE identity_login_throttle SET failures = greatest(failures - 1, 0) WHERE bucket = %s",
                       [this_attempt.address_bucket])


def purge_ended():
    """Deletes windows that have ended; returns how many."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM identity_login_throttle WHERE window_start <= %s", [times.now() - _window()])
        return cursor.rowcount


def _window():
    return datetime.timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW)


def _count(bucket, limit, now):
    """Adds one to the bucket (a new window if the last one ended); the seconds to wait, or 0."""
    ended = now - _window()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO identity_login_throttle AS t (bucket, window_start, failures) VALUES (%s, %s, 1) "
            "ON CONFLICT (bucket) DO UPDATE SET "
            "failures = CASE WHEN t.window_start <= %s THEN 1 ELSE t.failures + 1 END, "
            "window_start = CASE WHEN t.window_start <= %s THEN %s ELSE t.window_start END "
            "RETURNING failures, window_start",
            [bucket, now, ended, ended, now])
        failures, window_start = cursor.fetchone()
    if failures <= limit:
        return 0
    left = (window_start + _window() - now).total_seconds()
    return left if left > 0 else 1


def client_address(request):
    """
    The caller's address: the peer, or, when the peer is a trusted proxy (the gateway), the right-most address of
    X-Forwarded-For that is not itself a trusted proxy (as Tomcat's RemoteIpValve resolves it).
    """
    peer = request.META.get("REMOTE_ADDR") or "unknown"
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if not forwarded or not _trusted(peer):
        return peer
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop):
            return hop
    return hops[0] if hops else peer


def _trusted(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for proxy in settings.TRUSTED_PROXIES:
        try:
            if ip in ipaddress.ip_network(proxy, strict=False):
                return True
        except ValueError:
            continue
    return False
