from django.apps import AppConfig


class IdentityConfig(AppConfig):
    """Users, tokens and their keys' publication, KYC records, verifications, erasure of personal data."""

    name = "identity"
