"""
The ledger's tables: accounts with their running totals, immutable journal entries and their lines.

Every rule the code checks is held by the database as well (migration 0002): CHECKs on types, sides, amounts and
guarded balances; triggers that refuse UPDATE, DELETE and TRUNCATE of the journal and lines added to an entry of
an earlier transaction; a deferred trigger that refuses, at commit, an entry that does not balance, mixes
currencies or has fewer than two lines.
"""
from django.db import models

DEBIT, CREDIT = "debit", "credit"
SIDES = (DEBIT, CREDIT)

# the five account types of double-entry bookkeeping, each with the side that increases it
NORMAL_BALANCE = {
    "asset": DEBIT,
    "liability": CREDIT,
    "equity": CREDIT,
    "revenue": CREDIT,
    "expense": DEBIT,
}
ACCOUNT_TYPES = tuple(NORMAL_BALANCE)

REVERSAL_PREFIX = "reversal:"


def opposite(side):
    return CREDIT if side == DEBIT else DEBIT


def signed(normal_balance, debits, credits):
    """Debit and credit totals as a balance of an account on this normal side: positive on its normal side."""
    return debits - credits if normal_balance == DEBIT else credits - debits


class Account(models.Model):
    """
    A ledger account. It keeps running totals of the lines posted to it, so its balance is one row read; the
    integrity check proves the totals equal the fold of its lines.
    """

    id = models.CharField(max_length=64, primary_key=True)
    name = models.CharField(max_length=200)
    currency = models.CharField(max_length=3)
    type = models.CharField(max_length=16)
    normal_balance = models.CharField(max_length=6)
    allow_negative = models.BooleanField()
    owner_id = models.CharField(max_length=255, null=True)  # a usr_… of identity: a public id, not a foreign key
    debits = models.BigIntegerField(default=0)
    credits = models.BigIntegerField(default=0)
    created_at = models.DateTimeField()

    class Meta:
        db_table = "ledger_account"
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="ledger_account_newest_first"),
            models.Index(fields=["owner_id", "-created_at", "-id"], name="ledger_account_by_owner"),
        ]

    @property
    def balance(self):
        return signed(self.normal_balance, self.debits, self.credits)

    def is_owned_by(self, subject):
        return self.owner_id is not None and self.owner_id == subject


class JournalEntry(models.Model):
    """A posted entry: balanced lines in one currency, written once and never changed."""

    id = models.CharField(max_length=64, primary_key=True)
    reference = models.CharField(max_length=255, unique=True)
    currency = models.CharField(max_length=3)
    description = models.CharField(max_length=500, null=True)
    metadata = models.JSONField(default=dict)
    # the hash of what was posted (the Java side's algorithm), to tell a replay of a reference from a reuse
    fingerprint = models.CharField(max_length=64)
    reversal_of = models.OneToOneField("self", null=True, on_delete=models.PROTECT, db_column="reversal_of",
                                       related_name="reversed_by", db_constraint=True)
    posted_at = models.DateTimeField()

    class Meta:
        db_table = "ledger_journal_entry"

    def ordered_lines(self):
        return sorted(self.lines.all(), key=lambda line: line.line_no)


class EntryLine(models.Model):
    """One line of an entry: an amount on one side of one account."""

    entry = models.ForeignKey(JournalEntry, on_delete=models.PROTECT, related_name="lines", db_column="entry_id")
    line_no = models.IntegerField()
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="lines", db_column="account_id")
    direction = models.CharField(max_length=6)
    amount = models.BigIntegerField()
    posted_at = models.DateTimeField()  # copied from the entry: an account's history is read from its lines alone

    class Meta:
        db_table = "ledger_entry_line"
        constraints = [models.UniqueConstraint(fields=["entry", "line_no"], name="ledger_entry_line_entry_line_no")]
        indexes = [models.Index(fields=["account", "-posted_at", "-entry"], name="ledger_entry_line_by_account")]
