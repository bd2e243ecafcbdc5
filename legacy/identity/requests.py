"""
The request bodies of identity, bound and validated as the Java request records are (UserCreate, TokenRequest,
KycRecordCreate, VerificationCreate, VerificationDecision).
"""
import urllib.parse

from django.conf import settings

from core.problems import Problem
from core.validation import Date, Enum, Field, Schema, Str, not_blank, pattern, required, size

from .constraints import country_code, email, plausible_birth_date
from .models import DECISIONS, DOCUMENT_TYPES

GRANT_TYPES = ("password", "refresh_token", "client_credentials")
# the fields of a grant, in the order the Java Grants reports them
CREDENTIAL_FIELDS = ("email", "password", "refresh_token", "client_id", "client_secret")

DOCUMENT_NUMBER = r"^(?:[A-Za-z0-9][ -]?){4,39}[A-Za-z0-9]$"
DOCUMENT_NUMBER_MESSAGE = "must be 5 to 40 letters and digits, optionally separated by single spaces or dashes"


def user_create(body):
    """UserCreate → dict; ``date_of_birth`` a date. The minimum age is read per request (settings may change)."""
    return Schema(
        email=Field(Str(), not_blank, size(0, 254), email),
        password=Field(Str(), required, size(12, 128)),
        full_name=Field(Str(), not_blank, size(0, 200)),
        country=Field(Str(), required, country_code),
        date_of_birth=Field(Date(), required, plausible_birth_date(settings.SIGN_UP_MINIMUM_AGE)),
    ).validate(body)


KYC_RECORD_CREATE = Schema(
    document_type=Field(Enum(*DOCUMENT_TYPES), required),
    document_number=Field(Str(), required, size(5, 40), pattern(DOCUMENT_NUMBER, DOCUMENT_NUMBER_MESSAGE)),
    issuing_country=Field(Str(), required, country_code),
    expires_on=Field(Date(), required),
)

VERIFICATION_CREATE = Schema(kyc_record_id=Field(Str(), not_blank))

VERIFICATION_DECISION = Schema(
    decision=Field(Enum(*DECISIONS), required),
    reason=Field(Str(), not_blank, size(0, 500)),
)

TOKEN_REQUEST = Schema(
    grant_type=Field(Enum(*GRANT_TYPES), required),
    email=Field(Str()),
    password=Field(Str()),
    refresh_token=Field(Str()),
    client_id=Field(Str()),
    client_secret=Field(Str()),
    scope=Field(Str()),
)


def form_fields(raw, charset="utf-8"):
    """
    An application/x-www-form-urlencoded body as Spring's FormHttpMessageConverter reads it: pairs split on
    ``&`` (empty ones skipped), a name without ``=`` has an empty value, no pair at all is no body; a field given
    twice is refused (RFC 6749 §3.2).
    """
    try:
        text = raw.decode(charset, errors="replace")
    except LookupError:  # a charset nobody knows: read it as UTF-8, as the bytes most likely are
        charset = "utf-8"
        text = raw.decode(charset, errors="replace")
    if text == "":
        raise Problem.invalid_field("", "a JSON body is required")
    values = {}
    for pair in text.split("&"):
        if pair == "":
            continue
        if _malformed_escape(pair):
            raise Problem.invalid_field("", "the form body is not well-formed")
        name, _, value = pair.partition("=")
        name = urllib.parse.unquote_plus(name, encoding=charset, errors="replace")
        value = urllib.parse.unquote_plus(value, encoding=charset, errors="replace")
        values.setdefault(name, []).append(value)
    if not values:
        raise Problem.invalid_field("", "a JSON body is required")
    for name, given in values.items():
        if len(given) != 1:
            raise Problem.invalid_field(name, "must not be repeated")
    return {name: given[0] for name, given in values.items()}


def _malformed_escape(pair):
    """A ``%`` not followed by two hex digits (Java's URLDecoder refuses it; Python would keep it as it is)."""
    index = pair.find("%")
    while index >= 0:
        if len(pair) < index + 3 or any(c not in "0123456789abcdefABCDEF" for c in pair[index + 1:index + 3]):
            return True
        index = pair.find("%", index + 3)
    return False


def token_request(fields):
    """TokenRequest from JSON or form fields alike; which fields a grant needs is checked by the grant."""
    return TOKEN_REQUEST.validate(fields)
