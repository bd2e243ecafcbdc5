"""POST /api/v1/entries, GET /api/v1/entries/{id}, GET /api/v1/accounts/{id}/entries and reversals."""
from core.tests.support import ApiTestCase, token

from ledger.models import Account, EntryLine, JournalEntry

from .support import LedgerCalls

ENTRY_KEYS = ["id", "reference", "currency", "lines", "description", "metadata", "posted_at", "reversal_of"]


class LedgerSetUp(LedgerCalls):
    def setUp(self):
        super().setUp()
        self.cash = self.open("Cash", type="asset", allow_negative=True)
        self.wallet = self.open("Wallet", type="liability", owner_id=self.owner_id)  # guarded, credit-normal
        self.euros = self.open("Euro cash", currency="EUR", type="asset", allow_negative=True)

    def totals(self, account_id):
        account = Account.objects.get(pk=account_id)
        return account.debits, account.credits


class PostingEntriesTest(LedgerSetUp, ApiTestCase):
    def test_a_balanced_entry_is_posted_and_shown_as_the_service_shows_it(self):
        status, document, response = self.post("top-up-1", (self.cash, "debit", 500), (self.wallet, "credit", 500),
                                               description="Top-up", metadata={"b": "2", "a": "1", "Z": "x"})
        self.assertEqual(201, status, document)
        self.assertNotIn("Idempotent-Replayed", response)
        self.assertEqual(ENTRY_KEYS, list(document))
        self.assertTrue(document["id"].startswith("je_"))
        self.assertEqual(("top-up-1", "USD", "Top-up", None),
                         (document["reference"], document["currency"], document["description"],
                          document["reversal_of"]))
        self.assertEqual([{"account_id": self.cash, "direction": "debit", "amount": 500},
                          {"account_id": self.wallet, "direction": "credit", "amount": 500}], document["lines"])
        self.assertEqual(["Z", "a", "b"], list(document["metadata"]))  # Java string order, as the service reads back
        self.assertEqual((500, 0), self.totals(self.cash))
        self.assertEqual((0, 500), self.totals(self.wallet))
        self.assertIn(b'"description":"Top-up","metadata":{"Z":"x","a":"1","b":"2"},"posted_at":"',
                      response.content)

    def test_an_entry_without_description_or_metadata_shows_null_and_an_empty_object(self):
        _, document, response = self.post("plain", (self.cash, "debit", 1), (self.wallet, "credit", 1))
        self.assertEqual((None, {}), (document["description"], document["metadata"]))
        self.assertIn(b'"description":null,"metadata":{},', response.content)

    def test_the_same_reference_and_content_replays_the_original_entry(self):
        lines = ((self.cash, "debit", 300), (self.wallet, "credit", 300))
        _, first, _ = self.post("ref-1", *lines, metadata={"order": "42"})
        status, again, response = self.post("ref-1", *lines, metadata={"order": "42"}, token=self.ops)
        self.assertEqual((201, first, "true"), (status, again, response["Idempotent-Replayed"]))
        self.assertEqual(1, JournalEntry.objects.count())
        self.assertEqual((300, 0), self.totals(self.cash))

    def test_the_same_reference_with_other_content_is_422_and_posts_nothing(self):
        self.post("ref-2", (self.cash, "debit", 300), (self.wallet, "credit", 300))
        for lines, extra in ((((self.cash, "debit", 301), (self.wallet, "credit", 301)), {}),
                             (((self.cash, "debit", 300), (self.wallet, "credit", 300)), {"description": "other"}),
                             (((self.cash, "debit", 300), (self.wallet, "credit", 300)), {"metadata": {"a": "b"}}),
                             (((self.wallet, "credit", 300), (self.cash, "debit", 300)), {}),
                             (((self.cash, "debit", 1), ("acc_unknown", "credit", 1)), {})):
            document = self.assertProblem(self.post("ref-2", *lines, **extra), 422, "idempotency_key_reused")
            self.assertEqual("An entry with this reference was already posted with different content.",
                             document["detail"])
        self.assertEqual(1, JournalEntry.objects.count())
        self.assertEqual((300, 0), self.totals(self.cash))

    def test_an_unbalanced_entry_is_422_with_both_totals(self):
        status, document, response = self.post("u", (self.cash, "debit", 101), (self.wallet, "credit", 100))
        self.assertProblem((status, document, response), 422, "unbalanced_entry")
        self.assertEqual({"detail": "The debits (101) and credits (100) of the entry differ.",
                          "instance": "/api/v1/entries", "status": 422, "title": "Unbalanced entry",
                          "type": "https://cutover.dev/problems/unbalanced-entry", "code": "unbalanced_entry",
                          "debits": 101, "credits": 100}, document)
        self.assertEqual(["detail", "instance", "status", "title", "type", "code", "debits", "credits"], list(document))
        self.assertFalse(JournalEntry.objects.exists())

    def test_accounts_of_two_currencies_are_422_currency_mismatch(self):
        document = self.assertProblem(self.post("c", (self.cash, "debit", 100), (self.euros, "credit", 100)),
                                      422, "currency_mismatch")
        self.assertEqual("All accounts of an entry must share one currency; these lines span USD, EUR.",
                         document["detail"])
        self.assertEqual((0, 0), self.totals(self.euros))

    def test_a_guarded_account_may_not_go_below_zero(self):
        self.transfer("fund", self.cash, self.wallet, 1000)
        document = self.assertProblem(self.post("spend", (self.wallet, "debit", 1001), (self.cash, "credit", 1001)),
                                      422, "insufficient_funds")
        self.assertEqual(f"The entry would take account {self.wallet} below zero, which it does not allow.",
                         document["detail"])
        self.assertEqual(self.wallet, document["account_id"])
        self.assertEqual((0, 1000), self.totals(self.wallet))
        self.transfer("spend-all", self.wallet, self.cash, 1000)
        self.assertEqual(0, self.balance(self.wallet)["balance"])

    def test_the_net_effect_on_an_account_decides_not_each_line(self):
        # debit 50 then credit 50 on an empty guarded account nets to zero: accepted, as on the service
        status, document, _ = self.post("net", (self.wallet, "debit", 50), (self.wallet, "credit", 50))
        self.assertEqual(201, status, document)
        self.assertEqual((50, 50), self.totals(self.wallet))

    def test_allow_negative_accounts_may_go_below_zero(self):
        fees = self.open("Fees", currency="EUR", type="expense")
        status, document, _ = self.post("neg", (fees, "debit", 7), (self.euros, "credit", 7))
        self.assertEqual(201, status, document)
        self.assertEqual(-7, self.balance(self.euros)["balance"])

    def test_an_unknown_account_is_404_naming_the_line(self):
        document = self.assertProblem(self.post("n", (self.cash, "debit", 100), ("acc_nope", "credit", 100)),
                                      404, "not_found")
        self.assertEqual("No such account: acc_nope.", document["detail"])
        self.assertEqual([{"field": "lines[1].account_id", "message": "no such account"}], document["errors"])
        self.assertFalse(EntryLine.objects.exists())

    def test_only_ops_and_services_post_and_the_body_is_checked_first(self):
        self.assertProblem(self.post("p", (self.cash, "debit", 1), (self.wallet, "credit", 1), token=self.owner),
                           403, "forbidden")
        self.assertProblem(self.api.post("/api/v1/entries", {}, token=self.owner), 400, "validation_failed")
        self.assertProblem(self.api.post("/api/v1/entries", {}), 401, "unauthorized")
        self.assertFalse(JournalEntry.objects.exists())


