"""
Settings of the legacy monolith. Every value an operator may change is an environment variable with a
default; docs/legacy.md lists them. Development defaults for secrets exist only with LEGACY_PROFILE=local:
anywhere else a missing secret stops the start with a message naming the variable.
"""
import base64
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
PROFILE = os.environ.get("LEGACY_PROFILE", "production")
LOCAL = PROFILE == "local"


def env(name, default=None, local_default=None):
    value = os.environ.get(name)
    if value not in (None, ""):
        return value
    if LOCAL and local_default is not None:
        return local_default
    if default is not None:
        return default
    raise ImproperlyConfigured(f"{name} must be set (LEGACY_PROFILE={PROFILE})")


def env_int(name, default):
    raw = os.environ.get(name, "")
    try:
        return int(raw) if raw != "" else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from None


def env_bool(name, default):
    raw = os.environ.get(name, "").strip().lower()
    if raw == "":
        return default
    if raw in ("true", "1", "yes"):
        return True
    if raw in ("false", "0", "no"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_seconds(name, default):
    """A duration such as 200ms, 2s, 5m or a plain number of seconds."""
    raw = os.environ.get(name, "").strip()
    if raw == "":
        return default
    units = (("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600))
    for suffix, factor in units:
        if raw.endswith(suffix) and raw[: -len(suffix)].replace(".", "", 1).isdigit():
            return float(raw[: -len(suffix)]) * factor
    if raw.replace(".", "", 1).isdigit():
        return float(raw)
    raise ImproperlyConfigured(f"{name} must be a duration such as 500ms, 2s or 5m, not {raw!r}")


SECRET_KEY = env("LEGACY_SECRET_KEY", local_default="local-development-only-legacy-secret-key-not-for-use")
DEBUG = False  # never: no Django error page, stack trace or SQL may reach a client
ALLOWED_HOSTS = [h.strip() for h in env("LEGACY_ALLOWED_HOSTS", default="*").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "rest_framework",
    "core",
    "identity",
    "payments",
    "ledger",
]

MIDDLEWARE = [
    "core.middleware.RequestIdMiddleware",
    "core.middleware.ProblemSafetyNetMiddleware",
    "core.middleware.BodySizeLimitMiddleware",
    "core.middleware.NulCharacterMiddleware",
]

ROOT_URLCONF = "cutover_legacy.urls"
TEST_RUNNER = "core.tests.runner.TestRunner"
WSGI_APPLICATION = "cutover_legacy.wsgi.application"
APPEND_SLASH = False  # a missing slash is a 404 problem, never a redirect

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": env("LEGACY_DB_NAME", default="legacy"),
        "USER": env("LEGACY_DB_USER", default="postgres"),
        "PASSWORD": os.environ.get("LEGACY_DB_PASSWORD", ""),
        "HOST": env("LEGACY_DB_HOST", default="127.0.0.1"),
        "PORT": env("LEGACY_DB_PORT", default="5432"),
        "CONN_MAX_AGE": env_int("LEGACY_DB_CONN_MAX_AGE", 60),
        "OPTIONS": {"connect_timeout": env_int("LEGACY_DB_CONNECT_TIMEOUT", 5)},
        "TEST": {"NAME": os.environ.get("LEGACY_TEST_DB_NAME") or None},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "identity.User"

# Django's default hasher first: every password set here is stored as pbkdf2_sha256$…; Argon2 hashes (as the new
# identity service writes them) are verified too. LEGACY_PBKDF2_ITERATIONS exists for test suites only.
PASSWORD_HASHERS = [
    "core.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
PBKDF2_ITERATIONS = env_int("LEGACY_PBKDF2_ITERATIONS", 260000)

USE_TZ = True
TIME_ZONE = "UTC"
USE_I18N = False
LANGUAGE_CODE = "en"

DATA_UPLOAD_MAX_MEMORY_SIZE = None  # bounded by BodySizeLimitMiddleware, which answers 413 as a problem
MAX_BODY_SIZE = env_int("MAX_BODY_SIZE_BYTES", 1024 * 1024)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["core.auth.BearerAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": [],
    "DEFAULT_PARSER_CLASSES": ["core.jsonbody.StrictJsonParser"],
    "DEFAULT_RENDERER_CLASSES": ["core.renderers.CompactJsonRenderer"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "core.renderers.JsonOnlyNegotiation",
    "EXCEPTION_HANDLER": "core.problems.exception_handler",
    "UNAUTHENTICATED_USER": None,
    "UNAUTHENTICATED_TOKEN": None,
}

# ── the API's own settings ──────────────────────────────────────────────────────────────────────────────
JWT_ISSUER = env("JWT_ISSUER", default="http://127.0.0.1:8081")
# JWKS of the other side (the new identity service): tokens signed there are accepted here too.
JWT_TRUSTED_JWKS_URIS = [u.strip() for u in os.environ.get("JWT_TRUSTED_JWKS_URIS", "").split(",") if u.strip()]
JWT_JWKS_TIMEOUT = env_seconds("JWT_JWKS_TIMEOUT", 2)
JWT_KEY_ID_PREFIX = env("JWT_KEY_ID_PREFIX", default="legacy-")
JWT_RSA_BITS = env_int("JWT_RSA_BITS", 2048)
ACCESS_TOKEN_TTL = env_int("ACCESS_TOKEN_TTL_SECONDS", 900)
REFRESH_TOKEN_TTL = env_seconds("REFRESH_TOKEN_TTL", 30 * 86400)
CLOCK_SKEW = env_int("JWT_CLOCK_SKEW_SECONDS", 60)

# 32 random bytes, base64 (openssl rand -base64 32): encrypts personal data and the signing keys at rest.
PII_KEY = base64.b64decode(env("LEGACY_PII_KEY", local_default="bG9jYWwtbGVnYWN5LW9ubHktcGlpLWtleS0zMmJ5dGU="))
if len(PII_KEY) != 32:
    raise ImproperlyConfigured("LEGACY_PII_KEY must be 32 bytes, base64-encoded")

SUPPORTED_CURRENCIES = [c.strip() for c in env("SUPPORTED_CURRENCIES", default="USD,EUR,GBP,CHF,JPY,KWD").split(",") if c.strip()]
IDEMPOTENCY_RETENTION = env_seconds("IDEMPOTENCY_RETENTION", 24 * 3600)
IDEMPOTENCY_STALE_AFTER = env_seconds("IDEMPOTENCY_STALE_AFTER", 60)

LOGIN_THROTTLE_WINDOW = env_seconds("LOGIN_THROTTLE_WINDOW", 15 * 60)
LOGIN_THROTTLE_MAX_FAILURES_PER_EMAIL = env_int("LOGIN_THROTTLE_MAX_FAILURES_PER_EMAIL", 10)
LOGIN_THROTTLE_MAX_FAILURES_PER_ADDRESS = env_int("LOGIN_THROTTLE_MAX_FAILURES_PER_ADDRESS", 100)
SIGN_UP_MINIMUM_AGE = env_int("SIGN_UP_MINIMUM_AGE", 18)
TRUSTED_PROXIES = [p.strip() for p in env("TRUSTED_PROXIES", default="127.0.0.1,::1").split(",") if p.strip()]

# Service and ops clients (grant client_credentials). Production gives Django password hashes
# (python3 manage.py hash_secret); the local profile takes plain development secrets.
LEGACY_CLIENTS = [
    {"id": "ops-console", "scopes": ["ops"],
     "secret_hash": os.environ.get("OPS_CONSOLE_SECRET_HASH", ""),
     "secret": os.environ.get("OPS_CONSOLE_SECRET") or ("local-ops-console-secret" if LOCAL else "")},
    {"id": "payments-service", "scopes": ["service"],
     "secret_hash": os.environ.get("PAYMENTS_SERVICE_SECRET_HASH", ""),
     "secret": os.environ.get("PAYMENTS_SERVICE_SECRET") or ("local-payments-service-secret" if LOCAL else "")},
]
ALLOW_PLAIN_CLIENT_SECRETS = LOCAL or env_bool("ALLOW_PLAIN_CLIENT_SECRETS", False)

# Payments: the deterministic test processor and its test payment methods; processing after the 201.
PAYMENTS_TEST_MODE = env_bool("PAYMENTS_TEST_MODE", LOCAL)
PAYMENTS_WORKER_ENABLED = env_bool("PAYMENTS_WORKER_ENABLED", True)
PAYMENTS_WORKER_POLL = env_seconds("PAYMENTS_WORKER_POLL", 0.2)
PAYMENTS_WORKER_BATCH = env_int("PAYMENTS_WORKER_BATCH", 50)
# a failing item is retried after PAYMENTS_RETRY_INITIAL, doubling with each failure in a row, up to PAYMENTS_RETRY_MAX
PAYMENTS_RETRY_INITIAL = env_seconds("PAYMENTS_RETRY_INITIAL", 1)
PAYMENTS_RETRY_MAX = env_seconds("PAYMENTS_RETRY_MAX", 300)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django logs a failed request with its path and, at debug, SQL with its parameters (emails, hashes):
        # the monolith logs its own one line per failure instead.
        "django.request": {"level": "CRITICAL", "propagate": True},
        "django.server": {"level": "CRITICAL", "propagate": True},
        "django.db.backends": {"level": "WARNING", "propagate": True},
        "django.security": {"level": "WARNING", "propagate": True},
    },
}
