"""
The card-processor port and the deterministic processor of test mode: a card vaulted as ``tok_card_declined`` is
always declined with ``card_declined``, every other card always charged, refunds always succeed. The same inputs
always give the same outcome, so asking twice (a retried item) is harmless.
"""
from dataclasses import dataclass

from django.conf import settings

CARD_DECLINED = "card_declined"
DECLINING_TOKENS = frozenset(("tok_card_declined",))


@dataclass(frozen=True)
class Outcome:
    succeeded: bool
    failure_code: str = None


class NoProcessor(Exception):
    """Test mode is off and no real card processor is wired in: nothing can be charged."""


class DeterministicTestProcessor:
    def charge(self, idempotency_key, vault_token, amount, currency):
        return Outcome(False, CARD_DECLINED) if vault_token in DECLINING_TOKENS else Outcome(True)

    def refund(self, idempotency_key, charge_key, amount, currency):
        return Outcome(True)


_TEST_PROCESSOR = DeterministicTestProcessor()


def current():
    if settings.PAYMENTS_TEST_MODE:
        return _TEST_PROCESSOR
    raise NoProcessor("PAYMENTS_TEST_MODE is off and no card processor is configured")
