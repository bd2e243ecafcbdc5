"""
RFC 9457 problem responses: the one error shape of the public API, with the stable machine ``code``.

Messages are written here and in the domains, never copied from an exception: a parser's or database's message
may quote the rejected value, and a rejected value may be a card number or a password.
"""
import logging
import math

from django.http import HttpResponse
from rest_framework import exceptions as drf

from .wire import dumps

log = logging.getLogger("core.problems")

TYPE_BASE = "https://cutover.dev/problems/"
PROBLEM_JSON = "application/problem+json"

# code → (status, title), as common-contracts' ErrorCode lists them
CODES = {
    "validation_failed": (400, "Validation failed"),
    "unauthorized": (401, "Unauthorized"),
    "forbidden": (403, "Forbidden"),
    "not_found": (404, "Not found"),
    "method_not_allowed": (405, "Method not allowed"),
    "not_acceptable": (406, "Not acceptable"),
    "conflict": (409, "Conflict"),
    "payload_too_large": (413, "Payload too large"),
    "unsupported_media_type": (415, "Unsupported media type"),
    "rate_limited": (429, "Too many requests"),
    "internal_error": (500, "Internal error"),
    "bad_gateway": (502, "Bad gateway"),
    "dependency_unavailable": (503, "Dependency unavailable"),
    "gateway_timeout": (504, "Gateway timeout"),
    "idempotency_key_reused": (422, "Idempotency key reused"),
    "idempotency_key_in_use": (409, "Idempotency key in use"),
    "email_taken": (409, "Email taken"),
    "invalid_grant": (401, "Invalid grant"),
    "kyc_required": (403, "KYC required"),
    "invalid_state_transition": (409, "Invalid state transition"),
    "raw_card_data_rejected": (400, "Raw card data rejected"),
    "payment_method_unusable": (422, "Payment method unusable"),
    "refund_exceeds_amount": (409, "Refund exceeds amount"),
    "transaction_not_refundable": (409, "Transaction not refundable"),
    "currency_mismatch": (422, "Currency mismatch"),
    "unbalanced_entry": (422, "Unbalanced entry"),
    "insufficient_funds": (422, "Insufficient funds"),
    "already_reversed": (409, "Already reversed"),
}

INVALID = "The request is not valid."
NOT_JSON = "the body is not well-formed JSON"


class Problem(Exception):
    """A refusal with its stable code. ``errors`` are (field, message) pairs; ``headers`` go on the response."""

    def __init__(self, code, detail, errors=(), headers=None, extensions=None, instance=True):
        if code not in CODES:
            raise ValueError(f"unknown problem code {code}")
        super().__init__(detail)
        self.code = code
        self.status = CODES[code][0]
        self.detail = detail
        self.errors = list(errors)
        self.headers = dict(headers or {})
        self.extensions = dict(extensions or {})
        self.instance = instance

    @classmethod
    def invalid(cls, errors):
        """400 validation_failed naming each field, sorted as the services sort them (field, then message)."""
        return cls("validation_failed", INVALID, sorted(errors))

    @classmethod
    def invalid_field(cls, field, message):
        return cls.invalid([(field, message)])

    @classmethod
    def not_found(cls, detail="No such resource."):
        return cls("not_found", detail)

    @classmethod
    def retry_later(cls, detail, seconds):
        return cls("dependency_unavailable", detail, headers={"Retry-After": str(max(1, math.ceil(seconds)))})

    def body(self, path=None):
        """The members in the order the services write them (detail, instance, status, title, type, code, …)."""
        status, title = CODES[self.code]
        document = {"detail": self.detail}
        if self.instance and path is not None:
            document["instance"] = path
        document.update({"status": status, "title": title, "type": TYPE_BASE + self.code.replace("_", "-"),
                         "code": self.code})
        if self.errors:
            document["errors"] = [{"field": field, "message": message} for field, message in self.errors]
        document.update(self.extensions)
        return document


def unauthorized(challenge="Bearer"):
    """The 401 of a missing, malformed, expired or forged bearer token (no instance, as the services answer it)."""
    return Problem("unauthorized", "A valid bearer token is required.", headers={"WWW-Authenticate": challenge},
                   instance=False)


def forbidden():
    return Problem("forbidden", "The token lacks the scope this operation needs.")


def response(problem, path=None):
    payload = dumps(problem.body(path)).encode("utf-8")
    answer = HttpResponse(payload, status=problem.status, content_type=PROBLEM_JSON)
    for name, value in problem.headers.items():
        answer[name] = value
    return answer


def exception_handler(exc, context):
    """DRF's hook: every exception a view raises becomes a problem; nothing else ever reaches a client."""
    request = context.get("request")
    path = request.path if request is not None else None
    problem = as_problem(exc, request)
    return response(problem, path)


def where(exc):
    """The frames an exception passed, without its message (which may quote a value)."""
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)[-6:]
    return " < ".join(f"{frame.name} ({frame.filename.rsplit('/', 1)[-1]}:{frame.lineno})" for frame in reversed(frames))


def as_problem(exc, request=None):
    if isinstance(exc, Problem):
        return exc
    if isinstance(exc, drf.NotAuthenticated) or isinstance(exc, drf.AuthenticationFailed):
        return unauthorized()
    if isinstance(exc, drf.PermissionDenied):
        return forbidden()
    if isinstance(exc, drf.MethodNotAllowed):
        method = request.method if request is not None else "this"
        return Problem("method_not_allowed", f"The method {method} is not allowed here.")
    if isinstance(exc, drf.UnsupportedMediaType):
        return Problem("unsupported_media_type", "Send the request body as application/json.")
    if isinstance(exc, drf.NotAcceptable):
        return Problem("not_acceptable", "Responses are application/json.")
    if isinstance(exc, drf.ParseError):
        return Problem.invalid_field("", NOT_JSON)
    if isinstance(exc, drf.NotFound):
        return Problem.not_found()
    if isinstance(exc, drf.Throttled):
        return Problem("rate_limited", "Too many requests; retry later.",
                       headers={"Retry-After": str(max(1, math.ceil(exc.wait or 1)))})
    from django.db import DatabaseError, InterfaceError, OperationalError

    if isinstance(exc, (OperationalError, InterfaceError)):
        log.warning("No database connection: %s", type(exc).__name__)
        return Problem.retry_later("The service cannot reach its database right now; retry later.", 2)
    if isinstance(exc, DatabaseError):
        # the message quotes the statement's values: only the class is logged
        log.error("Database error %s", type(exc).__name__)
    else:
        log.error("Unhandled %s at %s", type(exc).__name__, where(exc))
    return Problem("internal_error", "Something went wrong on our side; the request may be retried.")
