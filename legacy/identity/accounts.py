"""
Users: sign-up, credentials, who may see whom (themselves, ops, services; anyone else gets a 404 whether the user
exists or not), and the KYC status transitions every payment depends on.
"""
from django.db import IntegrityError
from django.db.models.functions import Lower
from django.db.models import Value

from core import crypto, ids, times

from . import audit, facts, fingerprints, passwords
from core.validation import java_strip
from .models import EMAIL_UNIQUE, User
from .representations import date_of_birth_context, full_name_context

ALLOWS_NEW_VERIFICATION = ("unverified", "rejected")


def with_password(raw):
    """A new, unsaved user holding the hash of ``raw``: slow on purpose, so made outside any transaction."""
    user = User()
    user.set_password(raw)
    return user


def sign_up_fingerprint(request):
    """What identifies a sign-up for Idempotency-Key purposes; password, name and birth date only as a keyed digest."""
    return {"email": request["email"], "country": request["country"],
            "secrets": fingerprints.of("sign-up", request["password"], request["full_name"],
                                       request["date_of_birth"].isoformat())}


def sign_up(request, user, user_id=None):
    """
    Stores ``user`` (from with_password) with the request's data; runs in the caller's transaction. Its id: a new one,
    or ``user_id`` when the user exists elsewhere already under that id (the seeded demo user).
    """
    now = times.now()
    user.id = user_id or ids.new_id("usr_")
    user.email = java_strip(request["email"])
    user.full_name = crypto.encrypt(java_strip(request["full_name"]), full_name_context(user.id))
    user.date_of_birth = crypto.encrypt(request["date_of_birth"].isoformat(), date_of_birth_context(user.id))
    user.country = request["country"]
    user.kyc_status = "unverified"
    user.created_at = now
    user.updated_at = now
    try:
        user.save(force_insert=True)
    except IntegrityError as refused:
        if _violated(refused, EMAIL_UNIQUE):
            raise facts.email_taken() from None
        raise
    audit.record(user.id, "user.signed_up", user.id)
    return user.id


def _violated(failure, constraint):
    """Which constraint a refused write hit, read from the driver's diagnostics, never from its message."""
    cause = failure.__cause__
    diag = getattr(cause, "diag", None)
    return diag is not None and diag.constraint_name == constraint


def authenticate(email, password):
    """
    The user with this email (in any case) and password, or None, taking about the same time whether the email
    is unknown or the password wrong. A hash weaker than today's is replaced.
    """
    user = by_email(email)
    encoded = user.password if user is not None else None
    if not passwords.matches(password, encoded) or user is None:
        return None
    if passwords.weaker_than_today(encoded):
        User.objects.filter(pk=user.pk, password=encoded).update(password=passwords.make(password))
    return user


def by_email(email):
    """Served by the unique index on lower(email)."""
    return (User.objects.annotate(email_lower=Lower("email"))
            .filter(email_lower=Lower(Value(java_strip(email)))).first())


def visible_to(caller, user_id):
    user = User.objects.filter(pk=user_id).first()
    if user is None or not may_act_on(caller, user.id):
        raise facts.not_found("user")
    return user


def may_act_on(caller, user_id):
    return caller.is_privileged or (caller.has("user") and caller.subject == user_id)


def existing(user_id):
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise facts.not_found("user")
    return user


def lock(user_id):
    """The user, locked until the transaction ends, so concurrent KYC transitions and erasures of one user queue."""
    user = User.objects.select_for_update().filter(pk=user_id).first()
    if user is None:
        raise facts.not_found("user")
    return user


def verification_requested(user_id):
    """``unverified | rejected → pending``, holding the row lock; anything else is an invalid transition."""
    user = lock(user_id)
    before = user.kyc_status
    if before not in ALLOWS_NEW_VERIFICATION:
        raise facts.verification_not_allowed(before)
    _move(user, "pending")
    audit.record(user_id, "user.kyc_status_changed", user_id, {"from": before, "to": "pending"})


def verification_decided(user_id, approved, actor):
    """``pending → verified | rejected``; the new status."""
    user = lock(user_id)
    before = user.kyc_status
    if before != "pending":
        raise facts.no_verification_pending(before)
    _move(user, "verified" if approved else "rejected")
    audit.record(actor, "user.kyc_status_changed", user_id, {"from": before, "to": user.kyc_status})
    return user.kyc_status


def _move(user, status):
    user.kyc_status = status
    user.updated_at = times.now()
    user.save(update_fields=["kyc_status", "updated_at"])


def erase_personal_data(caller, user_id):
    """
    Forgets the name and date of birth (the ciphertexts, not just their display) if the caller may act on this
    user, else 404. Whether anything was still there to erase.
    """
    user = User.objects.select_for_update().filter(pk=user_id).first()
    if user is None or not may_act_on(caller, user.id):
        raise facts.not_found("user")
    if user.is_erased:
        return False
    now = times.now()
    user.full_name = None
    user.date_of_birth = None
    user.pii_erased_at = now
    user.updated_at = now
    user.save(update_fields=["full_name", "date_of_birth", "pii_erased_at", "updated_at"])
    return True
