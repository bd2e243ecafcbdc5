"""
The identity domain's tables. The users table is Django's AUTH_USER_MODEL, with Django's password hashes.

Personal data (full name, date of birth, document numbers) is stored only as core.crypto ciphertexts bound to
their row (contexts ``user:<id>:full_name``, ``user:<id>:date_of_birth``, ``kyc_record:<id>:document_number``) and
becomes NULL on erasure. What the code checks is held by the database too: CHECKs here, and in migration 0002 the
case-insensitive unique email, the one-decision-per-verification trigger and the append-only audit trail.
"""
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.db.models import Q

KYC_STATUSES = ("unverified", "pending", "verified", "rejected")
DOCUMENT_TYPES = ("passport", "national_id", "driving_licence")
KYC_RECORD_STATUSES = ("submitted", "pending", "verified", "rejected")
VERIFICATION_STATUSES = ("pending", "approved", "rejected")
DECISIONS = ("approved", "rejected")

# the unique index on lower(email) (migration 0002); Django's own checks see it as a constraint on email
EMAIL_UNIQUE = "identity_user_email_unique"


class User(AbstractBaseUser):
    """
    A customer. ``password`` is Django's (``pbkdf2_sha256$…``); ``full_name`` and ``date_of_birth`` are encrypted
    (core.crypto, context ``user:<id>:<field>``) and become NULL on erasure.
    """

    id = models.CharField(max_length=64, primary_key=True)
    email = models.CharField(max_length=254)
    full_name = models.TextField(null=True)
    date_of_birth = models.TextField(null=True)
    country = models.CharField(max_length=2)
    kyc_status = models.CharField(max_length=16, default="unverified")
    pii_erased_at = models.DateTimeField(null=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    row_version = models.BigIntegerField(default=1)  # kept by a trigger for the sync (migration 0003)
    sync_origin = models.TextField(null=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    class Meta:
        db_table = "identity_user"
        constraints = [
            models.CheckConstraint(check=models.Q(kyc_status__in=KYC_STATUSES), name="identity_user_kyc_status"),
            models.CheckConstraint(check=Q(country__regex=r"^[A-Z]{2}$"), name="identity_user_country"),
            models.CheckConstraint(
                check=(Q(pii_erased_at__isnull=True, full_name__isnull=False, date_of_birth__isnull=False)
                       | Q(pii_erased_at__isnull=False, full_name__isnull=True, date_of_birth__isnull=True)),
                name="identity_user_pii_present_until_erased"),
            # In the database this is a unique index on lower(email) (migration 0002 swaps it in).
            models.UniqueConstraint(fields=["email"], name=EMAIL_UNIQUE),
        ]

    @property
    def is_erased(self):
        return self.pii_erased_at is not None

    def __str__(self):  # log lines name the user, never their data
        return f"User[{self.id}, {self.kyc_status}]"


class KycRecord(models.Model):
    """An identity document a user submitted: the number sealed and masked, NULL both once erased."""

    id = models.CharField(max_length=64, primary_key=True)
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="kyc_records")
    document_type = models.CharField(max_length=32)
    document_number = models.TextField(null=True)
    document_number_masked = models.CharField(max_length=9, null=True)
    issuing_country = models.CharField(max_length=2)
    expires_on = models.DateField()
    status = models.CharField(max_length=16, default="submitted")
    pii_erased_at = models.DateTimeField(null=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    row_version = models.BigIntegerField(default=1)  # kept by a trigger for the sync (migration 0003)
    sync_origin = models.TextField(null=True)

    class Meta:
        db_table = "identity_kyc_record"
        indexes = [models.Index(fields=["user", "-created_at"], name="identity_kyc_by_user")]
        constraints = [
            models.CheckConstraint(check=Q(document_type__in=DOCUMENT_TYPES), name="identity_kyc_record_document_type"),
            models.CheckConstraint(check=Q(status__in=KYC_RECORD_STATUSES), name="identity_kyc_record_status"),
            models.CheckConstraint(check=Q(issuing_country__regex=r"^[A-Z]{2}$"),
                                   name="identity_kyc_record_issuing_country"),
            models.CheckConstraint(check=Q(document_number_masked__regex=r"^\*{5}[A-Z0-9]{4}$"),
                                   name="identity_kyc_record_mask"),
            models.CheckConstraint(
                check=(Q(pii_erased_at__isnull=True, document_number__isnull=False,
                         document_number_masked__isnull=False)
                       | Q(pii_erased_at__isnull=False, document_number__isnull=True,
                           document_number_masked__isnull=True)),
                name="identity_kyc_record_number_present_until_erased"),
        ]

    def is_owned_by(self, subject):
        return self.user_id == subject

    def __str__(self):
        return f"KycRecord[{self.id}, {self.status}]"


class Verification(models.Model):
    """A request to verify one KYC record, decided once by ops: ``pending → approved | rejected``."""

    id = models.CharField(max_length=64, primary_key=True)
    kyc_record = models.ForeignKey(KycRecord, on_delete=models.PROTECT, related_name="verifications")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="verifications")
    status = models.CharField(max_length=16, default="pending")
    reason = models.TextField(null=True)
    decided_by = models.CharField(max_length=255, null=True)
    decided_at = models.DateTimeField(null=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    row_version = models.BigIntegerField(default=1)  # kept by a trigger for the sync (migration 0003)
    sync_origin = models.TextField(null=True)

    class Meta:
        db_table = "identity_verification"
        indexes = [models.Index(fields=["user", "-created_at"], name="identity_verif_by_user")]
        constraints = [
            models.CheckConstraint(check=Q(status__in=VERIFICATION_STATUSES), name="identity_verification_status"),
            models.CheckConstraint(
                check=(Q(status="pending", decided_at__isnull=True, decided_by__isnull=True, reason__isnull=True)
                       | (~Q(status="pending") & Q(decided_at__isnull=False, decided_by__isnull=False,
                                                  reason__isnull=False))),
                name="identity_verification_decided_exactly_when_not_pending"),
            # a user has at most one verification waiting for a decision
            models.UniqueConstraint(fields=["user"], condition=Q(status="pending"),
                                    name="identity_verification_one_pending_per_user"),
        ]

    def is_owned_by(self, subject):
        return self.user_id == subject


class RefreshTokenFamily(models.Model):
    """The refresh tokens descending from one password grant; a reused token revokes them all."""

    id = models.CharField(max_length=64, primary_key=True)
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="refresh_token_families")
    scope = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True)
    revoked_reason = models.CharField(max_length=32, null=True)

    class Meta:
        db_table = "identity_refresh_token_family"
        constraints = [
            models.CheckConstraint(check=Q(scope__regex=r"^[a-z]+( [a-z]+)*$"), name="identity_refresh_family_scope"),
            models.CheckConstraint(check=Q(revoked_reason__isnull=True) | Q(revoked_reason="reuse_detected"),
                                   name="identity_refresh_family_revoked_reason"),
            models.CheckConstraint(check=(Q(revoked_at__isnull=True, revoked_reason__isnull=True)
                                          | Q(revoked_at__isnull=False, revoked_reason__isnull=False)),
                                   name="identity_refresh_family_revoked_with_reason"),
        ]


