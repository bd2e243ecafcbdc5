"""Opens accounts and finds them for a caller, hiding other owners' accounts behind a 404 (the Java AccountDirectory)."""
from core import ids, paging, times

from . import facts
from .models import NORMAL_BALANCE, Account


def open_account(name, currency, account_type, allow_negative, owner_id=None):
    """A new account with zero totals; its normal balance follows from its type."""
    return Account.objects.create(
        id=ids.new_id("acc_"), name=name, currency=currency, type=account_type,
        normal_balance=NORMAL_BALANCE[account_type], allow_negative=bool(allow_negative), owner_id=owner_id,
        created_at=times.now())


def visible_to(caller, account_id):
    """The account if this caller may see it; otherwise 404, whether it exists or not."""
    account = Account.objects.filter(pk=account_id).first()
    if account is None or not (caller.is_privileged or account.is_owned_by(caller.subject)):
        raise facts.no_such("account")
    return account


def listed_for(caller, owner_filter, limit, starting_after):
    """
    One page of the accounts this caller may list, newest first: ops and services every account (or one owner's),
    a user only their own — asking for another owner's is an empty page, not an error.
    """
    owner = owner_filter
    if not caller.is_privileged:
        if owner is not None and owner != caller.subject:
            return [], False
        owner = caller.subject
    accounts = Account.objects.all() if owner is None else Account.objects.filter(owner_id=owner)
    return paging.page(accounts, limit, starting_after, noun="an account")


