"""What identity refuses, with the codes and details of the Java service's facts (UserFacts, KycFacts, TokenFacts)."""
import math

from core.problems import Problem

GRANT_REFUSALS = {
    "password": "The email or password is not correct.",
    "refresh_token": "The refresh token is not valid.",
    "client_credentials": "The client id or secret is not correct.",
}


def not_found(what):
    """A 404 that says nothing about whether the resource exists for someone else."""
    return Problem.not_found(f"No such {what}.")


def email_taken():
    return Problem("email_taken", "An account with this email address already exists.")


def verification_not_allowed(kyc_status):
    return Problem("invalid_state_transition", f"A verification cannot be requested while kyc_status is "
                                               f"{kyc_status}; it can be from unverified or rejected.")


def no_verification_pending(kyc_status):
    return Problem("invalid_state_transition",
                   f"The user's kyc_status is {kyc_status}; only a pending status can be decided.")


def document_expired(field):
    return Problem.invalid_field(field, "the document has expired")


def record_not_verifiable(why):
    return Problem("invalid_state_transition", f"This KYC record cannot be verified: {why}.")


def verification_already_decided(verification_id, status):
    return Problem("invalid_state_transition", f"Verification {verification_id} is already {status}; "
                                               f"only a pending verification can be decided.")


def invalid_grant(grant_type):
    """One message per grant, whatever was wrong: an unknown email and a wrong password look the same."""
    return Problem("invalid_grant", GRANT_REFUSALS[grant_type])


def login_throttled(seconds):
    return Problem("rate_limited", "Too many failed sign-in attempts; try again later.",
                   headers={"Retry-After": str(max(1, math.ceil(seconds)))})
