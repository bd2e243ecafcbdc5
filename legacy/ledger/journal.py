"""Reads the journal for a caller: owners see the entries touching their accounts, ops and services see all."""
from django.db import connection
from django.db.models import Subquery

from core import paging

from . import accounts, facts
from .models import Account, EntryLine, JournalEntry


def entries_with_lines():
    return JournalEntry.objects.prefetch_related("lines")


def visible_to(caller, entry_id):
    """The entry if this caller may see it (it touches one of their accounts); otherwise 404."""
    entry = entries_with_lines().filter(pk=entry_id).first()
    if entry is None or not (caller.is_privileged or _owns_an_account_of(caller, entry)):
        raise facts.no_such("entry")
    return entry


def touching(caller, account_id, limit, starting_after):
    """One page of the entries with a line on the account, newest first by (posted_at, id)."""
    account = accounts.visible_to(caller, account_id)
    touching_ids = EntryLine.objects.filter(account_id=account.id).values("entry_id")
    entries = entries_with_lines().filter(id__in=Subquery(touching_ids))
    return paging.page(entries, limit, starting_after, noun="an entry", time_field="posted_at")


def totals_until(account_id, as_of):
    """Σ of the account's debit and credit lines posted at or before ``as_of``: the fold behind an as_of balance."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(amount) FILTER (WHERE direction = 'debit'), 0), "
            "       coalesce(sum(amount) FILTER (WHERE direction = 'credit'), 0) "
            "FROM ledger_entry_line WHERE account_id = %s AND posted_at <= %s", [account_id, as_of])
        debits, credits = cursor.fetchone()
    return int(debits), int(credits)


def _owns_an_account_of(caller, entry):
    account_ids = {line.account_id for line in entry.lines.all()}
    return Account.objects.filter(id__in=account_ids, owner_id=caller.subject).exists()
