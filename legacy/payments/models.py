"""
The payments domain's tables: payment methods, transactions, refunds, their audit trail, the ledger accounts
payments posts to, and the queue of work to do after a 201.

Each aggregate guards its own transitions (``mark_succeeded``, ``fail``, ``record_refund``); the database holds the
same rules again (migration 0002): CHECKs on amounts, currencies, statuses, failure codes and what may be refunded,
a trigger that refuses to move a settled transaction or refund, and an append-only audit log.

References across domains (a transaction's ``user_id``) are plain columns holding the public id, never foreign keys.
"""
from django.db import models
from django.db.models import Q

PENDING, SUCCEEDED, FAILED = "pending", "succeeded", "failed"
STATUSES = (PENDING, SUCCEEDED, FAILED)


class InvalidTransition(Exception):
    """A settled transaction or refund was asked to change: a bug, never a client's doing."""


class PaymentMethod(models.Model):
    """
    A card a user may pay with. The vault holds the card number; this holds only the vault's token and what may
    be shown (brand, last four, expiry). Deleting detaches it from its owner; transactions keep referring to it.
    """

    CARD = "card"

    id = models.CharField(max_length=64, primary_key=True)
    user_id = models.CharField(max_length=64)
    type = models.CharField(max_length=16)
    brand = models.CharField(max_length=32)
    last4 = models.CharField(max_length=4)
    exp_month = models.IntegerField()
    exp_year = models.IntegerField()
    vault_token = models.CharField(max_length=255)
    created_at = models.DateTimeField()
    deleted_at = models.DateTimeField(null=True)
    row_version = models.BigIntegerField(default=1)  # kept by a trigger for the sync (migration 0003)
    sync_origin = models.TextField(null=True)

    class Meta:
        db_table = "payments_payment_method"
        indexes = [
            models.Index(fields=["user_id", "-created_at", "-id"], name="payments_pm_by_user",
                         condition=Q(deleted_at__isnull=True)),
        ]

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    def is_visible_to(self, subject):
        """Its owner may see it; the shared test methods (no owner) everyone."""
        return self.user_id is None or self.user_id == subject

    def delete_at(self, now):
        if self.deleted_at is None:
            self.deleted_at = now

    def has_expired(self, today):
        return (self.exp_year, self.exp_month) < (today.year, today.month)


class Transaction(models.Model):
    """A charge to one payment method: ``pending → succeeded | failed``, and what has been refunded of it."""

    id = models.CharField(max_length=64, primary_key=True)
    user_id = models.CharField(max_length=64)
    amount = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    payment_method_id = models.CharField(max_length=64)
    description = models.TextField(null=True)
    metadata = models.JSONField(default=dict)
    status = models.CharField(max_length=16)
    failure_code = models.CharField(max_length=64, null=True)
    amount_refunded = models.BigIntegerField(default=0)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    row_version = models.BigIntegerField(default=1)  # kept by a trigger for the sync (migration 0003)
    sync_origin = models.TextField(null=True)

    class Meta:
        db_table = "payments_transaction"
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="payments_txn_newest_first"),
            models.Index(fields=["user_id", "-created_at", "-id"], name="payments_txn_by_user"),
        ]

    def is_owned_by(self, subject):
        return self.user_id == subject

    @property
    def is_refundable(self):
        return self.status == SUCCEEDED

    def mark_succeeded(self, now):
        """The processor charged the card."""
        self._require_pending(SUCCEEDED)
        self.status = SUCCEEDED
        self.updated_at = now

    def fail(self, code, now):
        """The processor refused the charge."""
        if not code:
            raise ValueError("a failed transaction has a failure code")
        self._require_pending(FAILED)
        self.status = FAILED
        self.failure_code = code
        self.updated_at = now

    def record_refund(self, refunded, now):
        """A refund of ``refunded`` succeeded."""
        if self.status != SUCCEEDED:
            raise InvalidTransition("only succeeded transactions are refunded")
        if refunded <= 0 or refunded > self.amount - self.amount_refunded:
            raise InvalidTransition("refunds cannot exceed the transaction amount")
        self.amount_refunded += refunded
        self.updated_at = now

    def _require_pending(self, target):
        if self.status != PENDING:
            raise InvalidTransition(f"transaction {self.id} is {self.status} and cannot become {target}")


