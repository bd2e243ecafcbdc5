"""
The queue of work payments does after a 201: a row per transaction or refund to process, inserted in the database
transaction that creates it and claimed by workers with SELECT … FOR UPDATE SKIP LOCKED, so several processes share
the work and each item is held by one of them at a time. Handlers must be idempotent: an item whose worker dies
before committing is claimed again.
"""
import datetime

from django.conf import settings
from django.db import connection

from core import times

from .models import Task

PROCESS_TRANSACTION, PROCESS_REFUND = Task.PROCESS_TRANSACTION, Task.PROCESS_REFUND


def schedule(name, subject_id):
    """Due now, as part of the current database transaction: if that rolls back, it was never scheduled."""
    if not connection.in_atomic_block:
        raise RuntimeError("tasks are scheduled inside the transaction that calls for them")
    now = times.now()
    Task.objects.bulk_create([Task(name=name, subject_id=subject_id, due_at=now, created_at=now)],
                             ignore_conflicts=True)


def claim_next():
    """The next due item, locked until the end of the current transaction; items other workers hold are skipped."""
    return (Task.objects.select_for_update(skip_locked=True)
            .filter(due_at__lte=times.now()).order_by("due_at", "id").first())


def done(task):
    Task.objects.filter(pk=task.pk).delete()


def failed(task, failure):
    """Counts the failure and moves the item back by the backoff; only the failure's class is kept (no values)."""
    delay = backoff(task.attempts)
    Task.objects.filter(pk=task.pk).update(attempts=task.attempts + 1, last_error=type(failure).__name__[:255],
                                           due_at=times.now() + datetime.timedelta(seconds=delay))
    return task.attempts + 1, delay


def backoff(failures_before):
    initial, longest = settings.PAYMENTS_RETRY_INITIAL, settings.PAYMENTS_RETRY_MAX
    return min(initial * (2 ** min(max(failures_before, 0), 30)), longest)
