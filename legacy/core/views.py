"""The monolith's base view, its health probe, and the problem answers for paths no view serves."""
from django.db import connection
from django.http import HttpResponse
from rest_framework.views import APIView

from . import problems
from .jsonbody import loads
from .wire import dumps


class ApiView(APIView):
    """A DRF view of the public API: bearer tokens, JSON only, problems for every error, no OPTIONS metadata."""

    metadata_class = None

    @property
    def default_response_headers(self):
        return {}  # no Allow or Vary on every answer: the services send neither

    def json_body(self, request):
        """
        The body as JSON, as Spring's Jackson converter takes it: ``application/json`` or any ``application/*+json``
        (else 415); JSON whitespace only is "must be an object" (Jackson's end of input), nothing at all "required".
        """
        content_type = (request.content_type or "").split(";")[0].strip().lower()
        if not (content_type == "application/json"
                or (content_type.startswith("application/") and content_type.endswith("+json"))):
            raise problems.Problem("unsupported_media_type", "Send the request body as application/json.")
        raw = request._request.body
        if raw and not raw.strip(b" \t\r\n"):
            raise problems.Problem.invalid_field("", "must be an object")
        return loads(raw)


def liveness(request):
    """The process answers: no database call, so a database outage does not get the monolith restarted."""
    return HttpResponse('{"status":"UP"}', content_type="application/json")


def health(request):
    """Ready to serve: the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        status, document = 200, {"status": "UP"}
    except Exception:
        status, document = 503, {"status": "DOWN"}
    return HttpResponse(dumps(document), status=status, content_type="application/json")


def not_found(request, exception=None):
    return problems.response(problems.Problem.not_found(), request.path)


def server_error(request):
    return problems.response(problems.Problem(
        "internal_error", "Something went wrong on our side; the request may be retried."), request.path)


def bad_request(request, exception=None):
    return problems.response(problems.Problem.invalid_field("", "the request is not valid"), request.path)


def forbidden(request, exception=None):
    return problems.response(problems.forbidden(), request.path)