class EntryValidationTest(LedgerSetUp, ApiTestCase):
    def errors(self, body):
        document = self.assertProblem(self.api.post("/api/v1/entries", body, token=self.ops), 400, "validation_failed")
        return [(error["field"], error["message"]) for error in document["errors"]]

    def test_nulls_are_absent_values_and_every_constraint_is_reported(self):
        self.assertEqual([("lines", "must not be null"), ("reference", "must not be blank")],
                         self.errors({"reference": None, "lines": None, "metadata": None, "description": None}))
        self.assertEqual([("lines[0]", "must not be null"), ("lines[1].account_id", "must not be blank"),
                          ("lines[1].amount", "must not be null"), ("lines[1].direction", "must not be null")],
                         self.errors({"reference": "r", "lines": [None, {"account_id": "", "direction": None,
                                                                           "amount": None}]}))

    def test_sizes_ranges_and_the_reserved_prefix(self):
        self.assertEqual([("description", "size must be between 0 and 500"),
                          ("lines[0].amount", "must be greater than or equal to 1"),
                          ("lines[1].amount", "must be less than or equal to 99999999999")],
                         self.errors({"reference": "x", "description": "a" * 501,
                                      "lines": [{"account_id": "a", "direction": "debit", "amount": 0},
                                                {"account_id": "a", "direction": "debit", "amount": 10 ** 11}]}))
        self.assertEqual([("lines", "size must be between 2 and 100"),
                          ("reference", "must not start with the reserved prefix reversal:")],
                         self.errors({"reference": "reversal:x", "lines": []}))
        self.assertEqual([("lines", "size must be between 2 and 100"),
                          ("reference", "must not start with the reserved prefix reversal:")],
                         self.errors({"reference": "x\ny", "lines": []}))
        line = {"account_id": self.cash, "direction": "debit", "amount": 1}
        self.assertEqual([("lines", "size must be between 2 and 100")],
                         self.errors({"reference": "x", "lines": [line] * 101}))
        self.assertEqual([("reference", "must not be blank"), ("reference", "size must be between 1 and 255")],
                         self.errors({"reference": "", "lines": [line, line]}))
        self.assertEqual([("reference", "size must be between 1 and 255")],
                         self.errors({"reference": "r" * 256, "lines": [line, line]}))

    def test_metadata_rules(self):
        message = ("must have at most 20 keys of 1 to 40 characters, each with a string value of at most 500 "
                   "characters")
        for metadata in ({"a": None}, {"": "x"}, {"k" * 41: "x"}, {"a": "v" * 501},
                         {f"k{n}": "v" for n in range(21)}):
            self.assertEqual([("lines", "size must be between 2 and 100"), ("metadata", message)],
                             self.errors({"reference": "x", "lines": [], "metadata": metadata}))
        self.assertEqual([("metadata.a", "must be a string")],
                         self.errors({"reference": "x", "lines": [], "metadata": {"a": 1}}))

    def test_binding_errors_come_alone(self):
        for line, field, message in (({"account_id": "a", "direction": "debit", "amount": "5"}, "lines[0].amount",
                                      "must be an integer"),
                                     ({"account_id": "a", "direction": "debit", "amount": 5.0}, "lines[0].amount",
                                      "must be an integer"),
                                     ({"account_id": "a", "direction": "DEBIT", "amount": 5}, "lines[0].direction",
                                      "must be one of the documented values"),
                                     ({"account_id": 5, "direction": "debit", "amount": 5}, "lines[0].account_id",
                                      "must be a string"),
                                     ({"account_id": "a", "direction": "debit", "amount": 5, "memo": "m"},
                                      "lines[0].memo", "is not a known field"),
                                     (1, "lines[0]", "must be an object")):
            self.assertEqual([(field, message)], self.errors({"reference": "x", "lines": [line]}))
        self.assertEqual([("extra", "is not a known field")], self.errors({"reference": " ", "lines": [], "extra": 1}))
        self.assertEqual([("lines", "must be an array")], self.errors({"reference": "x", "lines": {}}))


