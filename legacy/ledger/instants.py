"""
``?as_of=`` as the ledger service reads it: Java's ``OffsetDateTime.parse`` (ISO_OFFSET_DATE_TIME, strict), e.g.
``2026-11-25T08:30:00.123Z``, ``2026-11-25T09:30+01:00``. Seconds and the fraction are optional, a fraction has up to
nine digits, ``T`` and ``Z`` may be lower case, the offset is ``Z`` or ``±HH:MM[:ss]``.
"""
import datetime
import re

_SHAPE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{0,9}))?)?"
    r"(?:([Zz])|([+-])(\d{2}):(\d{2})(?::(\d{2}))?)", re.ASCII)


def parse_offset_date_time(text):
    """The instant (UTC, microseconds: finer digits are dropped, as no stored time has them), or None."""
    found = _SHAPE.fullmatch(text or "")
    if found is None:
        return None
    year, month, day, hour, minute, second, fraction, zulu, sign, off_h, off_m, off_s = found.groups()
    try:
        if int(off_h or 0) > 18 or int(off_m or 0) > 59 or int(off_s or 0) > 59:
            return None
        offset = datetime.timedelta(hours=int(off_h or 0), minutes=int(off_m or 0), seconds=int(off_s or 0))
        if offset > datetime.timedelta(hours=18):
            return None
        if sign == "-":
            offset = -offset
        local = datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                                  int((fraction or "").ljust(6, "0")[:6]), tzinfo=datetime.timezone(offset))
        return local.astimezone(datetime.timezone.utc)
    except (ValueError, OverflowError):
        return None
