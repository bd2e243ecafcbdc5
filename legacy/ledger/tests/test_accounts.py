"""POST/GET /api/v1/accounts and GET /api/v1/accounts/{id}: opening accounts and who may see them."""
import re

from core.tests.support import ApiTestCase, token

from ledger.models import Account

from .support import LedgerCalls

ACCOUNT_KEYS = ["id", "name", "currency", "type", "normal_balance", "allow_negative", "owner_id", "created_at"]
INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


class OpeningAccountsTest(LedgerCalls, ApiTestCase):
    def test_an_opened_account_is_shown_with_the_java_views_keys_in_order(self):
        status, document, response = self.api.post(
            "/api/v1/accounts", {"name": "Cash", "currency": "EUR", "type": "asset"}, token=self.ops)
        self.assertEqual(201, status)
        self.assertEqual("application/json", response["Content-Type"])
        self.assertEqual(ACCOUNT_KEYS, list(document))
        self.assertTrue(document["id"].startswith("acc_"))
        self.assertEqual(("Cash", "EUR", "asset", "debit", False, None),
                         (document["name"], document["currency"], document["type"], document["normal_balance"],
                          document["allow_negative"], document["owner_id"]))
        self.assertRegex(document["created_at"], INSTANT)
        self.assertTrue(response.content.startswith(b'{"id":"' + document["id"].encode() + b'","name":"Cash",'))

    def test_the_normal_balance_follows_the_type(self):
        expected = {"asset": "debit", "expense": "debit", "liability": "credit", "equity": "credit",
                    "revenue": "credit"}
        for account_type, side in expected.items():
            _, document, _ = self.api.post("/api/v1/accounts", {"name": account_type, "currency": "USD",
                                                                "type": account_type}, token=self.service)
            self.assertEqual(side, document["normal_balance"], account_type)

    def test_owner_and_allow_negative_are_kept_and_null_means_absent(self):
        _, document, _ = self.api.post("/api/v1/accounts", {"name": "Wallet", "currency": "CHF", "type": "liability",
                                                            "owner_id": self.owner_id, "allow_negative": True},
                                       token=self.ops)
        self.assertEqual((self.owner_id, True), (document["owner_id"], document["allow_negative"]))
        _, document, _ = self.api.post("/api/v1/accounts", {"name": "x", "currency": "USD", "type": "asset",
                                                            "allow_negative": None, "owner_id": None}, token=self.ops)
        self.assertEqual((None, False), (document["owner_id"], document["allow_negative"]))

    def test_every_constraint_violation_is_reported_sorted(self):
        document = self.assertProblem(self.api.post("/api/v1/accounts", {"name": "", "currency": "usd",
                                                                         "owner_id": ""}, token=self.ops),
                                      400, "validation_failed")
        self.assertEqual([
            {"field": "currency", "message": "must be one of CHF, EUR, GBP, JPY, KWD, USD"},
            {"field": "name", "message": "must not be blank"},
            {"field": "name", "message": "size must be between 1 and 200"},
            {"field": "owner_id", "message": "size must be between 1 and 255"},
            {"field": "type", "message": "must not be null"},
        ], document["errors"])
        document = self.assertProblem(self.api.post("/api/v1/accounts", {}, token=self.ops), 400, "validation_failed")
        self.assertEqual([("currency", "must not be null"), ("name", "must not be blank"), ("type", "must not be null")],
                         [(e["field"], e["message"]) for e in document["errors"]])
        document = self.assertProblem(self.api.post("/api/v1/accounts", {"name": "x" * 201, "currency": "US",
                                                                         "type": "asset"}, token=self.ops),
                                      400, "validation_failed")
        self.assertEqual([("currency", "must be one of CHF, EUR, GBP, JPY, KWD, USD"),
                          ("currency", "size must be between 3 and 3"), ("name", "size must be between 1 and 200")],
                         [(e["field"], e["message"]) for e in document["errors"]])

    def test_a_binding_error_is_reported_alone(self):
        for body, field, message in (
                ({"name": "", "currency": "usd", "type": "Asset"}, "type", "must be one of the documented values"),
                ({"name": "x", "currency": "USD", "type": "asset", "extra": 1}, "extra", "is not a known field"),
                ({"name": 5, "currency": "USD", "type": "asset"}, "name", "must be a string"),
                ({"name": "x", "currency": "USD", "type": "asset", "allow_negative": "yes"}, "allow_negative",
                 "must be true or false")):
            document = self.assertProblem(self.api.post("/api/v1/accounts", body, token=self.ops),
                                          400, "validation_failed")
            self.assertEqual([{"field": field, "message": message}], document["errors"])
        document = self.assertProblem(self.api.post("/api/v1/accounts", raw="{nope", token=self.ops),
                                      400, "validation_failed")
        self.assertEqual([{"field": "", "message": "the body is not well-formed JSON"}], document["errors"])

    def test_a_body_that_is_not_json_is_415(self):
        self.assertProblem(self.api.post("/api/v1/accounts", raw="name=x", token=self.ops,
                                         content_type="application/x-www-form-urlencoded"),
                           415, "unsupported_media_type")

    def test_only_ops_and_services_open_accounts(self):
        body = {"name": "x", "currency": "USD", "type": "asset"}
        self.assertProblem(self.api.post("/api/v1/accounts", body, token=self.owner), 403, "forbidden")
        anonymous = self.api.post("/api/v1/accounts", body)
        self.assertProblem(anonymous, 401, "unauthorized")
        self.assertEqual("Bearer", anonymous[2]["WWW-Authenticate"])
        self.assertProblem(self.api.post("/api/v1/accounts", body, token="not-a-jwt"), 401, "unauthorized")
        self.assertFalse(Account.objects.exists())

    def test_the_body_is_validated_before_the_scope_as_the_service_does(self):
        self.assertProblem(self.api.post("/api/v1/accounts", {}, token=self.owner), 400, "validation_failed")

    def test_an_idempotency_key_replays_the_account_and_refuses_another_body(self):
        body = {"name": "Clearing USD", "currency": "USD", "type": "asset", "allow_negative": True}
        headers = {"Idempotency-Key": "payments:clearing:USD"}
        status, first, response = self.api.post("/api/v1/accounts", body, token=self.service, headers=headers)
        self.assertEqual(201, status)
        self.assertNotIn("Idempotent-Replayed", response)
        status, again, response = self.api.post("/api/v1/accounts", body, token=self.service, headers=headers)
        self.assertEqual((201, first, "true"), (status, again, response["Idempotent-Replayed"]))
        self.assertEqual(1, Account.objects.count())
        self.assertProblem(self.api.post("/api/v1/accounts", dict(body, name="Other"), token=self.service,
                                         headers=headers), 422, "idempotency_key_reused")
        status, other, _ = self.api.post("/api/v1/accounts", body, token=self.ops, headers=headers)
        self.assertEqual(201, status)  # keys are scoped per caller
        self.assertNotEqual(first["id"], other["id"])

    def test_an_idempotency_key_out_of_bounds_is_refused(self):
        body = {"name": "x", "currency": "USD", "type": "asset"}
        self.assertProblem(self.api.post("/api/v1/accounts", body, token=self.ops,
                                         headers={"Idempotency-Key": "k" * 256}), 400, "validation_failed",
                           field="Idempotency-Key")

    def test_other_methods_are_405_for_a_caller_and_401_without_a_token(self):
        self.assertProblem(self.api.delete("/api/v1/accounts", token=self.ops), 405, "method_not_allowed")
        self.assertProblem(self.api.delete("/api/v1/accounts"), 401, "unauthorized")


