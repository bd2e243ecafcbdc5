"""
Ledger postings of succeeded transactions and refunds, in-process through ``ledger.api`` and inside the database
transaction that settles them, so each is posted exactly once: a succeeded transaction debits the currency's card
clearing account and credits its merchant settlement account; a succeeded refund does the reverse. The reference
is the transaction or refund id (the Java LedgerPosting, content for content).
"""
from django.db import connection

from core import times
from ledger import api as ledger

from .models import LedgerAccount

CLEARING, MERCHANT_SETTLEMENT = LedgerAccount.CLEARING, LedgerAccount.MERCHANT_SETTLEMENT
DEBIT, CREDIT = "debit", "credit"

# role → (account type, name label). Both may dip below zero for a moment (a refund posted before its charge
# elsewhere), so neither is guarded; the books balance once every posting is in.
ROLES = {
    CLEARING: ("asset", "Card clearing"),  # money the card networks owe us: debited by charges
    MERCHANT_SETTLEMENT: ("liability", "Merchant settlement"),  # money we owe the merchant: credited by charges
}
_OPENING_LOCK = 7_402_101  # advisory lock namespace: opening one currency's account, once, whoever races


def post_charge(transaction):
    return _post(transaction.id, f"Charge {transaction.id}", transaction.currency, transaction.amount, DEBIT, CREDIT,
                 {"transaction_id": transaction.id, "user_id": transaction.user_id})


def post_refund(refund):
    return _post(refund.id, f"Refund {refund.id} of {refund.transaction_id}", refund.currency, refund.amount,
                 CREDIT, DEBIT,
                 {"refund_id": refund.id, "transaction_id": refund.transaction_id, "user_id": refund.user_id})


def _post(reference, description, currency, amount, clearing_side, settlement_side, metadata):
    clearing = account_for(currency, CLEARING)
    settlement = account_for(currency, MERCHANT_SETTLEMENT)
    return ledger.post_entry(reference, [(clearing, clearing_side, amount), (settlement, settlement_side, amount)],
                             description=description, metadata=metadata)


def account_for(currency, role):
    """
    The ledger account for this currency and role, opened at first use. Whoever opens it holds a transaction-level
    advisory lock for that pair, so racing workers open it once: the others wait, then find the committed mapping.
    """
    known = _known(currency, role)
    if known is not None:
        return known
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", [_OPENING_LOCK, f"{currency}:{role}"])
    known = _known(currency, role)
    if known is not None:
        return known
    account_type, label = ROLES[role]
    account_id = ledger.open_account(f"{label} {currency}", currency, account_type, True)
    LedgerAccount.objects.create(currency=currency, role=role, account_id=account_id, created_at=times.now())
    return account_id


def _known(currency, role):
    return LedgerAccount.objects.filter(currency=currency, role=role).values_list("account_id", flat=True).first()
