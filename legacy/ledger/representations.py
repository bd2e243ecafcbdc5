"""The ledger's resources as the API shows them, in the key order of the Java *View records."""
from core.times import iso

from .posting import java_order


def account_view(account):
    return {
        "id": account.id,
        "name": account.name,
        "currency": account.currency,
        "type": account.type,
        "normal_balance": account.normal_balance,
        "allow_negative": account.allow_negative,
        "owner_id": account.owner_id,
        "created_at": iso(account.created_at),
    }


def entry_view(entry):
    metadata = entry.metadata or {}
    return {
        "id": entry.id,
        "reference": entry.reference,
        "currency": entry.currency,
        "lines": [{"account_id": line.account_id, "direction": line.direction, "amount": line.amount}
                  for line in entry.ordered_lines()],
        "description": entry.description,
        # keys in Java string order, as the ledger service reads them back (a TreeMap)
        "metadata": {key: metadata[key] for key in sorted(metadata, key=java_order)},
        "posted_at": iso(entry.posted_at),
        "reversal_of": entry.reversal_of_id,
    }


def balance_view(account, balance, debits, credits, as_of):
    return {
        "account_id": account.id,
        "currency": account.currency,
        "balance": balance,
        "debits": debits,
        "credits": credits,
        "as_of": iso(as_of),
    }


def problem_object(problem):
    """A problem as an item of a batch result carries it: type, title, status, detail, then code and the rest."""
    document = problem.body()
    ordered = {name: document.pop(name) for name in ("type", "title", "status", "detail")}
    ordered.update(document)
    return ordered


def batch_item(status, replayed=False, entry=None, problem=None):
    return {"status": status, "replayed": replayed, "entry": entry_view(entry) if entry is not None else None,
            "problem": problem_object(problem) if problem is not None else None}
