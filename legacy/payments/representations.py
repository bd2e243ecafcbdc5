"""The payments resources as the API shows them, in the key order of the Java *View records."""
from core.times import iso


def java_order(text):
    """Java's String.compareTo order (UTF-16 code units): the service reads metadata back into a TreeMap."""
    return text.encode("utf-16-be", errors="surrogatepass")


def payment_method_view(method):
    return {
        "id": method.id,
        "type": method.type,
        "brand": method.brand,
        "last4": method.last4,
        "exp_month": method.exp_month,
        "exp_year": method.exp_year,
        "created_at": iso(method.created_at),
    }


def transaction_view(transaction):
    metadata = transaction.metadata or {}
    return {
        "id": transaction.id,
        "status": transaction.status,
        "amount": transaction.amount,
        "currency": transaction.currency,
        "amount_refunded": transaction.amount_refunded,
        "payment_method_id": transaction.payment_method_id,
        "user_id": transaction.user_id,
        "description": transaction.description,
        "metadata": {key: metadata[key] for key in sorted(metadata, key=java_order)},
        "failure_code": transaction.failure_code,
        "created_at": iso(transaction.created_at),
        "updated_at": iso(transaction.updated_at),
    }


def refund_view(refund):
    return {
        "id": refund.id,
        "transaction_id": refund.transaction_id,
        "amount": refund.amount,
        "currency": refund.currency,
        "status": refund.status,
        "reason": refund.reason,
        "created_at": iso(refund.created_at),
    }
