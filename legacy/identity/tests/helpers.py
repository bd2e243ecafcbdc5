"""What identity's tests share: a valid sign-up, a signed-in user, ops and service tokens, a KYC record."""
import uuid

from core.tests.support import token

PASSWORD = "correct horse battery"


def sign_up_body(**overrides):
    body = {"email": f"user-{uuid.uuid4().hex[:12]}@example.com", "password": PASSWORD, "full_name": "Ada Lovelace",
            "country": "GB", "date_of_birth": "1990-04-01"}
    body.update(overrides)
    return body


def signed_up(api, **overrides):
    """(user document, body) of a new user."""
    body = sign_up_body(**overrides)
    status, document, _ = api.post("/api/v1/users", body)
    assert status == 201, document
    return document, body


def user_token(user_id):
    return token(user_id, "user")


def ops_token():
    return token("ops-console", "ops")


def service_token():
    return token("payments-service", "service")


def kyc_body(**overrides):
    body = {"document_type": "passport", "document_number": "X1234567", "issuing_country": "CH",
            "expires_on": "2035-01-01"}
    body.update(overrides)
    return body


def submitted_record(api, user_id, **overrides):
    status, document, _ = api.post("/api/v1/kyc-records", kyc_body(**overrides), token=user_token(user_id))
    assert status == 201, document
    return document


def pending_verification(api, user_id):
    record = submitted_record(api, user_id)
    status, document, _ = api.post("/api/v1/verifications", {"kyc_record_id": record["id"]},
                                   token=user_token(user_id))
    assert status == 201, document
    return document


def password_grant(api, email, password, **extra):
    body = {"grant_type": "password", "email": email, "password": password}
    body.update(extra)
    return api.post("/api/v1/auth/token", body)


def form_post(api, path, form, **kwargs):
    return api.call("POST", path, raw=form, content_type="application/x-www-form-urlencoded", **kwargs)
