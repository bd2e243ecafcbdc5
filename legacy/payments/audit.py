"""
The append-only audit trail: every state change of a transaction or refund, who made it, when and under which
request, written in the same database transaction as the change. The table refuses UPDATE and DELETE (migration 0002).
"""
from core import logs, times

from .models import AuditRecord

SYSTEM = "system"  # the actor of changes made by payments' own worker
TRANSACTION, REFUND = AuditRecord.TRANSACTION, AuditRecord.REFUND


def record(subject_type, subject_id, from_status, to_status, actor, detail=None):
    AuditRecord.objects.create(subject_type=subject_type, subject_id=subject_id, from_status=from_status,
                               to_status=to_status, actor=actor, request_id=logs.current_request_id(), detail=detail,
                               occurred_at=times.now())


def of(subject_id):
    """The changes of one transaction or refund, oldest first."""
    return list(AuditRecord.objects.filter(subject_id=subject_id).order_by("id"))
