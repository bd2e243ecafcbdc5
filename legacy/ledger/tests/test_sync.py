"""
The ledger's side of the sync with the ledger service (migration 0003, the Java side's ADR 65): this application's
postings export each entry as one document at commit, the same text the ledger service exports for the same entry;
a document a sync writes into ledger_entry_export becomes the entry, its lines and their totals, or a recorded
conflict, when the sync's transaction commits. The syncs here do what the Java VersionedUpserts does: name their side
in ``cutover.sync_origin`` and upsert by id under the version. Every test commits (TransactionTestCase): the export
and the import run at commit.
"""
import datetime
import json
import random
import uuid

from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.test import TransactionTestCase

from ledger import api, integrity, posting
from ledger.models import Account, EntryExport, EntryLine, JournalEntry, SyncConflict

from .test_concurrency import run_in_threads

# The document of the fixed entry (_insert_the_fixed_entry) as document::text prints it. The ledger service's test
# (ledger-service/src/test/java/dev/cutover/ledger/sync/EntrySyncIT.java, FIXED_DOCUMENT) pins the very same text.
FIXED_DOCUMENT = (
    '{"id": "je_fixed_0001", "lines": ['
    '{"amount": 1500, "line_no": 0, "direction": "debit", "account_id": "acc_fixed_cash"}, '
    '{"amount": 1200, "line_no": 1, "direction": "credit", "account_id": "acc_fixed_wallet"}, '
    '{"amount": 300, "line_no": 2, "direction": "credit", "account_id": "acc_fixed_wallet"}], '
    '"currency": "USD", "metadata": {"batch": "7", "source": "test"}, '
    '"posted_at": "2026-03-04T05:06:07.089000Z", "reference": "fixed-entry-1", '
    '"description": "Opening balance \u2014 caf\u00e9", "fingerprint": "f1", "reversal_of": null}')

UPSERT = """
INSERT INTO ledger_entry_export AS t (id, document, created_at, row_version)
VALUES (%s, CAST(%s AS jsonb), CAST(%s AS timestamptz), CAST(%s AS bigint))
ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document, created_at = EXCLUDED.created_at,
                               row_version = EXCLUDED.row_version
WHERE t.row_version < EXCLUDED.row_version
"""

ACCOUNT_UPSERT = """
INSERT INTO ledger_account AS t (id, name, currency, type, normal_balance, allow_negative, owner_id, created_at,
                                 row_version)
VALUES (%s, %s, 'USD', 'asset', 'debit', false, NULL, '2026-04-01T00:00:00Z', CAST(%s AS bigint))
ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, currency = EXCLUDED.currency, type = EXCLUDED.type,
    normal_balance = EXCLUDED.normal_balance, allow_negative = EXCLUDED.allow_negative, owner_id = EXCLUDED.owner_id,
    created_at = EXCLUDED.created_at, row_version = EXCLUDED.row_version
WHERE t.row_version < EXCLUDED.row_version
"""


def one(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, list(params))
        return cursor.fetchone()[0]


def document_text(entry_id):
    return one("SELECT document::text FROM ledger_entry_export WHERE id = %s", [entry_id])


def doc(reference, lines, posted_at="2026-05-06T07:08:09.000000Z", description=None, metadata=None,
        reversal_of=None):
    """An entry as the ledger service exports it."""
    return {
        "id": "je_" + uuid.uuid4().hex,
        "reference": reference,
        "currency": "USD",
        "description": description,
        "metadata": metadata or {},
        "fingerprint": uuid.uuid4().hex,
        "reversal_of": reversal_of,
        "posted_at": posted_at,
        "lines": [{"line_no": n, "account_id": account, "direction": direction, "amount": amount}
                  for n, (account, direction, amount) in enumerate(lines)],
    }


def syncing(*steps):
    """
    Runs ``steps`` — ``(sql, params)`` — as one committed sync transaction from the ledger service; answers their row
    counts.
    """
    counts = []
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('cutover.sync_origin', 'ledger', true)")
            for statement, params in steps:
                cursor.execute(statement, params)
                counts.append(cursor.rowcount)
    return counts


def upsert(document, version=1):
    return UPSERT, [document["id"], json.dumps(document), "2026-05-06T07:08:09Z", str(version)]


def pruned(document):
    return "DELETE FROM ledger_entry_export WHERE id = %s", [document["id"]]


def totals(account_id):
    account = Account.objects.get(pk=account_id)
    return account.debits, account.credits


