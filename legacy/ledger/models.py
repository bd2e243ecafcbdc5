"""
The ledger's tables: accounts with their running totals, immutable journal entries and their lines.

Every rule the code checks is held by the database as well (migration 0002): CHECKs on types, sides, amounts and
guarded balances; triggers that refuse UPDATE, DELETE and TRUNCATE of the journal and lines added to an entry of
an earlier transaction; a deferred trigger that refuses, at commit, an entry that does not balance, mixes
currencies or has fewer than two lines.

The sync with the ledger service (migration 0003, the Java side's ADR 65) copies accounts without their totals and
each entry as one document (EntryExport), which the database's own triggers write at commit and materialise when a
sync writes one; nothing in this code reads those tables.
"""
from django.db import models
from django.utils import timezone

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
    # change data capture with the ledger service (migration 0003): kept by a trigger, never by this code; totals
    # changes keep both, since the sync copies an account without its totals
    row_version = models.BigIntegerField(default=1)
    sync_origin = models.TextField(null=True)

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


class EntryExport(models.Model):
    """
    One posted entry as a whole document, the only journal table the change streams carry: a trigger writes it when
    this application posts an entry (at commit), and a trigger turns one a sync writes into the entry, its lines and
    their totals (migration 0003). Nothing in this code writes or reads it.
    """

    id = models.CharField(max_length=64, primary_key=True)
    document = models.JSONField()
    row_version = models.BigIntegerField(default=1)
    sync_origin = models.TextField(null=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "ledger_entry_export"


class SyncConflict(models.Model):
    """An imported entry that could not be applied here, and why; its document stays in EntryExport."""

    REFERENCE_TAKEN = "reference_taken"
    WOULD_OVERDRAW = "would_overdraw"
    REVERSED_ENTRY_MISSING = "reversed_entry_missing"
    KINDS = (REFERENCE_TAKEN, WOULD_OVERDRAW, REVERSED_ENTRY_MISSING)

    id = models.BigAutoField(primary_key=True)
    entry_id = models.CharField(max_length=64)
    reference = models.CharField(max_length=255, null=True)
    kind = models.CharField(max_length=32)
    origin = models.TextField(null=True)
    detected_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "ledger_sync_conflict"
        constraints = [
            models.UniqueConstraint(fields=["entry_id", "kind"], name="ledger_sync_conflict_once_per_entry_and_kind"),
            models.CheckConstraint(check=models.Q(kind__in=("reference_taken", "would_overdraw",
                                                            "reversed_entry_missing")),
                                   name="ledger_sync_conflict_kind_known"),
        ]


class SyncFence(models.Model):
    """
    A watermark for the ledger service's change streams (the Java side's ADR 64): a row written here is streamed
    after every change committed before it. Nothing in the monolith reads it; the ledger service writes and prunes it.
    """

    id = models.CharField(max_length=64, primary_key=True)
    created_at = models.DateTimeField()

    class Meta:
        db_table = "ledger_sync_fence"