class RefreshToken(models.Model):
    """One refresh token, kept only as the hex SHA-256 of what the client holds."""

    token_hash = models.CharField(max_length=64, primary_key=True)
    family = models.ForeignKey(RefreshTokenFamily, on_delete=models.CASCADE, related_name="tokens")
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True)

    class Meta:
        db_table = "identity_refresh_token"
        constraints = [
            models.CheckConstraint(check=Q(token_hash__regex=r"^[0-9a-f]{64}$"), name="identity_refresh_token_hash"),
            models.CheckConstraint(check=Q(expires_at__gt=models.F("issued_at")),
                                   name="identity_refresh_token_expires_after_issue"),
        ]


class LoginThrottle(models.Model):
    """Failed sign-ins in a fixed window per principal (a keyed digest of the email or client id) and per address."""

    bucket = models.CharField(max_length=255, primary_key=True)
    window_start = models.DateTimeField(db_index=True)
    failures = models.IntegerField()

    class Meta:
        db_table = "identity_login_throttle"
        constraints = [models.CheckConstraint(check=Q(failures__gte=0), name="identity_login_throttle_failures")]


class AuditEvent(models.Model):
    """Who changed what and when; ids, statuses and decisions only, never personal data. Append-only."""

    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField()
    actor = models.CharField(max_length=255)
    action = models.CharField(max_length=64)
    subject_id = models.CharField(max_length=255)
    details = models.JSONField(default=dict)

    class Meta:
        db_table = "identity_audit_event"
        indexes = [models.Index(fields=["subject_id", "occurred_at"], name="identity_audit_by_subject")]


class SyncFence(models.Model):
    """
    A watermark for the identity service's change streams (its ADR 64): a row written here is streamed after every
    change committed before it. Nothing in the monolith reads it; the identity service writes and prunes it.
    """

    id = models.CharField(max_length=64, primary_key=True)
    created_at = models.DateTimeField()

    class Meta:
        db_table = "identity_sync_fence"
