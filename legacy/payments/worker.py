"""
Processing after the 201: every gunicorn worker process runs one daemon thread (``start_in_background``, called by
gunicorn.conf.py after fork) that polls the task queue for due items every PAYMENTS_WORKER_POLL and settles up to
PAYMENTS_WORKER_BATCH of them per round; tests call ``process_due()`` synchronously.

Each item is claimed with SELECT … FOR UPDATE SKIP LOCKED and settled in that same database transaction, so many
threads and processes share the queue, each item is settled once, and an item whose process dies mid-way is simply
claimed again. A failing item is retried with a doubling backoff. The thread survives a database outage: it logs
(the failure's class, never a value), closes its connection, waits and carries on.
"""
import logging
import threading

from django import db
from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction

from core import logs

from . import processing, tasks

log = logging.getLogger("payments.worker")

HANDLERS = {
    tasks.PROCESS_TRANSACTION: processing.process_transaction,
    tasks.PROCESS_REFUND: processing.process_refund,
}
LONGEST_PAUSE = 5.0  # between rounds while the database is away

_lock = threading.Lock()
_thread = None
_stop = threading.Event()


def process_due(limit=None):
    """Settles up to ``limit`` (default PAYMENTS_WORKER_BATCH) due items, one database transaction each; → how many."""
    limit = settings.PAYMENTS_WORKER_BATCH if limit is None else limit
    handled = 0
    while handled < limit and _process_one():
        handled += 1
    return handled


def _process_one():
    claimed = None
    try:
        with transaction.atomic():
            task = tasks.claim_next()
            if task is None:
                return False
            claimed = task
            logs.set_request_id(f"task-{task.name}-{task.subject_id}")
            try:
                with transaction.atomic():
                    HANDLERS[task.name](task.subject_id)
            except (OperationalError, InterfaceError):
                raise  # the database is away: nothing can be recorded, the item stays due
            except Exception as failure:
                _note_failure(task, failure)
                return True
            tasks.done(task)
        return True
    except (OperationalError, InterfaceError):
        raise
    except Exception as failure:
        # refused at commit (a deferred check): the whole item rolled back; count it so it backs off
        if claimed is None:
            raise
        with transaction.atomic():
            _note_failure(claimed, failure)
        return True
    finally:
        logs.set_request_id(None)


def _note_failure(task, failure):
    attempts, delay = tasks.failed(task, failure)
    if attempts & (attempts - 1) == 0:  # the 1st, 2nd, 4th, 8th… failure: visible without flooding the log
        log.warning("%s of %s failed (%d in a row): %s; retrying in %.0f s", task.name, task.subject_id, attempts,
                    type(failure).__name__, delay)


def start_in_background():
    """Starts this process's worker thread once (no-op when PAYMENTS_WORKER_ENABLED is off or it already runs)."""
    global _thread
    if not settings.PAYMENTS_WORKER_ENABLED:
        log.info("The payments worker is disabled (PAYMENTS_WORKER_ENABLED=false)")
        return None
    with _lock:
        if _thread is not None and _thread.is_alive():
            return _thread
        _stop.clear()
        _thread = threading.Thread(target=_run, name="payments-worker", daemon=True)
        _thread.start()
        return _thread


def stop(timeout=5.0):
    """Asks the thread to finish its current item and end (tests; a process exit just drops the daemon)."""
    global _thread
    _stop.set()
    with _lock:
        thread, _thread = _thread, None
    if thread is not None:
        thread.join(timeout)


def _run():
    failures = 0
    while not _stop.is_set():
        handled = 0
        try:
            db.close_old_connections()
            handled = process_due()
            failures = 0
        except Exception as failure:  # noqa: BLE001 — the thread must outlive anything one round can raise
            failures += 1
            if failures & (failures - 1) == 0:
                log.warning("The payments worker could not process due work (%d in a row): %s", failures,
                            type(failure).__name__)
            _close_connection()
        if handled < settings.PAYMENTS_WORKER_BATCH:
            _stop.wait(min(settings.PAYMENTS_WORKER_POLL * (2 ** min(failures, 10)), max(LONGEST_PAUSE,
                                                                                    settings.PAYMENTS_WORKER_POLL)))
    _close_connection()


def _close_connection():
    try:
        db.connection.close()
    except Exception:  # noqa: BLE001 — a connection that cannot even close is gone anyway
        pass
