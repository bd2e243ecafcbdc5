"""
What the monolith's other domains may ask of the ledger, in-process (the payments service asks over HTTP).

Both functions run in the caller's database transaction when there is one (as a savepoint of it): what they write
commits or rolls back with the caller's own writes. Refusals are the ledger's problems (core.problems.Problem):
``validation_failed``, ``not_found`` (an unknown account), ``currency_mismatch``, ``unbalanced_entry``,
``insufficient_funds``, ``idempotency_key_reused``.
"""
from django.db import transaction

from . import accounts, posting, requests


def open_account(name, currency, type, allow_negative, owner_id=None):  # noqa: A002 — the contract's field name
    """Opens an account (normal balance from its type) and answers its ``acc_…`` id."""
    bound = requests.account_create({"name": name, "currency": currency, "type": type,
                                     "allow_negative": allow_negative, "owner_id": owner_id})
    with transaction.atomic():
        account = accounts.open_account(bound["name"], bound["currency"], bound["type"], bound["allow_negative"],
                                        bound["owner_id"])
    return account.id


def post_entry(reference, lines, description=None, metadata=None):
    """
    Posts a balanced entry of ``lines`` — ``(account_id, "debit"|"credit", amount)`` — under ``reference`` and
    answers its ``je_…`` id. The same reference with the same content answers the entry posted before; with other
    content it raises ``idempotency_key_reused``. Nothing is written when it raises.
    """
    body = {"reference": reference,
            "lines": [{"account_id": account_id, "direction": direction, "amount": amount}
                      for account_id, direction, amount in lines]}
    if description is not None:
        body["description"] = description
    if metadata is not None:
        body["metadata"] = metadata
    entry, _ = posting.post(requests.entry_create(body))
    return entry.id
