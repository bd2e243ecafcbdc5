"""What the payments tests share: users of each KYC status, tokens, and short ways to pay, refund and settle."""
from core import crypto, ids, times
from core.tests.support import token
from identity.models import User

from payments import worker

OPS = "ops-console"
VISA = "pm_test_visa_4242"
DECLINED = "pm_test_card_declined"


def make_user(kyc_status="verified"):
    """A user row written directly (identity is another domain): only the fields payments relies on, plus what the
    identity table requires of every row."""
    user_id = ids.new_id("usr_")
    now = times.now()
    fields = dict(id=user_id, email=f"{user_id}@example.test", country="CH", kyc_status=kyc_status,
                  created_at=now, updated_at=now)
    columns = {field.name for field in User._meta.get_fields()}
    for name, plain in (("full_name", "Test Payer"), ("date_of_birth", "1990-01-01")):
        if name in columns:
            fields[name] = crypto.encrypt(plain, f"user:{user_id}:{name}")
    User.objects.create(**fields)
    return user_id


class PaymentsCalls:
    """Mixed into ApiTestCase / ConcurrentApiTestCase (which give ``self.api``)."""

    def setUp(self):
        super().setUp()
        self.user_id = make_user()
        self.user = token(self.user_id, "user")
        self.other_id = make_user()
        self.other = token(self.other_id, "user")
        self.ops = token(OPS, "ops")
        self.service = token("payments-service", "service")

    def charge(self, amount=1000, currency="USD", payment_method_id=VISA, as_=None, headers=None, api=None, **extra):
        """(status, document, response) of POST /api/v1/transactions."""
        body = {"amount": amount, "currency": currency, "payment_method_id": payment_method_id, **extra}
        return (api or self.api).post("/api/v1/transactions", body, token=as_ or self.user, headers=headers)

    def charged(self, amount=1000, **extra):
        """A transaction, created and asserted 201."""
        status, document, _ = self.charge(amount, **extra)
        self.assertEqual(201, status, document)
        return document

    def succeeded(self, amount=1000, **extra):
        """A transaction that the processor has settled as succeeded."""
        created = self.charged(amount, **extra)
        worker.process_due()
        return self.transaction(created["id"], as_=extra.get("as_"))

    def transaction(self, transaction_id, as_=None):
        status, document, _ = self.api.get(f"/api/v1/transactions/{transaction_id}", token=as_ or self.user)
        self.assertEqual(200, status, document)
        return document

    def refund(self, transaction_id, amount=None, as_=None, headers=None, api=None, **extra):
        body = {"transaction_id": transaction_id, **extra}
        if amount is not None:
            body["amount"] = amount
        return (api or self.api).post("/api/v1/refunds", body, token=as_ or self.user, headers=headers)

    def add_card(self, card_token="tok_visa_4242", as_=None, headers=None):
        return self.api.post("/api/v1/payment-methods", {"type": "card", "token": card_token},
                             token=as_ or self.user, headers=headers)

    def added_card(self, card_token="tok_visa_4242", as_=None):
        status, document, _ = self.add_card(card_token, as_=as_)
        self.assertEqual(201, status, document)
        return document
