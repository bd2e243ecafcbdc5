"""
Identity's endpoints: HTTP in, domain functions, HTTP out.

The order of the answers is the Java service's: a missing or bad token is a 401 first (except on the anonymous
endpoints, which never read one); then the body (415, 400); then the scope (403, as method security runs after the
body is bound); then the operation.
"""
import json

from django.db import transaction
from django.http import HttpResponse
from rest_framework.response import Response

from core import idempotency, signing
from core.auth import optional_caller, require
from core.jsonbody import loads
from core.problems import Problem, unauthorized
from core.views import ApiView

from . import accounts, erasure, grants, kyc, requests, throttle, verifications
from .representations import kyc_record_view, kyc_status_view, user_view, verification_view

SIGN_UP_KEY_SCOPE = "identity:anonymous:sign-up"  # sign-ups have no caller yet: their keys share one scope
JSON, FORM = "application/json", "application/x-www-form-urlencoded"
JWK_MEMBERS = ("kty", "kid", "use", "alg", "n", "e")  # the public members, in the order of the Java JwksView


def scope(caller):
    return idempotency.scope_of("identity", caller)



def signed_in(request):
    """The caller of a valid bearer token, else 401 (the filter chain's answer, before anything else)."""
    caller = optional_caller(request)
    if caller is None:
        raise unauthorized()
    return caller


def replayed(answer):
    return answer.has_header("Idempotent-Replayed")


def created_id(answer):
    """The id an idempotent creation stored (only the id: the response is rendered afresh, as the service does)."""
    return json.loads(answer.content)["id"]


def rendered(document, answer):
    response = Response(document, status=answer.status_code)
    if replayed(answer):
        response["Idempotent-Replayed"] = "true"
    return response


class IdentityView(ApiView):
    """A view whose ``anonymous_methods`` never read a bearer token (a stale one must not block a sign-in)."""

    anonymous_methods = ()

    def dispatch(self, request, *args, **kwargs):
        self.serves_anonymously = request.method in self.anonymous_methods
        return super().dispatch(request, *args, **kwargs)

    def get_authenticators(self):
        if getattr(self, "serves_anonymously", False):
            return []
        return super().get_authenticators()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.anonymous_methods and not self.serves_anonymously:
            signed_in(request)  # an anonymous endpoint's other methods (HEAD of the key set too) need a token

    def http_method_not_allowed(self, request, *args, **kwargs):
        signed_in(request)  # every other method needs a token before it is told it is not allowed
        return super().http_method_not_allowed(request, *args, **kwargs)

    def options(self, request, *args, **kwargs):
        """What Spring MVC answers a signed-in OPTIONS: 200, no body, the methods of the path."""
        signed_in(request)
        answer = HttpResponse(status=200)
        del answer["Content-Type"]
        served = [method.upper() for method in ("get", "head", "post", "put", "patch", "delete")
                  if hasattr(self, method)]
        answer["Allow"] = ",".join(served + ["OPTIONS"])
        answer["Accept-Patch"] = ""
        return answer


class Users(IdentityView):
    anonymous_methods = ("POST",)

    def post(self, request):
        body = requests.user_create(self.json_body(request))
        user = accounts.with_password(body["password"])
        answer = idempotency.execute(SIGN_UP_KEY_SCOPE, idempotency.key_from(request),
                                     accounts.sign_up_fingerprint(body), 201,
                                     lambda: {"id": accounts.sign_up(body, user)})
        return rendered(user_view(accounts.existing(created_id(answer))), answer)


class Me(IdentityView):
    def get(self, request):
        caller = require(request, "user", "ops", "service")
        return Response(user_view(accounts.visible_to(caller, caller.subject)))


class UserById(IdentityView):
    def get(self, request, user_id):
        caller = require(request, "user", "ops", "service")
        return Response(user_view(accounts.visible_to(caller, user_id)))


class PersonalData(IdentityView):
    def delete(self, request, user_id):
        caller = require(request, "user", "ops")
        erasure.erase(caller, user_id)
        answer = HttpResponse(status=204)
        del answer["Content-Type"]
        return answer


class KycStatus(IdentityView):
    def get(self, request, user_id):
        require(request, "service")
        return Response(kyc_status_view(accounts.existing(user_id)))


class Token(IdentityView):
    """JSON or form-encoded, the same fields and rules either way."""

    anonymous_methods = ("POST",)

    def post(self, request):
        media_type, _, parameters = (request.content_type or "").partition(";")
        media_type = media_type.strip().lower()
        raw = request._request.body
        if media_type == JSON:
            fields = loads(raw)
        elif media_type == FORM:
            fields = requests.form_fields(raw, _charset(parameters))
        else:
            raise Problem("unsupported_media_type", "Send the request body as application/json.")
        token_request = requests.token_request(fields)
        if request._request.META.get("QUERY_STRING"):
            # credentials in a URL end up in access logs and browser histories (RFC 6749 §3.2)
            raise Problem.invalid_field("query", "credentials must be sent in the body, not the query string")
        response = Response(grants.issue(token_request, throttle.client_address(request._request)))
        response["Cache-Control"] = "no-store"
        response["Pragma"] = "no-cache"
        return response


def _charset(parameters):
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return "utf-8"


class Jwks(IdentityView):
    anonymous_methods = ("GET",)

    def get(self, request):
        response = Response({"keys": [{member: key[member] for member in JWK_MEMBERS}
                                      for key in signing.jwks()["keys"]]})
        # short, so a verifier that meets an unknown kid right after a rotation gets the new key on its refetch
        response["Cache-Control"] = "max-age=60, public"
        return response


class KycRecords(IdentityView):
    def post(self, request):
        signed_in(request)
        body = requests.KYC_RECORD_CREATE.validate(self.json_body(request))
        caller = require(request, "user")
        answer = idempotency.execute(scope(caller), idempotency.key_from(request), kyc.fingerprint(body), 201,
                                     lambda: {"id": kyc.submit(caller.subject, body)})
        return rendered(kyc_record_view(kyc.visible_to(caller, created_id(answer))), answer)


class KycRecord(IdentityView):
    def get(self, request, record_id):
        caller = require(request, "user", "ops")
        return Response(kyc_record_view(kyc.visible_to(caller, record_id)))


class Verifications(IdentityView):
    def post(self, request):
        signed_in(request)
        body = requests.VERIFICATION_CREATE.validate(self.json_body(request))
        caller = require(request, "user")
        return idempotency.execute(scope(caller), idempotency.key_from(request), body, 201,
                                   lambda: verifications.request(caller.subject, body["kyc_record_id"]))


class Verification(IdentityView):
    def get(self, request, verification_id):
        caller = require(request, "user", "ops")
        return Response(verification_view(verifications.visible_to(caller, verification_id)))


class Decision(IdentityView):
    def post(self, request, verification_id):
        signed_in(request)
        body = requests.VERIFICATION_DECISION.validate(self.json_body(request))
        caller = require(request, "ops")
        with transaction.atomic():
            return Response(verifications.decide(caller, verification_id, body["decision"], body["reason"]))
