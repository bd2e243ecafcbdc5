"""
The three grants of the token endpoint. Bad credentials of any kind answer the same 401 ``invalid_grant``; a
malformed request (a missing field, a field of another grant, an unknown scope) answers 400.
"""
import re
import time
import uuid

from django.conf import settings

from core import signing
from core.problems import INVALID, Problem

from . import accounts, clients, facts, refresh_tokens, throttle
from core.validation import java_is_blank, java_length, java_strip
from .representations import token_response
from .requests import CREDENTIAL_FIELDS

SCOPE_ORDER = ("user", "ops", "service")  # the order of the Java Scope enum, which the scope claim follows
# longer passwords and secrets are refused without hashing them, so nobody can make a hash expensive
MAX_SECRET_LENGTH = 128
SCOPE_MESSAGE = "must be a space-separated subset of the scopes this grant gives"


def scope_claim(scopes):
    """Space-separated scope values in a stable order."""
    return " ".join(scope for scope in SCOPE_ORDER if scope in scopes)


def access_token(subject, scopes):
    """JWS RS256 with the signing key's kid; the claims of the Java AccessTokens, in the order it writes them."""
    now = int(time.time())
    return signing.sign({"iss": settings.JWT_ISSUER, "sub": subject, "exp": now + settings.ACCESS_TOKEN_TTL,
                         "iat": now, "jti": str(uuid.uuid4()), "scope": scope_claim(scopes)})


def issue(request, client_address):
    grant = request["grant_type"]
    if grant == "password":
        return _password(request, client_address)
    if grant == "refresh_token":
        return _refresh(request)
    return _client_credentials(request, client_address)


def _password(request, client_address):
    _require_fields(request, ("email", "password"))
    scopes = _narrowed(request["scope"], {"user"})
    attempt = throttle.attempt("email", request["email"], client_address)
    throttle.admit(attempt)
    password = request["password"]
    user = None if java_length(password) > MAX_SECRET_LENGTH else accounts.authenticate(request["email"], password)
    if user is None:
        raise facts.invalid_grant("password")
    throttle.succeeded(attempt)
    scope = scope_claim(scopes)
    return token_response(access_token(user.id, scopes), settings.ACCESS_TOKEN_TTL,
                          refresh_tokens.start_family(user.id, scope), scope)


def _refresh(request):
    _require_fields(request, ("refresh_token",))
    # families come from password grants only, so their scope is at most "user"
    requested = _narrowed(request["scope"], {"user"})
    rotated = refresh_tokens.rotate(request["refresh_token"])
    if rotated is None:
        raise facts.invalid_grant("refresh_token")
    granted = {value for value in rotated.scope.split(" ") if value in SCOPE_ORDER} & requested
    return token_response(access_token(rotated.user_id, granted), settings.ACCESS_TOKEN_TTL, rotated.refresh_token,
                          scope_claim(granted))


def _client_credentials(request, client_address):
    _require_fields(request, ("client_id", "client_secret"))
    requested = _narrowed(request["scope"], {"ops", "service"})
    attempt = throttle.attempt("client", request["client_id"], client_address)
    throttle.admit(attempt)
    secret = request["client_secret"]
    client = (None if java_length(secret) > MAX_SECRET_LENGTH
              else clients.authenticate(request["client_id"], secret))
    if client is None:
        raise facts.invalid_grant("client_credentials")
    throttle.succeeded(attempt)
    scopes = set(client.scopes)
    if request["scope"] is not None:
        if not scopes >= requested:
            raise Problem.invalid_field("scope", "must be a subset of the scopes granted to the client")
        scopes &= requested
    return token_response(access_token(client.id, scopes), settings.ACCESS_TOKEN_TTL, None, scope_claim(scopes))


def _narrowed(requested, allowed):
    """The requested scopes (all of ``allowed`` when none were); 400 for one unknown or not given by the grant."""
    if requested is None:
        return set(allowed)
    scopes = set()
    for value in re.split(" +", java_strip(requested)):
        if value not in allowed:
            raise Problem.invalid_field("scope", SCOPE_MESSAGE)
        scopes.add(value)
    if not scopes:
        raise Problem.invalid_field("scope", "must name at least one scope when present")
    return scopes


def _require_fields(request, required):
    """Every field of the grant present and not blank, and none of another grant's (in the Java order, unsorted)."""
    grant = request["grant_type"]
    violations = []
    for field in CREDENTIAL_FIELDS:
        value = request[field]
        if field in required and (value is None or java_is_blank(value)):
            violations.append((field, f"is required for grant_type {grant}"))
        elif field not in required and value is not None:
            violations.append((field, f"does not belong to grant_type {grant}"))
    if violations:
        raise Problem("validation_failed", INVALID, violations)
