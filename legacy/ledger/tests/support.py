"""What the ledger's tests share: tokens of each kind of caller and short ways to open accounts and post."""
from core import ids
from core.tests.support import token

OPS = "ops-console"
SERVICE = "payments-service"


class LedgerCalls:
    """Mixed into ApiTestCase / ConcurrentApiTestCase (which give ``self.api``)."""

    def setUp(self):
        super().setUp()
        self.ops = token(OPS, "ops")
        self.service = token(SERVICE, "service")
        self.owner_id = ids.new_id("usr_")
        self.owner = token(self.owner_id, "user")
        self.stranger = token(ids.new_id("usr_"), "user")

    def open(self, name="Cash", currency="USD", type="asset", allow_negative=None, owner_id=None, api=None,
             headers=None):
        body = {"name": name, "currency": currency, "type": type}
        if allow_negative is not None:
            body["allow_negative"] = allow_negative
        if owner_id is not None:
            body["owner_id"] = owner_id
        status, document, _ = (api or self.api).post("/api/v1/accounts", body, token=self.ops, headers=headers)
        self.assertEqual(201, status, document)
        return document["id"]

    def entry_body(self, reference, *lines, description=None, metadata=None):
        body = {"reference": reference,
                "lines": [{"account_id": account, "direction": direction, "amount": amount}
                          for account, direction, amount in lines]}
        if description is not None:
            body["description"] = description
        if metadata is not None:
            body["metadata"] = metadata
        return body

    def post(self, reference, *lines, api=None, token=None, **extra):
        """(status, document, response) of POST /api/v1/entries."""
        return (api or self.api).post("/api/v1/entries", self.entry_body(reference, *lines, **extra),
                                      token=token or self.service)

    def transfer(self, reference, debit, credit, amount, **extra):
        """Posts debit ← amount → credit and asserts it was posted."""
        status, document, _ = self.post(reference, (debit, "debit", amount), (credit, "credit", amount), **extra)
        self.assertEqual(201, status, document)
        return document

    def balance(self, account_id, as_of=None, token=None):
        path = f"/api/v1/balances/{account_id}" + (f"?as_of={as_of}" if as_of else "")
        status, document, _ = self.api.get(path, token=token or self.ops)
        self.assertEqual(200, status, document)
        return document

    def integrity(self):
        status, document, _ = self.api.get("/api/v1/ledger/integrity", token=self.ops)
        self.assertEqual(200, status, document)
        return document
