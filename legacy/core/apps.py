from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every domain of the monolith does the same way: problems, strict JSON, tokens, idempotency, paging."""

    name = "core"
