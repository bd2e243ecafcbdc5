"""Opens transactions and finds them for a caller. Processing happens after the 201, by the worker."""
from core import ids, times
from core.problems import Problem
from identity.api import kyc_status

from . import audit, tasks, wallet
from .listing import page_after
from .models import PENDING, STATUSES, Transaction

VERIFIED = "verified"


def require_verified(user_id):
    """Only KYC-verified users pay. Identity is asked in-process: one database, so no breaker and no 503 of its own."""
    if kyc_status(user_id) != VERIFIED:
        raise Problem("kyc_required", "Payments need a verified identity (KYC).")


def open_transaction(user_id, body):
    """A pending transaction, its audit entry and its processing, in the caller's database transaction."""
    method = wallet.usable_by(user_id, body["payment_method_id"])
    now = times.now()
    transaction = Transaction.objects.create(
        id=ids.new_id("txn_"), user_id=user_id, amount=body["amount"], currency=body["currency"],
        payment_method_id=method.id, description=body["description"], metadata=dict(body["metadata"] or {}),
        status=PENDING, created_at=now, updated_at=now)
    audit.record(audit.TRANSACTION, transaction.id, None, PENDING, user_id)
    tasks.schedule(tasks.PROCESS_TRANSACTION, transaction.id)
    return transaction


def visible_to(caller, transaction_id):
    transaction = Transaction.objects.filter(pk=transaction_id).first()
    if transaction is None or not (caller.is_privileged or transaction.is_owned_by(caller.subject)):
        raise Problem.not_found("No such transaction.")
    return transaction


def status_filter(value):
    """The status named by ``?status=``, None for none; anything else (an empty value too) is a 400."""
    if value is not None and value not in STATUSES:
        raise Problem.invalid_field("status", "must be one of pending, succeeded, failed")
    return value


def listed(caller, status, limit, starting_after):
    """
    Newest first: ops every transaction, a user their own. The cursor must be one the caller may see; it need not
    have the filtered status (as the service looks it up).
    """
    visible = Transaction.objects.all() if caller.is_privileged else Transaction.objects.filter(user_id=caller.subject)
    cursor = None
    if starting_after is not None:
        cursor = visible.filter(pk=starting_after).first()
        if cursor is None:
            raise Problem.invalid_field("starting_after", "is not a transaction of this list")
    return page_after(visible if status is None else visible.filter(status=status), cursor, limit)