class ReadingAccountsTest(LedgerCalls, ApiTestCase):
    def test_owners_ops_and_services_see_an_account_and_others_get_404(self):
        account = self.open(owner_id=self.owner_id)
        for caller in (self.owner, self.ops, self.service):
            status, document, _ = self.api.get(f"/api/v1/accounts/{account}", token=caller)
            self.assertEqual((200, account), (status, document["id"]))
            self.assertEqual(ACCOUNT_KEYS, list(document))
        document = self.assertProblem(self.api.get(f"/api/v1/accounts/{account}", token=self.stranger),
                                      404, "not_found")
        self.assertEqual("No such account.", document["detail"])
        self.assertProblem(self.api.get("/api/v1/accounts/acc_nope", token=self.ops), 404, "not_found")
        self.assertProblem(self.api.get(f"/api/v1/accounts/{account}"), 401, "unauthorized")
        self.assertProblem(self.api.get(f"/api/v1/accounts/{account}", token=token("x", "")), 403, "forbidden")

    def test_an_account_without_owner_is_hidden_from_users(self):
        account = self.open()
        self.assertProblem(self.api.get(f"/api/v1/accounts/{account}", token=self.owner), 404, "not_found")


class ListingAccountsTest(LedgerCalls, ApiTestCase):
    def test_ops_list_every_account_newest_first_page_by_page(self):
        opened = [self.open(name=f"a{n}", owner_id=self.owner_id if n % 2 else None) for n in range(5)]
        status, first, _ = self.api.get("/api/v1/accounts?limit=2", token=self.ops)
        self.assertEqual(200, status)
        self.assertEqual(["data", "has_more"], list(first))
        self.assertEqual(([opened[4], opened[3]], True), ([a["id"] for a in first["data"]], first["has_more"]))
        _, second, _ = self.api.get(f"/api/v1/accounts?limit=2&starting_after={opened[3]}", token=self.ops)
        self.assertEqual(([opened[2], opened[1]], True), ([a["id"] for a in second["data"]], second["has_more"]))
        _, last, _ = self.api.get(f"/api/v1/accounts?limit=2&starting_after={opened[1]}", token=self.ops)
        self.assertEqual(([opened[0]], False), ([a["id"] for a in last["data"]], last["has_more"]))

    def test_an_owner_filter_narrows_the_list_and_users_only_ever_list_their_own(self):
        mine = [self.open(owner_id=self.owner_id) for _ in range(2)]
        theirs = self.open(owner_id="usr_someoneelse")
        self.open()
        _, listed, _ = self.api.get(f"/api/v1/accounts?owner_id={self.owner_id}", token=self.service)
        self.assertEqual(mine[::-1], [a["id"] for a in listed["data"]])
        _, listed, _ = self.api.get("/api/v1/accounts", token=self.owner)
        self.assertEqual(mine[::-1], [a["id"] for a in listed["data"]])
        _, listed, _ = self.api.get("/api/v1/accounts?owner_id=usr_someoneelse", token=self.owner)
        self.assertEqual({"data": [], "has_more": False}, listed)
        self.assertProblem(self.api.get(f"/api/v1/accounts?starting_after={theirs}", token=self.owner),
                           400, "validation_failed", field="starting_after")

    def test_paging_parameters_are_validated(self):
        for query, message in (("limit=0", "must be greater than or equal to 1"),
                               ("limit=101", "must be less than or equal to 100"),
                               ("limit=x", "must be an integer")):
            document = self.assertProblem(self.api.get(f"/api/v1/accounts?{query}", token=self.ops),
                                          400, "validation_failed")
            self.assertEqual([{"field": "limit", "message": message}], document["errors"])
        document = self.assertProblem(self.api.get("/api/v1/accounts?starting_after=acc_nope", token=self.ops),
                                      400, "validation_failed")
        self.assertEqual([{"field": "starting_after", "message": "is not an account of this list"}],
                         document["errors"])
        _, listed, _ = self.api.get("/api/v1/accounts?starting_after=", token=self.ops)
        self.assertEqual({"data": [], "has_more": False}, listed)
