"""
The verification desk: opens verifications for users and records the decisions of ops, moving the verification,
the KYC record and the user's kyc_status together in one transaction. Locks are taken user first, then record,
in both directions, so a request and a decision never deadlock.
"""
from core import ids, times

from . import accounts, audit, facts, kyc
from .models import Verification
from .representations import verification_view


def request(user_id, kyc_record_id):
    """Runs inside the idempotency transaction of the request; the new verification's view."""
    accounts.verification_requested(user_id)
    kyc.verification_requested(user_id, kyc_record_id)
    now = times.now()
    verification = Verification.objects.create(id=ids.new_id("ver_"), kyc_record_id=kyc_record_id, user_id=user_id,
                                               status="pending", created_at=now, updated_at=now)
    audit.record(user_id, "verification.requested", verification.id, {"kyc_record_id": kyc_record_id})
    return verification_view(verification)


def decide(ops, verification_id, decision, reason):
    """``pending → approved | rejected``, once; runs in the caller's transaction."""
    verification = Verification.objects.select_for_update().filter(pk=verification_id).first()
    if verification is None:
        raise facts.not_found("verification")
    if verification.status != "pending":
        raise facts.verification_already_decided(verification.id, verification.status)
    approved = decision == "approved"
    now = times.now()
    verification.status = decision
    verification.reason = reason
    verification.decided_by = ops.subject
    verification.decided_at = now
    verification.updated_at = now
    verification.save(update_fields=["status", "reason", "decided_by", "decided_at", "updated_at"])
    status = accounts.verification_decided(verification.user_id, approved, ops.subject)
    kyc.verification_decided(verification.kyc_record_id, approved)
    audit.record(ops.subject, "verification.decided", verification.id,
                 {"decision": decision, "user_id": verification.user_id, "kyc_status": status})
    return verification_view(verification)


def visible_to(caller, verification_id):
    verification = Verification.objects.filter(pk=verification_id).first()
    if verification is None or not (caller.has("ops")
                                    or (caller.has("user") and verification.is_owned_by(caller.subject))):
        raise facts.not_found("verification")
    return verification
