"""Lists: ``?limit=`` 1..100 (default 20) and ``?starting_after=<id>``, newest first, ``{"data", "has_more"}``."""
import re

from django.db.models import Q

from .problems import Problem

DEFAULT_LIMIT, MIN_LIMIT, MAX_LIMIT = 20, 1, 100
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
INT_MAX = 2 ** 31 - 1


def query_integer(request, name, default):
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not _INTEGER.match(raw) or abs(int(raw)) > INT_MAX:
        raise Problem.invalid_field(name, "must be an integer")
    return int(raw)


def page_query(request):
    """(limit, starting_after) of a list request; a blank cursor is no cursor."""
    limit = query_integer(request, "limit", DEFAULT_LIMIT)
    if limit < MIN_LIMIT:
        raise Problem.invalid_field("limit", f"must be greater than or equal to {MIN_LIMIT}")
    if limit > MAX_LIMIT:
        raise Problem.invalid_field("limit", f"must be less than or equal to {MAX_LIMIT}")
    starting_after = request.query_params.get("starting_after")
    if starting_after is not None and starting_after.strip() == "":
        starting_after = None
    return limit, starting_after


def page(queryset, limit, starting_after, noun, time_field="created_at"):
    """
    One page of ``queryset`` (already filtered to what the caller may see), newest first by (time, id). The cursor
    must be a row of the same list, else ``400 starting_after`` "is not a <noun> of this list".
    """
    if starting_after is not None:
        cursor = queryset.filter(pk=starting_after).first()
        if cursor is None:
            raise Problem.invalid_field("starting_after", f"is not {noun} of this list")
        moment = getattr(cursor, time_field)
        queryset = queryset.filter(Q(**{f"{time_field}__lt": moment}) | Q(**{time_field: moment, "pk__lt": cursor.pk}))
    rows = list(queryset.order_by(f"-{time_field}", "-pk")[: limit + 1])
    return rows[:limit], len(rows) > limit


def listing(rows, has_more, view):
    return {"data": [view(row) for row in rows], "has_more": has_more}