class Refund(models.Model):
    """Money going back to the card of a succeeded transaction: ``pending → succeeded | failed``."""

    id = models.CharField(max_length=64, primary_key=True)
    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="refunds",
                                    db_column="transaction_id", db_index=False)  # refunds_by_txn leads with it
    user_id = models.CharField(max_length=64)
    amount = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=16)
    reason = models.TextField(null=True)
    failure_code = models.CharField(max_length=64, null=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    row_version = models.BigIntegerField(default=1)  # kept by a trigger for the sync (migration 0003)
    sync_origin = models.TextField(null=True)

    class Meta:
        db_table = "payments_refund"
        indexes = [
            models.Index(fields=["transaction", "-created_at", "-id"], name="payments_refund_by_txn"),
            models.Index(fields=["user_id", "-created_at", "-id"], name="payments_refund_by_user"),
            models.Index(fields=["-created_at", "-id"], name="payments_refund_newest_first"),
        ]

    def is_owned_by(self, subject):
        return self.user_id == subject

    def succeed(self, now):
        self._require_pending()
        self.status = SUCCEEDED
        self.updated_at = now

    def fail(self, code, now):
        if not code:
            raise ValueError("a failed refund has a failure code")
        self._require_pending()
        self.status = FAILED
        self.failure_code = code
        self.updated_at = now

    def _require_pending(self):
        if self.status != PENDING:
            raise InvalidTransition(f"refund {self.id} is already {self.status}")


class AuditRecord(models.Model):
    """One state change of a transaction or refund: who, when, under which request. Never changed or removed."""

    TRANSACTION, REFUND = "transaction", "refund"

    id = models.BigAutoField(primary_key=True)
    subject_type = models.CharField(max_length=16)
    subject_id = models.CharField(max_length=64)
    from_status = models.CharField(max_length=16, null=True)
    to_status = models.CharField(max_length=16)
    actor = models.CharField(max_length=255)
    request_id = models.CharField(max_length=255, null=True)
    detail = models.TextField(null=True)
    occurred_at = models.DateTimeField()

    class Meta:
        db_table = "payments_audit_log"
        indexes = [models.Index(fields=["subject_id", "id"], name="payments_audit_by_subject")]


class LedgerAccount(models.Model):
    """The ledger account payments posts to for a currency and role, opened at first use (the Java ledger_accounts)."""

    CLEARING, MERCHANT_SETTLEMENT = "clearing", "merchant_settlement"

    currency = models.CharField(max_length=3)
    role = models.CharField(max_length=32)
    account_id = models.CharField(max_length=64)
    created_at = models.DateTimeField()

    class Meta:
        db_table = "payments_ledger_account"
        constraints = [models.UniqueConstraint(fields=["currency", "role"],
                                               name="payments_ledger_account_one_per_role")]


class Task(models.Model):
    """
    Work to do after a 201, written in the same database transaction as the row that calls for it (an outbox):
    if that rolls back, the work was never scheduled; once it commits, a worker does it at least once. Only the
    side that created a transaction or refund schedules it, so rows synced in from the new services are never
    processed here a second time.
    """

    PROCESS_TRANSACTION = "process-transaction"
    PROCESS_REFUND = "process-refund"

    id = models.BigAutoField(primary_key=True)
    name = models.CharField(max_length=32)
    subject_id = models.CharField(max_length=64)
    due_at = models.DateTimeField()
    attempts = models.IntegerField(default=0)
    last_error = models.CharField(max_length=255, null=True)
    created_at = models.DateTimeField()

    class Meta:
        db_table = "payments_task"
        constraints = [models.UniqueConstraint(fields=["name", "subject_id"], name="payments_task_once_per_subject")]
        indexes = [models.Index(fields=["due_at"], name="payments_task_due")]


class SyncFence(models.Model):
    """
    A watermark for the payments service's change streams: a row written here is streamed after every change
    committed before it, so once the stream has passed it, the new side holds all of them. Nothing in the monolith
    reads it; the payments service writes and prunes it.
    """

    id = models.CharField(max_length=64, primary_key=True)
    created_at = models.DateTimeField()

    class Meta:
        db_table = "payments_sync_fence"
