"""Tables every domain of the monolith shares: idempotency keys and the token signing keys."""
from django.db import models


class IdempotencyKey(models.Model):
    """One caller's Idempotency-Key and, once its request succeeded, the response it got (kept 24 h)."""

    scope = models.CharField(max_length=255)
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    state = models.CharField(max_length=16)  # in_flight | done
    response_status = models.IntegerField(null=True)
    response_body = models.TextField(null=True)
    locked_at = models.DateTimeField()
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "core_idempotency_key"
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="core_idempotency_key_scope_key")]


class SigningKey(models.Model):
    """An RSA key pair that signs access tokens; the private half encrypted (core.crypto), the public half as a JWK."""

    kid = models.CharField(max_length=64, primary_key=True)
    private_key = models.TextField()
    public_jwk = models.JSONField()
    created_at = models.DateTimeField()
    retired_at = models.DateTimeField(null=True)

    class Meta:
        db_table = "core_signing_key"
