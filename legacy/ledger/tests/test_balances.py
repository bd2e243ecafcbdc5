"""GET /api/v1/balances/{account_id}?as_of= and GET /api/v1/ledger/integrity."""
import datetime
import time

from django.db import connection

from core import times
from core.tests.support import ApiTestCase, token

from ledger.instants import parse_offset_date_time

from .support import LedgerCalls

BALANCE_KEYS = ["account_id", "currency", "balance", "debits", "credits", "as_of"]


class BalancesTest(LedgerCalls, ApiTestCase):
    def setUp(self):
        super().setUp()
        self.cash = self.open("Cash", type="asset", allow_negative=True)
        self.wallet = self.open("Wallet", type="liability", owner_id=self.owner_id)

    def test_a_balance_is_signed_by_the_accounts_normal_side(self):
        self.transfer("in", self.cash, self.wallet, 700)
        self.transfer("out", self.wallet, self.cash, 200)
        before = times.now()
        wallet = self.balance(self.wallet, token=self.owner)
        self.assertEqual(BALANCE_KEYS, list(wallet))
        self.assertEqual((self.wallet, "USD", 500, 200, 700), (wallet["account_id"], wallet["currency"],
                                                               wallet["balance"], wallet["debits"], wallet["credits"]))
        self.assertGreaterEqual(times.parse_instant(wallet["as_of"]), before)
        cash = self.balance(self.cash)
        self.assertEqual((500, 700, 200), (cash["balance"], cash["debits"], cash["credits"]))

    def test_as_of_folds_the_lines_posted_at_or_before_that_instant(self):
        first = self.transfer("one", self.cash, self.wallet, 100)
        time.sleep(0.003)
        self.transfer("two", self.cash, self.wallet, 40)
        then = self.balance(self.wallet, as_of=first["posted_at"])
        self.assertEqual((100, 0, 100, first["posted_at"]),
                         (then["balance"], then["debits"], then["credits"], then["as_of"]))
        just_before = times.iso(times.parse_instant(first["posted_at"]) - datetime.timedelta(milliseconds=1))
        self.assertEqual(0, self.balance(self.wallet, as_of=just_before)["balance"])
        self.assertEqual(140, self.balance(self.wallet, as_of="2999-01-01T00:00:00Z")["balance"])
        early = self.balance(self.cash, as_of="2000-01-01T00:00:00.000Z")
        self.assertEqual((0, 0, 0, "2000-01-01T00:00:00.000Z"),
                         (early["balance"], early["debits"], early["credits"], early["as_of"]))

    def test_as_of_takes_offsets_and_finer_fractions_and_shows_milliseconds(self):
        self.assertEqual("2029-12-31T23:00:00.123Z",
                         self.balance(self.cash, as_of="2030-01-01T00:00:00.123456%2B01:00")["as_of"])
        self.assertEqual("2030-01-01T00:00:00.000Z", self.balance(self.cash, as_of="2030-01-01T00:00Z")["as_of"])

    def test_an_as_of_that_is_not_a_timestamp_is_400_before_the_account_is_looked_up(self):
        for raw in ("bad", "2030-01-01", "2030-01-01T00:00:00", "2030-02-30T00:00:00Z", "2030-01-01T00:00:00+01"):
            document = self.assertProblem(self.api.get(f"/api/v1/balances/acc_nope?as_of={raw}", token=self.ops),
                                          400, "validation_failed")
            self.assertEqual([{"field": "as_of",
                               "message": "must be an RFC 3339 timestamp, e.g. 2026-11-25T08:30:00.000Z"}],
                             document["errors"], raw)

    def test_balance_refusals(self):
        self.assertProblem(self.api.get(f"/api/v1/balances/{self.wallet}", token=self.stranger), 404, "not_found")
        self.assertProblem(self.api.get(f"/api/v1/balances/{self.cash}", token=self.owner), 404, "not_found")
        document = self.assertProblem(self.api.get("/api/v1/balances/acc_nope", token=self.ops), 404, "not_found")
        self.assertEqual("No such account.", document["detail"])
        self.assertProblem(self.api.get(f"/api/v1/balances/{self.cash}"), 401, "unauthorized")
        self.assertProblem(self.api.get(f"/api/v1/balances/{self.cash}", token=token("x", "")), 403, "forbidden")


class InstantsTest(ApiTestCase):
    def test_the_shapes_java_offset_date_time_parses(self):
        utc = datetime.timezone.utc
        expected = {
            "2026-11-25T08:30:00.123Z": datetime.datetime(2026, 11, 25, 8, 30, 0, 123000, utc),
            "2026-11-25t08:30z": datetime.datetime(2026, 11, 25, 8, 30, tzinfo=utc),
            "2026-11-25T08:30:00.123456789-02:30": datetime.datetime(2026, 11, 25, 11, 0, 0, 123456, utc),
            "2026-11-25T08:30:00+00:00:30": datetime.datetime(2026, 11, 25, 8, 29, 30, tzinfo=utc),
        }
        for text, moment in expected.items():
            self.assertEqual(moment, parse_offset_date_time(text), text)
        for text in ("2026-11-25T24:00:00Z", "2026-11-25T08:30:00.1234567890Z", "2026-11-25 08:30:00Z",
                     "2026-11-25T08:30:00+19:00", "20261125T083000Z", "2026-11-25T08:30:60Z", ""):
            self.assertIsNone(parse_offset_date_time(text), text)


class IntegrityTest(LedgerCalls, ApiTestCase):
    def test_an_empty_ledger_is_ok(self):
        self.assertEqual({"ok": True, "currencies": {}, "mismatches": []}, self.integrity())

    def test_the_report_totals_each_currency_in_order(self):
        cash, wallet = self.open(allow_negative=True), self.open(type="liability")
        euros, revenue = self.open(currency="EUR", allow_negative=True), self.open(currency="EUR", type="revenue")
        self.transfer("a", cash, wallet, 30)
        self.transfer("b", cash, wallet, 12)
        self.transfer("c", euros, revenue, 5)
        status, report, response = self.api.get("/api/v1/ledger/integrity", token=self.ops)
        self.assertEqual({"ok": True,
                          "currencies": {"EUR": {"debits": 5, "credits": 5, "balanced": True},
                                         "USD": {"debits": 42, "credits": 42, "balanced": True}},
                          "mismatches": []}, report)
        self.assertEqual(b'{"ok":true,"currencies":{"EUR":{"debits":5,"credits":5,"balanced":true},'
                         b'"USD":{"debits":42,"credits":42,"balanced":true}},"mismatches":[]}', response.content)

    def test_a_stored_total_that_is_not_the_fold_of_its_lines_is_reported(self):
        cash, wallet = self.open(allow_negative=True), self.open(type="liability", allow_negative=True)
        self.transfer("a", cash, wallet, 30)
        with connection.cursor() as cursor:  # totals may change (postings do it); entries never
            cursor.execute("UPDATE ledger_account SET credits = credits + 5 WHERE id = %s", [wallet])
        report = self.integrity()
        self.assertEqual(False, report["ok"])
        self.assertEqual([{"account_id": wallet, "currency": "USD", "stored_balance": 35, "computed_balance": 30}],
                         report["mismatches"])
        self.assertTrue(report["currencies"]["USD"]["balanced"])

    def test_only_ops_check_integrity(self):
        self.assertProblem(self.api.get("/api/v1/ledger/integrity", token=self.service), 403, "forbidden")
        self.assertProblem(self.api.get("/api/v1/ledger/integrity", token=self.owner), 403, "forbidden")
        self.assertProblem(self.api.get("/api/v1/ledger/integrity"), 401, "unauthorized")
