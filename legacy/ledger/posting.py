"""
Posts journal entries: exactly once per reference, balanced, in one currency, never taking a guarded account below
zero, all or nothing — as the ledger service's JournalWriter decides a posting.

Concurrency (ADR 0005 as amended by ADR 0054): a posting locks its accounts FOR UPDATE in id order, so postings
touching the same accounts queue instead of deadlocking and each sees the totals the one before it left; the
reference is looked up only once the locks are held, so a replay racing its original waits for it and then replays
it. Two postings of one reference with different accounts meet at the reference's unique index: the second is
retried (from its savepoint) and then finds the entry. The database checks every entry again at commit.
"""
import hashlib
import logging
import time
from dataclasses import dataclass, field

from django.db import IntegrityError, OperationalError, connection, transaction

from core import ids, times

from . import facts
from .models import CREDIT, DEBIT, EntryLine, JournalEntry, REVERSAL_PREFIX, opposite, signed

log = logging.getLogger("ledger.posting")

ATTEMPTS = 4
# unique_violation (a reference posted concurrently), deadlock_detected, serialization_failure, lock_not_available
CONTENTION = {"23505", "40P01", "40001", "55P03"}


@dataclass(frozen=True)
class Line:
    account_id: str
    direction: str
    amount: int


@dataclass(frozen=True)
class PostingRequest:
    """What is to be posted, already valid in shape: a reference and at least two lines with positive amounts."""

    reference: str
    lines: tuple
    description: str = None
    metadata: dict = field(default_factory=dict)

    def total(self, side):
        return sum(line.amount for line in self.lines if line.direction == side)

    @property
    def is_balanced(self):
        return self.total(DEBIT) == self.total(CREDIT)

    def fingerprint(self):
        """
        A hash of everything asked for, in order — the Java PostingRequest's algorithm exactly (UTF-16 lengths,
        keys in Java string order), so an entry synced from the other side is recognised as the same posting.
        """
        parts = [_field(self.reference), _field("\u0000null" if self.description is None else self.description)]
        for key in sorted(self.metadata or {}, key=java_order):
            parts.append(_field(key))
            parts.append(_field(self.metadata[key]))
        parts.append("|")
        for line in self.lines:
            parts.extend((_field(line.account_id), _field(line.direction), _field(str(line.amount))))
        return hashlib.sha256("".join(parts).encode("utf-8", errors="replace")).hexdigest()


def java_order(text):
    """The order of Java's String.compareTo (UTF-16 code units), which the Java side sorts metadata keys by."""
    return text.encode("utf-16-be", errors="surrogatepass")


def _field(value):
    """Length-prefixed, so no choice of values can make two different requests look alike."""
    return f"{len(value.encode('utf-16-le', errors='surrogatepass')) // 2}:{value};"


def post(request, reversal_of=None):
    """
    Posts ``request`` inside the caller's database transaction, if there is one (a savepoint of it).
    Answers (entry, replayed); raises the fact that refused it, with nothing written.
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transaction.atomic():
                return _post_locked(request, reversal_of)
        except (IntegrityError, OperationalError) as refused:
            if attempt == ATTEMPTS or _pgcode(refused) not in CONTENTION:
                raise
            log.info("A posting met %s (attempt %d of %d); retrying", type(refused.__cause__).__name__, attempt,
                     ATTEMPTS)
            time.sleep(0.005 * attempt)


def reverse(entry_id):
    """Posts the mirror of an entry, once: every line on the opposite side, under ``reversal:<id>``."""
    original = JournalEntry.objects.filter(pk=entry_id).first()
    if original is None:
        raise facts.no_such("entry")
    if original.reversal_of_id is not None:
        raise facts.already_reversed(entry_id, "is itself a reversal")
    mirror = PostingRequest(
        reference=REVERSAL_PREFIX + original.id,
        lines=tuple(Line(line.account_id, opposite(line.direction), line.amount) for line in original.ordered_lines()),
        description=f"Reversal of {original.id}",
        metadata={})
    entry, replayed = post(mirror, reversal_of=original.id)
    if replayed:
        raise facts.already_reversed(entry_id, f"was already reversed by {entry.id}")
    return entry


def _pgcode(error):
    return getattr(error.__cause__, "pgcode", None)


def _post_locked(request, reversal_of):
    locked = _lock_in_id_order({line.account_id for line in request.lines})
    # the locks are held: a concurrent posting of this reference (same accounts) has committed and is seen here
    earlier = JournalEntry.objects.filter(reference=request.reference).first()
    fingerprint = request.fingerprint()
    if earlier is not None:
        if earlier.fingerprint != fingerprint:
            raise facts.reference_reused()
        return earlier, True
    currency, effect = _decide(request, locked)
    posted_at = times.now()  # after the locks: an account's lines are in posting order by time as well
    entry = JournalEntry.objects.create(
        id=ids.new_id("je_"), reference=request.reference, currency=currency, description=request.description,
        metadata=dict(request.metadata or {}), fingerprint=fingerprint, reversal_of_id=reversal_of,
        posted_at=posted_at)
    EntryLine.objects.bulk_create([
        EntryLine(entry=entry, line_no=number, account_id=line.account_id, direction=line.direction,
                  amount=line.amount, posted_at=posted_at)
        for number, line in enumerate(request.lines)])
    _write_back(effect)
    return entry, False


def _lock_in_id_order(account_ids):
    """The accounts, locked for update in id order (byte order, whatever the database's collation)."""
    if not account_ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, currency, normal_balance, allow_negative, debits, credits FROM ledger_account "
                       "WHERE id = ANY(%s) ORDER BY id COLLATE \"C\" FOR UPDATE", [sorted(account_ids)])
        return {row[0]: row for row in cursor.fetchall()}


def _decide(request, locked):
    """The entry's currency and its effect per account, or the first fact that refuses it (the Java order)."""
    if not request.is_balanced:
        raise facts.unbalanced_entry(request.total(DEBIT), request.total(CREDIT))
    currencies = []
    for number, line in enumerate(request.lines):
        account = locked.get(line.account_id)
        if account is None:
            raise facts.unknown_account(number, line.account_id)
        if account[1] not in currencies:
            currencies.append(account[1])
    if len(currencies) > 1:
        raise facts.currency_mismatch(currencies)
    effect = {}
    for line in request.lines:
        totals = effect.setdefault(line.account_id, [0, 0])
        totals[0 if line.direction == DEBIT else 1] += line.amount
    for account_id, (added_debits, added_credits) in effect.items():
        _, _, normal_balance, allow_negative, debits, credits = locked[account_id]
        if not allow_negative and signed(normal_balance, debits + added_debits, credits + added_credits) < 0:
            raise facts.insufficient_funds(account_id)
    return currencies[0], effect


def _write_back(effect):
    with connection.cursor() as cursor:
        for account_id, (added_debits, added_credits) in effect.items():
            cursor.execute("UPDATE ledger_account SET debits = debits + %s, credits = credits + %s WHERE id = %s",
                           [added_debits, added_credits, account_id])


