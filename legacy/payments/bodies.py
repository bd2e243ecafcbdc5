"""
The request bodies of the payments endpoints (the Java PaymentMethodCreate, TransactionCreate, RefundCreate records),
bound and validated by core.validation as the service's Jackson and Jakarta constraints do, and what must match for
two requests with one idempotency key to be the same request.
"""
from core import validation as v
from core.validation import metadata_rule, not_blank, size


PAYMENT_METHOD_CREATE = v.Schema(
    type=v.Field(v.Enum("card"), v.required),
    token=v.Field(v.Str(), not_blank, size(1, 255)),
)

TRANSACTION_CREATE = v.Schema(
    amount=v.Field(v.Int(), v.required, *v.amount_rules()),
    currency=v.Field(v.Str(), *v.currency_rules()),
    payment_method_id=v.Field(v.Str(), not_blank),
    idempotency_key=v.Field(v.Str(), size(1, 255)),
    description=v.Field(v.Str(), size(0, 500)),
    metadata=v.Field(v.StrMap(), metadata_rule),
)

REFUND_CREATE = v.Schema(
    transaction_id=v.Field(v.Str(), not_blank),
    amount=v.Field(v.Int(), *v.amount_rules()),
    reason=v.Field(v.Str(), size(0, 500)),
    idempotency_key=v.Field(v.Str(), size(1, 255)),
)


def transaction_fingerprint(body):
    """What must match for two requests with one idempotency key to be the same request (not the key itself)."""
    return {"operation": "create-transaction", "amount": body["amount"], "currency": body["currency"],
            "payment_method_id": body["payment_method_id"], "description": body["description"],
            "metadata": body["metadata"]}


def refund_fingerprint(body):
    return {"operation": "create-refund", "transaction_id": body["transaction_id"], "amount": body["amount"],
            "reason": body["reason"]}


def payment_method_fingerprint(body):
    return {"operation": "create-payment-method", "type": body["type"], "token": body["token"]}
