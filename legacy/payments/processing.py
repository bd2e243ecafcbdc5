"""
Settles pending transactions and refunds with the card processor. Each runs in one database transaction with the
row locked: the status change, its audit entry and (on success) the ledger posting commit together or not at all,
so a crash or a second run can neither post twice nor leave a success unposted. A row that is no longer pending is
left alone, which makes running twice harmless; the processor is asked with the row's id as its idempotency key.
"""
import logging

from core import times

from . import audit, posting, processor, wallet
from .models import PENDING, Refund, Transaction

log = logging.getLogger("payments.processing")

REFUND_FAILED = "refund_failed"


def process_transaction(transaction_id):
    transaction = Transaction.objects.select_for_update().filter(pk=transaction_id).first()
    if transaction is None or transaction.status != PENDING:
        return None
    vault_token = wallet.vault_token_of(transaction.payment_method_id)
    outcome = processor.current().charge(transaction.id, vault_token, transaction.amount, transaction.currency)
    now = times.now()
    if outcome.succeeded:
        transaction.mark_succeeded(now)
    else:
        transaction.fail(outcome.failure_code, now)
    transaction.save(update_fields=["status", "failure_code", "updated_at"])
    audit.record(audit.TRANSACTION, transaction.id, PENDING, transaction.status, audit.SYSTEM,
                 transaction.failure_code)
    if outcome.succeeded:
        entry_id = posting.post_charge(transaction)
        log.info("Transaction %s succeeded, posted as ledger entry %s", transaction.id, entry_id)
    else:
        log.info("Transaction %s failed: %s", transaction.id, transaction.failure_code)
    return transaction.status


def process_refund(refund_id):
    pending = Refund.objects.filter(pk=refund_id).values_list("transaction_id", flat=True).first()
    if pending is None:
        return None
    # lock order: the transaction, then the refund — the order a refund request takes them
    charged = Transaction.objects.select_for_update().get(pk=pending)
    refund = Refund.objects.select_for_update().get(pk=refund_id)
    if refund.status != PENDING:
        return None
    outcome = processor.current().refund(refund.id, refund.transaction_id, refund.amount, refund.currency)
    now = times.now()
    if outcome.succeeded:
        refund.succeed(now)
        charged.record_refund(refund.amount, now)
        charged.save(update_fields=["amount_refunded", "updated_at"])
    else:
        refund.fail(outcome.failure_code or REFUND_FAILED, now)
    refund.save(update_fields=["status", "failure_code", "updated_at"])
    audit.record(audit.REFUND, refund.id, PENDING, refund.status, audit.SYSTEM, refund.failure_code)
    if outcome.succeeded:
        entry_id = posting.post_refund(refund)
        log.info("Refund %s succeeded, posted as ledger entry %s", refund.id, entry_id)
    else:
        log.info("Refund %s failed: %s", refund.id, refund.failure_code)
    return refund.status
