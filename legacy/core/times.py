"""Times on the wire: RFC 3339 UTC with exactly three fraction digits, e.g. 2026-11-25T08:30:00.123Z."""
import datetime

UTC = datetime.timezone.utc


def now():
    """The current instant, truncated to milliseconds: what is stored is exactly what is shown."""
    moment = datetime.datetime.now(UTC)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def iso(moment):
    if moment is None:
        return None
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def iso_date(day):
    return None if day is None else day.isoformat()


def parse_instant(text):
    """An RFC 3339 timestamp with an offset (``Z`` or ``±hh:mm``), or None when it is not one."""
    if not isinstance(text, str) or len(text) < 20 or text[10] not in "Tt":
        return None
    candidate = text[:-1] + "+00:00" if text[-1] in "Zz" else text
    try:
        parsed = datetime.datetime.fromisoformat(candidate)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return None
    return parsed.astimezone(UTC)


def parse_date(text):
    """An RFC 3339 full-date (YYYY-MM-DD), or None."""
    if not isinstance(text, str) or len(text) != 10 or text[4] != "-" or text[7] != "-":
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None
