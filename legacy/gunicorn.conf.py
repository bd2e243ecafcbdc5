"""gunicorn in front of the monolith: threads per worker, bound by environment variables (docs/legacy.md)."""
import os

bind = os.environ.get("LEGACY_BIND", f"{os.environ.get('BIND_ADDRESS', '127.0.0.1')}:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("LEGACY_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("LEGACY_THREADS", "8"))
timeout = int(os.environ.get("LEGACY_WORKER_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("SHUTDOWN_GRACE_SECONDS", "20"))
keepalive = int(os.environ.get("LEGACY_KEEPALIVE", "20"))
# a request line or a header of up to 8 KiB, as the services' Tomcat takes; beyond, gunicorn refuses it itself
limit_request_line = 8190
limit_request_field_size = 8190
accesslog = None  # one line per failure is logged by the monolith itself; paths may carry ids
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# each worker processes payments in a background thread (payments/worker.py)
preload_app = False


def post_worker_init(worker):
    from payments import worker as payments_worker

    payments_worker.start_in_background()


def _without_server_header():
    """gunicorn names itself in a Server header; the services send none, and clients must not tell the sides apart."""
    from gunicorn.http import wsgi

    original = wsgi.Response.default_headers

    def default_headers(self):
        return [line for line in original(self) if not line.startswith("Server:")]

    wsgi.Response.default_headers = default_headers


def _problems_for_refused_requests():
    """
    What gunicorn refuses before Django sees it (a request line or header too long, a malformed request) it answers
    with an HTML page of its own; every error a client gets is an RFC 9457 problem instead.
    """
    import json

    from gunicorn import util

    def write_error(sock, status_int, reason, mesg):
        refused = status_int < 500
        code, title = ("validation_failed", "Validation failed") if refused else ("internal_error", "Internal error")
        detail = ("The request could not be read: its line or headers are malformed or too long." if refused
                  else "Something went wrong on our side; the request may be retried.")
        body = json.dumps({"detail": detail, "status": status_int, "title": title,
                           "type": "https://cutover.dev/problems/" + code.replace("_", "-"), "code": code},
                          separators=(",", ":")).encode("utf-8")
        head = (f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\nContent-Type: application/problem+json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode("latin-1")
        util.write_nonblock(sock, head + body)

    util.write_error = write_error


_without_server_header()
_problems_for_refused_requests()
