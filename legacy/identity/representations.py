"""The resources as the API shows them, member for member in the order of the Java *View records."""
from core import crypto, times


def full_name_context(user_id):
    return f"user:{user_id}:full_name"


def date_of_birth_context(user_id):
    return f"user:{user_id}:date_of_birth"


def document_number_context(kyc_record_id):
    return f"kyc_record:{kyc_record_id}:document_number"


def user_view(user):
    """UserView; ``full_name`` is null once erased."""
    return {
        "id": user.id,
        "email": user.email,
        "full_name": crypto.decrypt(user.full_name, full_name_context(user.id)),
        "country": user.country,
        "kyc_status": user.kyc_status,
        "created_at": times.iso(user.created_at),
    }


def kyc_status_view(user):
    return {"user_id": user.id, "kyc_status": user.kyc_status}


def kyc_record_view(record):
    """KycRecordView: the document number only masked, null once erased."""
    return {
        "id": record.id,
        "user_id": record.user_id,
        "document_type": record.document_type,
        "document_number_masked": record.document_number_masked,
        "issuing_country": record.issuing_country,
        "expires_on": times.iso_date(record.expires_on),
        "status": record.status,
        "created_at": times.iso(record.created_at),
    }


def verification_view(verification):
    """VerificationView; ``decided_at`` and ``reason`` are null while pending."""
    return {
        "id": verification.id,
        "kyc_record_id": verification.kyc_record_id,
        "user_id": verification.user_id,
        "status": verification.status,
        "created_at": times.iso(verification.created_at),
        "decided_at": times.iso(verification.decided_at),
        "reason": verification.reason,
    }


def token_response(access_token, expires_in, refresh_token, scope):
    """TokenResponse; ``refresh_token`` is left out (not null) for client credentials."""
    document = {"access_token": access_token, "token_type": "Bearer", "expires_in": expires_in}
    if refresh_token is not None:
        document["refresh_token"] = refresh_token
    document["scope"] = scope
    return document
