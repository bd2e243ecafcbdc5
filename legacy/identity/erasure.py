"""
Erasure of a user's personal data (SPEC §2): the ciphertexts of name, date of birth and every document number are
set NULL, so nothing is left to decrypt. The user, the KYC records and verifications with their statuses, and the
audit trail stay. Erasing again changes nothing and succeeds again.
"""
from django.db import transaction

from . import accounts, audit, kyc


def erase(caller, user_id):
    with transaction.atomic():
        user_data = accounts.erase_personal_data(caller, user_id)
        documents = kyc.erase_personal_data(user_id)
        if user_data or documents > 0:
            audit.record(caller.subject, "pii.erased", user_id, {"documents": str(documents)})
