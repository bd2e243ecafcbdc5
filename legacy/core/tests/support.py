"""What the monolith's tests share: a client speaking the API, tokens minted with the monolith's own keys."""
import json
import time
import uuid

from django.conf import settings
from django.test import Client, TestCase, TransactionTestCase

from core import signing


def token(subject, scope, ttl=900, **extra):
    now = int(time.time())
    claims = {"iss": settings.JWT_ISSUER, "sub": subject, "scope": scope, "iat": now, "exp": now + ttl,
              "jti": str(uuid.uuid4())}
    claims.update(extra)
    return signing.sign(claims)


class Api:
    """A test client that sends JSON and bearer tokens and answers (status, body, response)."""

    def __init__(self):
        self.client = Client()

    def call(self, method, path, body=None, token=None, headers=None, content_type="application/json", raw=None):
        extra = {}
        if token:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        for name, value in (headers or {}).items():
            extra["HTTP_" + name.upper().replace("-", "_")] = value
        data = raw if raw is not None else (json.dumps(body) if body is not None else "")
        response = self.client.generic(method, path, data=data, content_type=content_type, **extra)
        content = response.content
        document = json.loads(content) if content else None
        return response.status_code, document, response

    def get(self, path, token=None, **kwargs):
        return self.call("GET", path, token=token, **kwargs)

    def post(self, path, body=None, token=None, **kwargs):
        return self.call("POST", path, body=body, token=token, **kwargs)

    def delete(self, path, token=None, **kwargs):
        return self.call("DELETE", path, token=token, **kwargs)


class ApiTestCase(TestCase):
    """Each test in a transaction rolled back afterwards; signing keys are made again per test."""

    def setUp(self):
        super().setUp()
        signing.reset_caches()
        self.api = Api()

    def assertProblem(self, answer, status, code, field=None):
        got_status, document, response = answer
        self.assertEqual(status, got_status, document)
        self.assertEqual("application/problem+json", response["Content-Type"])
        self.assertEqual(code, document["code"])
        if field is not None:
            self.assertIn(field, [error["field"] for error in document.get("errors", [])], document)
        return document


class ConcurrentApiTestCase(TransactionTestCase):
    """For tests whose requests run on several threads at once (and so in several database transactions)."""

    def setUp(self):
        super().setUp()
        signing.reset_caches()
        self.api = Api()
