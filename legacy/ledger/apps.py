from django.apps import AppConfig


class LedgerConfig(AppConfig):
    """Double-entry accounts, immutable journal entries, reversals, balances and the integrity check."""

    name = "ledger"
