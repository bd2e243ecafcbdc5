"""
The bodies the ledger takes, with the Java records' Jakarta constraints (AccountCreate, EntryCreate, EntryLineInput),
bound and validated by core.validation as the service binds them.
"""
from core.validation import (AMOUNT_MAX, AMOUNT_MIN, Array, Bool, Enum, Field, Int, Obj, Schema, Str, StrMap,
                             at_least, at_most, currency_rules, metadata_rule, not_blank, required, size)

from .models import ACCOUNT_TYPES, REVERSAL_PREFIX, SIDES
from .posting import Line, PostingRequest

MAX_LINES = 100
_JAVA_LINE_TERMINATORS = ("\n", "\r", "\u0085", "\u2028", "\u2029")


def not_reserved(value):
    """Java's ``@Pattern("^(?!reversal:).*")``: its ``.`` matches no line terminator, so neither does this."""
    if value is None:
        return None
    if value.startswith(REVERSAL_PREFIX) or any(mark in value for mark in _JAVA_LINE_TERMINATORS):
        return "must not start with the reserved prefix reversal:"
    return None


ACCOUNT = Schema(
    name=Field(Str(), not_blank, size(1, 200)),
    currency=Field(Str(), *currency_rules()),
    type=Field(Enum(*ACCOUNT_TYPES), required),
    owner_id=Field(Str(), size(1, 255)),
    allow_negative=Field(Bool()),
)

LINE = Schema(
    account_id=Field(Str(), not_blank),
    direction=Field(Enum(*SIDES), required),
    amount=Field(Int(), required, at_least(AMOUNT_MIN), at_most(AMOUNT_MAX)),
)

ENTRY = Schema(
    reference=Field(Str(), not_blank, size(1, 255), not_reserved),
    description=Field(Str(), size(0, 500)),
    lines=Field(Array(Obj(LINE)), required, size(2, MAX_LINES)),
    metadata=Field(StrMap(), metadata_rule),
)


BATCH_MAX_ENTRIES = 500
BATCH = Schema(
    entries=Field(Array(Obj(ENTRY)), required, size(1, BATCH_MAX_ENTRIES)),
)


def _posting(bound):
    return PostingRequest(
        reference=bound["reference"],
        lines=tuple(Line(line["account_id"], line["direction"], line["amount"]) for line in bound["lines"]),
        description=bound["description"],
        metadata=bound["metadata"] or {})


def account_create(body):
    """The body of ``POST /api/v1/accounts``: a dict of every field (None when absent), or the 400 problem."""
    return ACCOUNT.validate(body)


def entry_create(body):
    """The body of ``POST /api/v1/entries`` as a PostingRequest, or the 400 problem."""
    return _posting(ENTRY.validate(body))


def entry_batch_create(body):
    """The body of ``POST /internal/v1/entries/batch`` as PostingRequests, or the 400 problem naming the entry."""
    return [_posting(entry) for entry in BATCH.validate(body)["entries"]]
