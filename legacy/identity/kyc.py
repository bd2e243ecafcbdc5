"""
KYC records: identity documents taken from their owners, the number sealed and shown only masked, and moved
through verification. A record is visible to its owner and to ops, and a 404 to everyone else.
"""
from core import crypto, ids, times

from . import audit, facts, fingerprints
from .models import KycRecord
from .representations import document_number_context

MASK = "*****"
SHOWN = 4


def mask(document_number):
    """Five stars and the last four characters of the normalized number: the mask tells nothing about the length."""
    return MASK + normalized(document_number)[-SHOWN:]


def normalized(document_number):
    """Letters and digits only, upper case: ``ab-12 34`` and ``AB1234`` are the same document."""
    return document_number.replace(" ", "").replace("-", "").upper()


def fingerprint(request):
    """What identifies a submission for Idempotency-Key purposes; the document number only as a keyed digest."""
    return {"document_type": request["document_type"], "issuing_country": request["issuing_country"],
            "expires_on": request["expires_on"].isoformat(),
            "document_number": fingerprints.of("kyc-record", request["document_number"])}


def today():
    return times.now().date()


def submit(user_id, request):
    """Stores a submitted record of ``user_id``; refused when the document has already expired. Its id."""
    if request["expires_on"] < today():
        raise facts.document_expired("expires_on")
    now = times.now()
    record_id = ids.new_id("kyc_")
    number = request["document_number"]
    KycRecord.objects.create(
        id=record_id, user_id=user_id, document_type=request["document_type"],
        document_number=crypto.encrypt(number, document_number_context(record_id)),
        document_number_masked=mask(number), issuing_country=request["issuing_country"],
        expires_on=request["expires_on"], status="submitted", created_at=now, updated_at=now)
    audit.record(user_id, "kyc_record.submitted", record_id, {"document_type": request["document_type"]})
    return record_id


def visible_to(caller, record_id):
    record = KycRecord.objects.filter(pk=record_id).first()
    if record is None or not (caller.has("ops") or (caller.has("user") and record.is_owned_by(caller.subject))):
        raise facts.not_found("KYC record")
    return record


def verification_requested(user_id, record_id):
    """``submitted → pending`` for one of the user's own records, still valid and still holding its number."""
    record = KycRecord.objects.select_for_update().filter(pk=record_id).first()
    if record is None or not record.is_owned_by(user_id):
        raise facts.not_found("KYC record")
    if record.expires_on < today():
        raise facts.document_expired("kyc_record_id")
    if record.pii_erased_at is not None:
        raise facts.record_not_verifiable("its document number was erased")
    if record.status != "submitted":
        raise facts.record_not_verifiable(f"it is {record.status}, only a submitted record can be")
    _move(record, "pending")


def verification_decided(record_id, approved):
    """``pending → verified | rejected``."""
    record = KycRecord.objects.select_for_update().filter(pk=record_id).first()
    if record is None:
        raise facts.not_found("KYC record")
    if record.status != "pending":
        raise facts.record_not_verifiable(f"it is {record.status}, not pending")
    _move(record, "verified" if approved else "rejected")


def _move(record, status):
    record.status = status
    record.updated_at = times.now()
    record.save(update_fields=["status", "updated_at"])


def erase_personal_data(user_id):
    """Forgets the numbers, sealed and masked, of all the user's documents; how many still had one."""
    erased = 0
    now = times.now()
    for record in KycRecord.objects.select_for_update().filter(user_id=user_id).order_by("id"):
        if record.pii_erased_at is not None:
            continue
        record.document_number = None
        record.document_number_masked = None
        record.pii_erased_at = now
        record.updated_at = now
        record.save(update_fields=["document_number", "document_number_masked", "pii_erased_at", "updated_at"])
        erased += 1
    return erased
