"""Who calls: the bearer token's subject and scopes, checked per operation as the services check them."""
import logging
from dataclasses import dataclass

from rest_framework.authentication import BaseAuthentication

from . import signing
from .problems import Problem, forbidden, unauthorized

log = logging.getLogger("core.auth")

USER, OPS, SERVICE = "user", "ops", "service"
KNOWN_SCOPES = (USER, OPS, SERVICE)


@dataclass(frozen=True)
class Caller:
    subject: str
    scopes: frozenset

    def has(self, scope):
        return scope in self.scopes

    @property
    def is_privileged(self):
        """Ops and service clients may act on every user's resources."""
        return OPS in self.scopes or SERVICE in self.scopes

    def may_access_owned_by(self, owner_id):
        """Whether this caller may see a resource of ``owner_id``; others get a 404, not a 403."""
        return self.is_privileged or (USER in self.scopes and self.subject == owner_id)


class BearerAuthentication(BaseAuthentication):
    """``Authorization: Bearer <JWT>``; no header → anonymous (the view decides), a bad token → 401 at once."""

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION")
        if header is None:
            return None
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise unauthorized()
        try:
            claims = signing.verify(token.strip())
        except signing.InvalidToken as refused:
            log.info("Refused a bearer token: %s", refused)
            raise unauthorized() from None  # the services' challenge is a plain "Bearer" for every bad token
        scope = claims.get("scope", "")
        scopes = frozenset(s for s in scope.split() if s in KNOWN_SCOPES) if isinstance(scope, str) else frozenset()
        return Caller(claims["sub"], scopes), claims

    def authenticate_header(self, request):
        return "Bearer"


def require(request, *scopes):
    """The caller, when it has one of ``scopes``: no token → 401, a token without them → 403."""
    caller = request.user
    if not isinstance(caller, Caller):
        raise unauthorized()
    if not any(caller.has(scope) for scope in scopes):
        raise forbidden()
    return caller


def optional_caller(request):
    return request.user if isinstance(request.user, Caller) else None


def not_found():
    return Problem.not_found()
