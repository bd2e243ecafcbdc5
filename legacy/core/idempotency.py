"""
A creating request runs at most once per caller and Idempotency-Key (IETF draft semantics, as the services):

- same key, same request, completed → the stored status and body again, with ``Idempotent-Replayed: true``;
- same key, different request → 422 ``idempotency_key_reused``;
- same key while the first is still running → 409 ``idempotency_key_in_use``;
- a request that fails (validation, a business rule, an unavailable dependency) stores nothing and frees the key.

The claim is an ``INSERT … ON CONFLICT DO NOTHING`` committed on its own, so concurrent requests with one key race
on the unique index, not in Python. The response is stored in the same database transaction as the operation's
writes: either both are there or neither.
"""
import datetime
import hashlib
import json

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpResponse

from . import times
from .wire import dumps
from .problems import Problem

HEADER = "Idempotency-Key"
MAX_LENGTH = 255


def scope_of(domain, caller):
    """Keys are per caller, and per domain: each service keeps its own table, the monolith one for every domain."""
    return f"{domain}:{caller.subject}"


def key_from(request, body_field=None):
    """The header, or the body field legacy clients send; both present and different is a validation error."""
    header = request.META.get("HTTP_IDEMPOTENCY_KEY")
    if header is not None and body_field is not None and header != body_field:
        raise Problem.invalid_field("idempotency_key", "differs from the Idempotency-Key header")
    return header if header is not None else body_field


def require_valid(key):
    if not 1 <= len(key) <= MAX_LENGTH:
        raise Problem.invalid_field(HEADER, f"must be 1 to {MAX_LENGTH} characters")
    if any(not 0x20 <= ord(c) <= 0x7E for c in key):
        raise Problem.invalid_field(HEADER, "must be printable ASCII")


def fingerprint(request_document):
    canonical = json.dumps(request_document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def json_response(status, document, replayed=False):
    answer = HttpResponse(render(document), status=status, content_type="application/json")
    if replayed:
        answer["Idempotent-Replayed"] = "true"
    return answer


def render(document):
    return dumps(document)


def execute(scope, key, request_document, status, operation, before=None):
    """
    Runs ``operation()`` (→ the response document) in a database transaction, idempotently when ``key`` is given.
    ``before()`` runs after the claim but outside the transaction (a call that must not hold a connection's
    transaction open while it waits); if anything fails, the claim is released.
    """
    if key is None:
        if before:
            before()
        with transaction.atomic():
            return json_response(status, operation())
    require_valid(key)
    stored = _claim(scope, key, fingerprint(request_document))
    if stored is not None:
        return HttpResponse(stored[1], status=stored[0], content_type="application/json",
                            headers={"Idempotent-Replayed": "true"})
    try:
        if before:
            before()
        with transaction.atomic():
            document = operation()
            body = render(document)
            _complete(scope, key, status, body)
        return HttpResponse(body, status=status, content_type="application/json")
    except BaseException:
        _release(scope, key)
        raise


def _claim(scope, key, digest):
    in_use = Problem("idempotency_key_in_use", "A request with this Idempotency-Key is still being processed; retry later.")
    for _ in range(3):
        now = times.now()
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO core_idempotency_key (scope, key, fingerprint, state, locked_at, created_at, expires_at) "
                "VALUES (%s, %s, %s, 'in_flight', %s, %s, %s) ON CONFLICT (scope, key) DO NOTHING",
                [scope, key, digest, now, now, now + datetime.timedelta(seconds=settings.IDEMPOTENCY_RETENTION)])
            if cursor.rowcount == 1:
                return None
            cursor.execute("SELECT fingerprint, state, response_status, response_body, locked_at, expires_at "
                           "FROM core_idempotency_key WHERE scope = %s AND key = %s", [scope, key])
            found = cursor.fetchone()
            if found is None:
                continue  # released between the insert and the select
            existing_digest, state, status, body, locked_at, expires_at = found
            if expires_at < now:
                cursor.execute("DELETE FROM core_idempotency_key WHERE scope = %s AND key = %s AND expires_at < %s",
                               [scope, key, now])
                continue
            if existing_digest != digest:
                raise Problem("idempotency_key_reused", "This Idempotency-Key was used with a different request.")
            if state == "done":
                return status, body
            stale = locked_at + datetime.timedelta(seconds=settings.IDEMPOTENCY_STALE_AFTER) < now
            if stale:
                # a claim whose request died is taken over by exactly one retry
                cursor.execute("UPDATE core_idempotency_key SET locked_at = %s WHERE scope = %s AND key = %s "
                               "AND state = 'in_flight' AND locked_at = %s", [now, scope, key, locked_at])
                if cursor.rowcount == 1:
                    return None
            raise in_use
    raise in_use


def _complete(scope, key, status, body):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_idempotency_key SET state = 'done', response_status = %s, response_body = %s "
                       "WHERE scope = %s AND key = %s AND state = 'in_flight'", [status, body, scope, key])
        if cursor.rowcount != 1:
            raise RuntimeError("idempotency claim lost before completion")


def _release(scope, key):
    try:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM core_idempotency_key WHERE scope = %s AND key = %s AND state = 'in_flight'",
                           [scope, key])
    except Exception:  # the database is away: the claim goes stale and a retry takes it over
        pass


def purge_expired():
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_idempotency_key WHERE expires_at < %s", [times.now()])
        return cursor.rowcount
