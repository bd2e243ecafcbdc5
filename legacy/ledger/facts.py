"""The facts that stop a posting, as the ledger service words them; nothing is posted when one is raised."""
from core.problems import Problem


def unbalanced_entry(debits, credits):
    return Problem("unbalanced_entry", f"The debits ({debits}) and credits ({credits}) of the entry differ.",
                   extensions={"debits": debits, "credits": credits})


def currency_mismatch(currencies):
    return Problem("currency_mismatch", "All accounts of an entry must share one currency; these lines span "
                   + ", ".join(currencies) + ".")


def insufficient_funds(account_id):
    return Problem("insufficient_funds", f"The entry would take account {account_id} below zero, which it does not "
                   "allow.", extensions={"account_id": account_id})


def unknown_account(line, account_id):
    return Problem("not_found", f"No such account: {account_id}.",
                   errors=[(f"lines[{line}].account_id", "no such account")])


def reference_reused():
    return Problem("idempotency_key_reused", "An entry with this reference was already posted with different content.")


def already_reversed(entry_id, why):
    return Problem("already_reversed", f"Entry {entry_id} {why}.")


def no_such(what):
    return Problem.not_found(f"No such {what}.")