class ReadingEntriesTest(LedgerSetUp, ApiTestCase):
    def test_an_entry_is_visible_to_ops_services_and_the_owner_of_one_of_its_accounts(self):
        entry = self.transfer("r", self.cash, self.wallet, 10)
        for caller in (self.ops, self.service, self.owner):
            status, document, _ = self.api.get(f"/api/v1/entries/{entry['id']}", token=caller)
            self.assertEqual((200, entry), (status, document))
        self.assertProblem(self.api.get(f"/api/v1/entries/{entry['id']}", token=self.stranger), 404, "not_found")
        document = self.assertProblem(self.api.get("/api/v1/entries/je_nope", token=self.ops), 404, "not_found")
        self.assertEqual("No such entry.", document["detail"])
        self.assertProblem(self.api.get(f"/api/v1/entries/{entry['id']}"), 401, "unauthorized")
        self.assertProblem(self.api.get(f"/api/v1/entries/{entry['id']}", token=token("x", "")), 403, "forbidden")

    def test_an_accounts_entries_are_listed_newest_first_page_by_page(self):
        posted = [self.transfer(f"p{n}", self.cash, self.wallet, n + 1)["id"] for n in range(5)]
        self.transfer("elsewhere", self.euros, self.open("E2", currency="EUR", type="revenue"), 3)
        path = f"/api/v1/accounts/{self.wallet}/entries"
        _, first, _ = self.api.get(f"{path}?limit=3", token=self.owner)
        self.assertEqual(["data", "has_more"], list(first))
        self.assertEqual((posted[:1:-1], True), ([e["id"] for e in first["data"]], first["has_more"]))
        _, rest, _ = self.api.get(f"{path}?limit=3&starting_after={posted[2]}", token=self.owner)
        self.assertEqual(([posted[1], posted[0]], False), ([e["id"] for e in rest["data"]], rest["has_more"]))
        _, everything, _ = self.api.get(path, token=self.ops)
        self.assertEqual(posted[::-1], [e["id"] for e in everything["data"]])
        _, single, _ = self.api.get(f"/api/v1/entries/{posted[0]}", token=self.ops)
        self.assertEqual(single, everything["data"][-1])

    def test_listing_refusals(self):
        other = self.transfer("other", self.euros, self.open("E2", currency="EUR", type="revenue"), 3)
        path = f"/api/v1/accounts/{self.wallet}/entries"
        self.assertProblem(self.api.get(path, token=self.stranger), 404, "not_found")
        self.assertProblem(self.api.get("/api/v1/accounts/acc_nope/entries?starting_after=je_x", token=self.ops),
                           404, "not_found")
        document = self.assertProblem(self.api.get(f"{path}?starting_after={other['id']}", token=self.ops),
                                      400, "validation_failed")
        self.assertEqual([{"field": "starting_after", "message": "is not an entry of this list"}], document["errors"])
        self.assertProblem(self.api.get(f"{path}?limit=101", token=self.ops), 400, "validation_failed", field="limit")
        self.assertProblem(self.api.get(f"{path}?limit=0", token=self.stranger), 400, "validation_failed")
        self.assertProblem(self.api.get(path), 401, "unauthorized")


