"""
Requests refunds. The transaction's row is locked (SELECT … FOR UPDATE) while the refundable amount is computed and
the refund inserted, so concurrent refunds of one transaction queue and each sees the others' reservations: the sum
of pending and succeeded refunds never exceeds the amount charged.
"""
from django.db.models import Sum

from core import ids, times
from core.problems import Problem

from . import audit, tasks
from .listing import page_after
from .models import FAILED, PENDING, Refund, Transaction


def transaction_not_refundable(status):
    return Problem("transaction_not_refundable", f"Only succeeded transactions are refunded; this one is {status}.")


def refund_exceeds_amount(requested, refundable):
    return Problem("refund_exceeds_amount", f"A refund of {requested} exceeds the {refundable} left to refund.",
                   extensions={"refundable": refundable})


def reserved_of(transaction_id):
    """What is promised back of a transaction: its pending and succeeded refunds."""
    total = (Refund.objects.filter(transaction_id=transaction_id).exclude(status=FAILED)
             .aggregate(total=Sum("amount"))["total"])
    return total or 0


def request_refund(caller, body):
    """A pending refund, its audit entry and its processing, in the caller's database transaction."""
    transaction = Transaction.objects.select_for_update().filter(pk=body["transaction_id"]).first()
    if transaction is None or not (caller.is_privileged or transaction.is_owned_by(caller.subject)):
        raise Problem.not_found("No such transaction.")
    if not transaction.is_refundable:
        raise transaction_not_refundable(transaction.status)
    refundable = transaction.amount - reserved_of(transaction.id)
    amount = body["amount"] if body["amount"] is not None else refundable
    if amount <= 0 or amount > refundable:
        raise refund_exceeds_amount(amount, refundable)
    now = times.now()
    refund = Refund.objects.create(
        id=ids.new_id("re_"), transaction=transaction, user_id=transaction.user_id, amount=amount,
        currency=transaction.currency, status=PENDING, reason=body["reason"], created_at=now, updated_at=now)
    audit.record(audit.REFUND, refund.id, None, PENDING, caller.subject)
    tasks.schedule(tasks.PROCESS_REFUND, refund.id)
    return refund


def visible_to(caller, refund_id):
    refund = Refund.objects.filter(pk=refund_id).first()
    if refund is None or not (caller.is_privileged or refund.is_owned_by(caller.subject)):
        raise Problem.not_found("No such refund.")
    return refund


def listed(caller, transaction_id, limit, starting_after):
    """Newest first: ops every refund, a user those of their own transactions; ``?transaction_id=`` narrows it."""
    visible = Refund.objects.all() if caller.is_privileged else Refund.objects.filter(user_id=caller.subject)
    cursor = None
    if starting_after is not None:
        cursor = visible.filter(pk=starting_after).first()
        if cursor is None:
            raise Problem.invalid_field("starting_after", "is not a refund of this list")
    rows = visible if transaction_id is None else visible.filter(transaction_id=transaction_id)
    return page_after(rows, cursor, limit)
