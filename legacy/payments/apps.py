from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    """Payment methods, transactions, refunds; processed after the 201 by the card processor."""

    name = "payments"
