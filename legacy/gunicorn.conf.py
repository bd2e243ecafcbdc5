"""gunicorn in front of the monolith: threads per worker, bound by environment variables (docs/legacy.md)."""
import os

bind = os.environ.get("LEGACY_BIND", f"{os.environ.get('BIND_ADDRESS', '127.0.0.1')}:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("LEGACY_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("LEGACY_THREADS", "8"))
timeout = int(os.environ.get("LEGACY_WORKER_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("SHUTDOWN_GRACE_SECONDS", "20"))
keepalive = int(os.environ.get("LEGACY_KEEPALIVE", "20"))
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


_without_server_header()