class ReversingEntriesTest(LedgerSetUp, ApiTestCase):
    def test_a_reversal_posts_the_mirror_entry_once(self):
        entry = self.transfer("sale", self.cash, self.wallet, 250, metadata={"k": "v"}, description="Sale")
        status, mirror, _ = self.api.post(f"/api/v1/entries/{entry['id']}/reversal", token=self.ops)
        self.assertEqual(201, status, mirror)
        self.assertEqual(ENTRY_KEYS, list(mirror))
        self.assertEqual((f"reversal:{entry['id']}", f"Reversal of {entry['id']}", {}, entry["id"], "USD"),
                         (mirror["reference"], mirror["description"], mirror["metadata"], mirror["reversal_of"],
                          mirror["currency"]))
        self.assertEqual([{"account_id": self.cash, "direction": "credit", "amount": 250},
                          {"account_id": self.wallet, "direction": "debit", "amount": 250}], mirror["lines"])
        self.assertEqual((0, 0), (self.balance(self.cash)["balance"], self.balance(self.wallet)["balance"]))
        document = self.assertProblem(self.api.post(f"/api/v1/entries/{entry['id']}/reversal", token=self.service),
                                      409, "already_reversed")
        self.assertEqual(f"Entry {entry['id']} was already reversed by {mirror['id']}.", document["detail"])
        document = self.assertProblem(self.api.post(f"/api/v1/entries/{mirror['id']}/reversal", token=self.ops),
                                      409, "already_reversed")
        self.assertEqual(f"Entry {mirror['id']} is itself a reversal.", document["detail"])
        self.assertEqual(2, JournalEntry.objects.count())

    def test_a_reversal_that_would_overdraw_a_guarded_account_is_refused(self):
        funding = self.transfer("fund", self.cash, self.wallet, 100)
        self.transfer("spend", self.wallet, self.cash, 60)
        document = self.assertProblem(self.api.post(f"/api/v1/entries/{funding['id']}/reversal", token=self.ops),
                                      422, "insufficient_funds")
        self.assertEqual(self.wallet, document["account_id"])
        self.assertEqual(2, JournalEntry.objects.count())

    def test_reversal_refusals(self):
        entry = self.transfer("x", self.cash, self.wallet, 5)
        document = self.assertProblem(self.api.post("/api/v1/entries/je_nope/reversal", token=self.ops),
                                      404, "not_found")
        self.assertEqual("No such entry.", document["detail"])
        self.assertProblem(self.api.post(f"/api/v1/entries/{entry['id']}/reversal", token=self.owner),
                           403, "forbidden")
        self.assertProblem(self.api.post(f"/api/v1/entries/{entry['id']}/reversal"), 401, "unauthorized")
        self.assertProblem(self.api.get(f"/api/v1/entries/{entry['id']}/reversal", token=self.ops),
                           405, "method_not_allowed")


