"""A user's payment methods: registering cards by vault token, listing, deleting, and resolving one to pay with."""
from django.db import transaction

from core import ids, times
from core.problems import Problem

from . import vault
from .listing import page_after
from .models import PaymentMethod


def register(user_id, token):
    card = vault.resolve(token)
    if card is None:
        raise Problem.invalid_field("token", "is not a card token the vault knows")
    return PaymentMethod.objects.create(
        id=ids.new_id("pm_"), user_id=user_id, type=PaymentMethod.CARD, brand=card.brand, last4=card.last4,
        exp_month=card.exp_month, exp_year=card.exp_year, vault_token=card.token, created_at=times.now())


def _own(user_id):
    return PaymentMethod.objects.filter(user_id=user_id, deleted_at__isnull=True)


def listed(user_id, limit, starting_after):
    cursor = None
    if starting_after is not None:
        cursor = _own(user_id).filter(pk=starting_after).first()
        if cursor is None:
            raise Problem.invalid_field("starting_after", "is not a payment method of this list")
    return page_after(_own(user_id), cursor, limit)


def delete(user_id, payment_method_id):
    """Soft: the row stays for the transactions that used it. Another user's, or one already deleted, is a 404."""
    with transaction.atomic():
        method = _own(user_id).select_for_update().filter(pk=payment_method_id).first()
        if method is None:
            raise Problem.not_found("No such payment method.")
        method.delete_at(times.now())
        method.save(update_fields=["deleted_at"])


def vault_token_of(payment_method_id):
    """The vault token behind the payment method a transaction was opened with, deleted or not."""
    method = vault.shared_method(payment_method_id) or PaymentMethod.objects.filter(pk=payment_method_id).first()
    if method is None:
        raise LookupError(f"payment method {payment_method_id} vanished")
    return method.vault_token


def usable_by(user_id, payment_method_id):
    """
    The method ``user_id`` wants to pay with: 404 when it is not theirs (or does not exist), 422
    ``payment_method_unusable`` when it was deleted or has expired.
    """
    method = vault.shared_method(payment_method_id) or PaymentMethod.objects.filter(pk=payment_method_id).first()
    if method is None or not method.is_visible_to(user_id):
        raise Problem("not_found", "No such payment method.", errors=[("payment_method_id", "no such payment method")])
    if method.is_deleted:
        raise Problem("payment_method_unusable", "This payment method was deleted.")
    if method.has_expired(times.now().date()):
        raise Problem("payment_method_unusable", "This payment method has expired.")
    return method
