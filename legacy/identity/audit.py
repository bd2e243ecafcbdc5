"""
The audit trail: appended in the caller's transaction, so an event exists exactly when its change does. The table
refuses updates and deletes (migration 0002) and outlives an erasure. Details hold ids, statuses and decisions,
never personal data, secrets or tokens.
"""
from core import times

from .models import AuditEvent

SYSTEM = "system"


def record(actor, action, subject_id, details=None):
    """``actor``: a user id, a client id or ``system``; ``action`` e.g. ``verification.decided``."""
    AuditEvent.objects.create(occurred_at=times.now(), actor=actor, action=action, subject_id=subject_id,
                              details=dict(sorted((details or {}).items())))
