"""
The card vault: it holds card numbers; payments holds its tokens. In test mode it is the Java TestCards — the tokens
``tok_visa_4242``, ``tok_mastercard_4444``, ``tok_card_declined`` and the payment methods ``pm_test_visa_4242`` and
``pm_test_card_declined``, which every user may use. Without test mode no vault is wired in yet: no token resolves.
"""
import datetime
from dataclasses import dataclass

from django.conf import settings

from .models import PaymentMethod


@dataclass(frozen=True)
class VaultedCard:
    """What the vault tells us about a card: never its number."""

    token: str
    brand: str
    last4: str
    exp_month: int
    exp_year: int


TEST_TOKENS = {
    "tok_visa_4242": VaultedCard("tok_visa_4242", "visa", "4242", 12, 2034),
    "tok_mastercard_4444": VaultedCard("tok_mastercard_4444", "mastercard", "4444", 12, 2034),
    "tok_card_declined": VaultedCard("tok_card_declined", "visa", "0002", 12, 2034),
}

_SHARED_SINCE = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
_SHARED = {"pm_test_visa_4242": "tok_visa_4242", "pm_test_card_declined": "tok_card_declined"}


def resolve(token):
    """The card behind a vault token, or None when the vault does not know it."""
    if not settings.PAYMENTS_TEST_MODE:
        return None
    return TEST_TOKENS.get(token)


def shared_method(payment_method_id):
    """A test payment method every user may pay with (test mode only), never stored; else None."""
    if not settings.PAYMENTS_TEST_MODE or payment_method_id not in _SHARED:
        return None
    card = TEST_TOKENS[_SHARED[payment_method_id]]
    return PaymentMethod(id=payment_method_id, user_id=None, type=PaymentMethod.CARD, brand=card.brand,
                         last4=card.last4, exp_month=card.exp_month, exp_year=card.exp_year, vault_token=card.token,
                         created_at=_SHARED_SINCE, deleted_at=None)