class PostingBatchesTest(LedgerSetUp, ApiTestCase):
    def batch(self, entries, token=None):
        return self.api.post("/internal/v1/entries/batch", {"entries": entries}, token=token or self.service)

    def test_each_entry_of_a_batch_is_posted_or_refused_on_its_own_in_order(self):
        good = self.entry_body("b1", (self.cash, "debit", 3), (self.wallet, "credit", 3))
        status, document, _ = self.batch([
            good, good,
            self.entry_body("b2", (self.cash, "debit", 3), (self.wallet, "credit", 4)),
            self.entry_body("b3", (self.cash, "debit", 3), ("acc_nope", "credit", 3)),
            self.entry_body("b1", (self.cash, "debit", 9), (self.wallet, "credit", 9)),
        ])
        self.assertEqual(200, status, document)
        self.assertEqual(["data"], list(document))
        first, again, unbalanced, unknown, reused = document["data"]
        self.assertEqual(["status", "replayed", "entry", "problem"], list(first))
        self.assertEqual((201, False, None), (first["status"], first["replayed"], first["problem"]))
        self.assertEqual(ENTRY_KEYS, list(first["entry"]))
        self.assertEqual((201, True, first["entry"]), (again["status"], again["replayed"], again["entry"]))
        self.assertEqual({"status": 422, "replayed": False, "entry": None, "problem": {
            "type": "https://cutover.dev/problems/unbalanced-entry", "title": "Unbalanced entry", "status": 422,
            "detail": "The debits (3) and credits (4) of the entry differ.", "code": "unbalanced_entry",
            "debits": 3, "credits": 4}}, unbalanced)
        self.assertEqual(["type", "title", "status", "detail", "code", "errors"], list(unknown["problem"]))
        self.assertEqual((404, [{"field": "lines[1].account_id", "message": "no such account"}]),
                         (unknown["status"], unknown["problem"]["errors"]))
        self.assertEqual((422, "idempotency_key_reused"), (reused["status"], reused["problem"]["code"]))
        self.assertEqual(1, JournalEntry.objects.count())

    def test_a_malformed_entry_refuses_the_whole_batch_naming_it(self):
        document = self.assertProblem(self.batch([None, {"reference": "", "lines": []}]), 400, "validation_failed")
        self.assertEqual([("entries[0]", "must not be null"), ("entries[1].lines", "size must be between 2 and 100"),
                          ("entries[1].reference", "must not be blank"),
                          ("entries[1].reference", "size must be between 1 and 255")],
                         [(e["field"], e["message"]) for e in document["errors"]])
        line = {"account_id": self.cash, "direction": "debit", "amount": 0}
        document = self.assertProblem(self.batch([{"reference": "r", "lines": [line, line]}]), 400,
                                      "validation_failed")
        self.assertEqual(["entries[0].lines[0].amount", "entries[0].lines[1].amount"],
                         [e["field"] for e in document["errors"]])
        for body, message in (({"entries": []}, "size must be between 1 and 500"), ({}, "must not be null")):
            document = self.assertProblem(self.api.post("/internal/v1/entries/batch", body, token=self.service),
                                          400, "validation_failed")
            self.assertEqual([{"field": "entries", "message": message}], document["errors"])
        self.assertFalse(JournalEntry.objects.exists())

    def test_only_services_post_batches(self):
        good = self.entry_body("b1", (self.cash, "debit", 3), (self.wallet, "credit", 3))
        self.assertProblem(self.batch([good], token=self.ops), 403, "forbidden")
        self.assertProblem(self.batch([], token=self.ops), 400, "validation_failed")
        self.assertProblem(self.api.post("/internal/v1/entries/batch", {"entries": [good]}), 401, "unauthorized")
        self.assertFalse(JournalEntry.objects.exists())