class SyncTestCase(TransactionTestCase):
    def assertBooksHold(self):
        report = integrity.report()
        self.assertTrue(report["ok"], report)

    def assertNothingWrittenFor(self, document):
        self.assertFalse(JournalEntry.objects.filter(pk=document["id"]).exists())
        self.assertFalse(EntryLine.objects.filter(entry_id=document["id"]).exists())


class ExportTest(SyncTestCase):
    def test_the_fixed_entry_prints_the_text_both_sides_pin_whatever_the_sessions_time_zone(self):
        self._insert_the_fixed_entry()

        self.assertEqual(FIXED_DOCUMENT, document_text("je_fixed_0001"))
        for zone in ("UTC", "America/Los_Angeles", "Asia/Kolkata"):
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL TimeZone = %s", [zone])
                rebuilt = one("SELECT ledger_entry_document(e)::text FROM ledger_journal_entry e "
                              "WHERE id = 'je_fixed_0001'")
                self.assertEqual(FIXED_DOCUMENT, rebuilt, zone)
        self.assertBooksHold()

    def _insert_the_fixed_entry(self):
        """
        The entry both sides' tests pin, written by hand in a session whose TimeZone is not UTC, lines out of order,
        with the totals it adds.
        """
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL TimeZone = 'Asia/Kathmandu'")
                cursor.execute("""
                    INSERT INTO ledger_account (id, name, currency, type, normal_balance, allow_negative, debits,
                                                credits, created_at) VALUES
                        ('acc_fixed_cash', 'Fixed cash', 'USD', 'asset', 'debit', true, 0, 0, '2026-03-01 00:00:00+00'),
                        ('acc_fixed_wallet', 'Fixed wallet', 'USD', 'liability', 'credit', false, 0, 0,
                         '2026-03-01 00:00:00+00')""")
                cursor.execute("""
                    INSERT INTO ledger_journal_entry (id, reference, currency, description, metadata, fingerprint,
                                                      reversal_of, posted_at)
                    VALUES ('je_fixed_0001', 'fixed-entry-1', 'USD', 'Opening balance — café',
                            '{"source": "test", "batch": "7"}', 'f1', NULL, '2026-03-04 05:06:07.089+00')""")
                cursor.execute("""
                    INSERT INTO ledger_entry_line (entry_id, line_no, account_id, direction, amount, posted_at) VALUES
                        ('je_fixed_0001', 2, 'acc_fixed_wallet', 'credit', 300, '2026-03-04 10:51:07.089+05:45'),
                        ('je_fixed_0001', 0, 'acc_fixed_cash', 'debit', 1500, '2026-03-04 10:51:07.089+05:45'),
                        ('je_fixed_0001', 1, 'acc_fixed_wallet', 'credit', 1200, '2026-03-04 10:51:07.089+05:45')""")
                cursor.execute("UPDATE ledger_account SET debits = debits + 1500 WHERE id = 'acc_fixed_cash'")
                cursor.execute("UPDATE ledger_account SET credits = credits + 1500 WHERE id = 'acc_fixed_wallet'")

    def test_an_own_posting_exports_its_whole_entry_once_at_commit(self):
        cash = api.open_account("Cash", "USD", "asset", True)
        wallet = api.open_account("Wallet", "USD", "liability", False)
        fees = api.open_account("Fees", "USD", "revenue", True)
        entry_id = api.post_entry("top-up-1", [(cash, "debit", 700), (wallet, "credit", 650), (fees, "credit", 50)],
                                  description="Top-up", metadata={"order": "o-1", "channel": "web"})

        exports = list(EntryExport.objects.filter(pk=entry_id).values_list("row_version", "sync_origin"))
        self.assertEqual([(1, None)], exports)
        entry = JournalEntry.objects.get(pk=entry_id)
        posted_at = entry.posted_at.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        self.assertEqual({
            "id": entry_id, "reference": "top-up-1", "currency": "USD", "description": "Top-up",
            "metadata": {"order": "o-1", "channel": "web"}, "fingerprint": entry.fingerprint, "reversal_of": None,
            "posted_at": posted_at,
            "lines": [{"line_no": 0, "account_id": cash, "direction": "debit", "amount": 700},
                      {"line_no": 1, "account_id": wallet, "direction": "credit", "amount": 650},
                      {"line_no": 2, "account_id": fees, "direction": "credit", "amount": 50}],
        }, json.loads(document_text(entry_id)))
        self.assertRegex(posted_at, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")

        reversal = posting.reverse(entry_id)
        reversed_document = json.loads(document_text(reversal.id))
        self.assertEqual((entry_id, "reversal:" + entry_id),
                         (reversed_document["reversal_of"], reversed_document["reference"]))
        self.assertEqual(2, EntryExport.objects.count())

    def test_a_posting_rolled_back_to_its_savepoint_exports_nothing(self):
        cash = api.open_account("Cash", "USD", "asset", True)
        equity = api.open_account("Equity", "USD", "equity", True)

        class Undone(Exception):
            pass

        with transaction.atomic():
            try:
                with transaction.atomic():
                    api.post_entry("undone", [(cash, "debit", 5), (equity, "credit", 5)])
                    raise Undone()
            except Undone:
                pass
            kept = api.post_entry("kept", [(cash, "debit", 7), (equity, "credit", 7)])

        self.assertEqual([kept], list(EntryExport.objects.values_list("id", flat=True)))


class ImportTest(SyncTestCase):
    def setUp(self):
        super().setUp()
        self.cash = api.open_account("Cash", "USD", "asset", True)
        self.wallet = api.open_account("Wallet", "USD", "liability", False)
        self.equity = api.open_account("Equity", "USD", "equity", True)

    def test_an_imported_document_becomes_the_entry_its_lines_and_their_totals_and_is_not_exported_again(self):
        api.post_entry("fund", [(self.cash, "debit", 1_000), (self.wallet, "credit", 1_000)])
        imported = doc("imported-1", [(self.cash, "credit", 400), (self.wallet, "debit", 250),
                                      (self.wallet, "debit", 150)],
                       posted_at="2026-05-06T07:08:09.123000Z", description="From the service",
                       metadata={"source": "ledger-service"})

        self.assertEqual([1], syncing(upsert(imported)))

        entry = JournalEntry.objects.get(pk=imported["id"])
        self.assertEqual(("imported-1", "USD", "From the service", {"source": "ledger-service"},
                          imported["fingerprint"], None),
                         (entry.reference, entry.currency, entry.description, entry.metadata, entry.fingerprint,
                          entry.reversal_of_id))
        self.assertEqual(datetime.datetime(2026, 5, 6, 7, 8, 9, 123000, tzinfo=datetime.timezone.utc), entry.posted_at)
        self.assertEqual([(0, self.cash, "credit", 400, entry.posted_at),
                          (1, self.wallet, "debit", 250, entry.posted_at),
                          (2, self.wallet, "debit", 150, entry.posted_at)],
                         [(line.line_no, line.account_id, line.direction, line.amount, line.posted_at)
                          for line in entry.ordered_lines()])
        self.assertEqual((1_000, 400), totals(self.cash))
        self.assertEqual((400, 1_000), totals(self.wallet))
        wallet = Account.objects.get(pk=self.wallet)
        self.assertEqual((1, None), (wallet.row_version, wallet.sync_origin), "the account itself did not change")
        self.assertEqual({("fund", None), ("imported-1", "ledger")},
                         {(e.document["reference"], e.sync_origin) for e in EntryExport.objects.all()})
        self.assertBooksHold()

    def test_the_same_import_again_changes_nothing(self):
        imported = doc("replayed", [(self.cash, "debit", 90), (self.equity, "credit", 90)])
        syncing(upsert(imported))

        self.assertEqual([0], syncing(upsert(imported)), "the version guard: stale")
        self.assertEqual([0], syncing(("INSERT INTO ledger_entry_export (id, document, row_version) "
                                       "VALUES (%s, CAST(%s AS jsonb), 1) ON CONFLICT (id) DO NOTHING",
                                       [imported["id"], json.dumps(imported)])))
        self.assertEqual([1], syncing(upsert(imported, 2)), "an update of the export row: no import")
        self.assertEqual([1, 1], syncing(pruned(imported), upsert(imported)), "pruned and delivered again")

        self.assertEqual(1, JournalEntry.objects.filter(pk=imported["id"]).count())
        self.assertEqual(2, EntryLine.objects.filter(entry_id=imported["id"]).count())
        self.assertEqual((90, 0), totals(self.cash))
        self.assertFalse(SyncConflict.objects.exists())
        self.assertBooksHold()

    def test_a_reference_taken_by_another_entry_is_recorded_and_nothing_is_written(self):
        own = api.post_entry("taken", [(self.cash, "debit", 10), (self.equity, "credit", 10)])
        imported = doc("taken", [(self.cash, "debit", 77), (self.equity, "credit", 77)])

        syncing(upsert(imported))
        syncing(pruned(imported), upsert(imported))

        self.assertEqual([(imported["id"], "taken", "reference_taken", "ledger")],
                         list(SyncConflict.objects.values_list("entry_id", "reference", "kind", "origin")))
        self.assertNothingWrittenFor(imported)
        self.assertEqual(own, JournalEntry.objects.get(reference="taken").id)
        self.assertEqual((10, 0), totals(self.cash))
        self.assertBooksHold()

    def test_an_import_that_would_overdraw_a_guarded_account_is_recorded_skipped_and_the_transaction_commits(self):
        api.post_entry("fund", [(self.cash, "debit", 100), (self.wallet, "credit", 100)])
        overdraws = doc("overdraws", [(self.wallet, "debit", 101), (self.cash, "credit", 101)])
        fits = doc("fits", [(self.wallet, "debit", 100), (self.cash, "credit", 100)],
                   posted_at="2026-05-06T07:08:10.000000Z")

        self.assertEqual([1, 1], syncing(upsert(overdraws), upsert(fits)))
        syncing(upsert(overdraws, 2))
        syncing(pruned(overdraws), upsert(overdraws))

        self.assertEqual([("would_overdraw", "overdraws", "ledger")],
                         list(SyncConflict.objects.filter(entry_id=overdraws["id"])
                              .values_list("kind", "reference", "origin")))
        self.assertNothingWrittenFor(overdraws)
        self.assertTrue(JournalEntry.objects.filter(pk=fits["id"]).exists())
        self.assertEqual((100, 100), totals(self.wallet))
        self.assertBooksHold()

    def test_a_reversal_is_imported_after_what_it_reverses_and_recorded_when_that_is_missing(self):
        original = doc("original", [(self.cash, "debit", 30), (self.equity, "credit", 30)])
        reversal = doc("reversal:" + original["id"], [(self.cash, "credit", 30), (self.equity, "debit", 30)],
                       reversal_of=original["id"], posted_at="2026-05-06T07:08:10.000000Z")
        orphan = doc("reversal:je_never_seen_here", [(self.cash, "credit", 5), (self.equity, "debit", 5)],
                     reversal_of="je_never_seen_here", posted_at="2026-05-06T07:08:11.000000Z")

        syncing(upsert(original), upsert(reversal), upsert(orphan))

        self.assertEqual(original["id"], JournalEntry.objects.get(pk=reversal["id"]).reversal_of_id)
        self.assertEqual(["reversed_entry_missing"],
                         list(SyncConflict.objects.filter(entry_id=orphan["id"]).values_list("kind", flat=True)))
        self.assertNothingWrittenFor(orphan)
        self.assertEqual((30, 30), totals(self.cash))
        self.assertBooksHold()

    def test_a_document_naming_an_account_this_side_does_not_have_fails_the_syncs_transaction(self):
        imported = doc("unknown-account", [(self.cash, "debit", 5), ("acc_not_synced_yet", "credit", 5)])

        with self.assertRaisesRegex(DatabaseError, "names an account this side does not have: acc_not_synced_yet"):
            syncing(upsert(imported))
        self.assertFalse(EntryExport.objects.filter(pk=imported["id"]).exists())
        self.assertNothingWrittenFor(imported)

    def test_a_synced_account_keeps_its_incoming_version_and_origin_while_postings_change_its_totals(self):
        copied = "acc_copied_" + uuid.uuid4().hex
        self.assertEqual([1], syncing((ACCOUNT_UPSERT, [copied, "Copied wallet", "3"])))
        account = Account.objects.get(pk=copied)
        self.assertEqual((3, "ledger", 0, 0),
                         (account.row_version, account.sync_origin, account.debits, account.credits))

        # this application posts to it, and an imported entry touches it: totals change, the account does not
        api.post_entry("to-copied", [(copied, "debit", 500), (self.equity, "credit", 500)])
        syncing(upsert(doc("imported-to-copied", [(copied, "debit", 20), (self.equity, "credit", 20)])))
        account = Account.objects.get(pk=copied)
        self.assertEqual((3, "ledger", 520, 0),
                         (account.row_version, account.sync_origin, account.debits, account.credits))
        equity = Account.objects.get(pk=self.equity)
        self.assertEqual((1, None), (equity.row_version, equity.sync_origin))

        self.assertEqual([0], syncing((ACCOUNT_UPSERT, [copied, "Copied wallet", "3"])), "the same version: stale")
        self.assertEqual([1], syncing((ACCOUNT_UPSERT, [copied, "Renamed wallet", "4"])))
        account = Account.objects.get(pk=copied)
        self.assertEqual(("Renamed wallet", 4, "ledger", 520),
                         (account.name, account.row_version, account.sync_origin, account.debits))

        # totals are never copied, even by a sync whose statement carries them
        syncing(("UPDATE ledger_account SET debits = 999, credits = 999, row_version = 5 WHERE id = %s", [copied]))
        fresh = "acc_copied_" + uuid.uuid4().hex
        syncing(("INSERT INTO ledger_account (id, name, currency, type, normal_balance, allow_negative, created_at, "
                 "debits, credits, row_version) VALUES (%s, 'Fresh', 'USD', 'asset', 'debit', true, now(), 7, 0, 1)",
                 [fresh]))
        self.assertEqual((5, 520, 0),
                         Account.objects.filter(pk=copied).values_list("row_version", "debits", "credits")[0])
        self.assertEqual((0, 0, "ledger"),
                         Account.objects.filter(pk=fresh).values_list("debits", "credits", "sync_origin")[0])
        self.assertBooksHold()

    def test_an_imported_entry_is_replayed_by_a_posting_of_the_same_request_here(self):
        """The same posting (same fingerprint) asked of this side after it arrived from the other: a replay."""
        request = posting.PostingRequest(reference="both-sides", lines=(
            posting.Line(self.cash, "debit", 12), posting.Line(self.equity, "credit", 12)))
        imported = doc("both-sides", [(self.cash, "debit", 12), (self.equity, "credit", 12)])
        imported["fingerprint"] = request.fingerprint()
        syncing(upsert(imported))

        entry, replayed = posting.post(request)

        self.assertEqual((imported["id"], True), (entry.id, replayed))
        self.assertEqual((12, 0), totals(self.cash))
        self.assertBooksHold()


class ConcurrentImportTest(SyncTestCase):
    """
    This application posting while a sync imports batches of entries onto the same accounts: the imports lock every
    account of their transaction at once, in posting's order, so neither side meets a deadlock, and the totals stay
    the fold of the lines.
    """

    def test_postings_and_batches_of_imports_on_shared_accounts_keep_the_books(self):
        source = api.open_account("Source", "USD", "equity", True)
        accounts = [api.open_account(f"Guarded {n}", "USD", "asset", False) for n in range(3)]
        for account in accounts:
            api.post_entry(f"fund-{account}", [(account, "debit", 20_000), (source, "credit", 20_000)])
        accounts += [api.open_account("Payable", "USD", "liability", True),
                     api.open_account("Costs", "USD", "expense", True), source]

        def lines(rng):
            picked = rng.sample(accounts, rng.randint(2, 4))
            credits = [(account, "credit", rng.randint(1, 1_500)) for account in picked[1:]]
            debit = (picked[0], "debit", sum(amount for _, _, amount in credits))
            return credits[:1] + [debit] + credits[1:]

        def work(n):
            rng, outcomes = random.Random(500 + n), []
            for k in range(25):
                if n < 4:
                    try:
                        api.post_entry(f"own-{n}-{k}", lines(rng))
                        outcomes.append("posted")
                    except Exception as refused:  # noqa: BLE001 — only insufficient funds is expected, checked below
                        outcomes.append(getattr(refused, "code", repr(refused)))
                else:
                    documents = [doc(f"imported-{n}-{k}-{e}", lines(rng)) for e in range(4)]
                    syncing(*(upsert(document) for document in documents))
                    outcomes.extend(document["id"] for document in documents)
            return outcomes

        results = run_in_threads(work, 7)

        for result in results:
            self.assertIsInstance(result, list, result)
        posted = [o for result in results[:4] for o in result]
        self.assertTrue(set(posted) <= {"posted", "insufficient_funds"}, set(posted))
        imported = [o for result in results[4:] for o in result]
        self.assertEqual(3 * 25 * 4, len(imported))
        applied = JournalEntry.objects.filter(pk__in=imported).count()
        refused = SyncConflict.objects.filter(entry_id__in=imported, kind="would_overdraw").count()
        self.assertEqual(len(imported), applied + refused)
        self.assertBooksHold()
        self.assertFalse(Account.objects.filter(pk__in=accounts[:3], credits__gt=F("debits")).exists(),
                         "a guarded asset below zero")
