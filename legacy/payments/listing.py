"""Keyset pages newest first by (created_at, id), after a cursor row the caller has already been shown."""
from django.db.models import Q


def page_after(queryset, cursor, limit):
    """(rows, has_more): up to ``limit`` rows of ``queryset`` older than ``cursor`` (None: from the newest)."""
    if cursor is not None:
        queryset = queryset.filter(Q(created_at__lt=cursor.created_at) | Q(created_at=cursor.created_at,
                                                                           pk__lt=cursor.pk))
    rows = list(queryset.order_by("-created_at", "-pk")[: limit + 1])
    return rows[:limit], len(rows) > limit
