"""What wraps every request: its id, the body size bound, the response headers, and a last line of defence."""
import logging
import re
import uuid

from django.conf import settings

from . import logs, problems

log = logging.getLogger("core.middleware")
_ACCEPTABLE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
NUL = "must not contain the NUL character"

# what the services send on every answer (Spring Security's defaults), so no client can tell the sides apart
DEFAULT_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-XSS-Protection", "0"),
    ("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate"),
    ("Pragma", "no-cache"),
    ("Expires", "0"),
    ("X-Frame-Options", "DENY"),
)
CACHE_HEADERS = ("Cache-Control", "Pragma", "Expires")


class RequestIdMiddleware:
    """Takes the caller's X-Request-Id when it is safe to echo (else makes one), echoes it, logs it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.META.get("HTTP_X_REQUEST_ID")
        request_id = offered if offered and _ACCEPTABLE_ID.match(offered) else str(uuid.uuid4())
        request.request_id = request_id
        logs.set_request_id(request_id)
        try:
            response = self.get_response(request)
        finally:
            logs.set_request_id(None)
        response["X-Request-Id"] = request_id
        # Spring Security writes its three cache headers only when the response set none of them itself (the
        # token endpoint's no-store, the key set's max-age): so do we.
        cache_set_by_view = any(name in response for name in CACHE_HEADERS)
        for name, value in DEFAULT_HEADERS:
            if name in CACHE_HEADERS and cache_set_by_view:
                continue
            if name not in response:
                response[name] = value
        return response


class BodySizeLimitMiddleware:
    """Bodies over MAX_BODY_SIZE_BYTES (1 MiB) are refused before anything reads them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = request.META.get("CONTENT_LENGTH") or "0"
        try:
            too_large = int(length) > settings.MAX_BODY_SIZE
        except ValueError:
            return problems.response(problems.Problem.invalid_field("Content-Length", "must be an integer"), request.path)
        if too_large:
            return problems.response(problems.Problem(
                "payload_too_large", f"The request body is larger than {settings.MAX_BODY_SIZE} bytes."), request.path)
        return self.get_response(request)


class NulCharacterMiddleware:
    """A NUL in the path or the query is a 400 naming where it is: PostgreSQL stores no NUL, and ids are looked up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return problems.response(problems.Problem.invalid_field("path", NUL), request.path.replace("\x00", ""))
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return problems.response(problems.Problem.invalid_field(name.replace("\x00", ""), NUL), request.path)
        return self.get_response(request)


class ProblemSafetyNetMiddleware:
    """Anything that escapes a view is a problem response: never Django's error page, a stack trace or SQL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return problems.response(problems.as_problem(exception, request), request.path)
