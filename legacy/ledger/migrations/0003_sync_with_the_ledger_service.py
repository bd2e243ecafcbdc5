"""
Change data capture with the new ledger service, as its Flyway migration V3 does it (the Java side's ADR 65).

The journal cannot be copied row by row: entries and lines are immutable, lines must come in their entry's
transaction, every entry is checked at commit, and both sides post to shared accounts, so running totals copied from
the other side would overwrite this side's postings. So:

- accounts carry ``row_version`` and ``sync_origin`` and are copied without their totals; a change of totals alone
  (a posting here, or an imported entry) keeps both;
- each entry travels as ONE document through ``ledger_entry_export``: this application's postings write their
  document there at commit (a deferred trigger), the same text the ledger service writes for the same entry;
- a document a sync writes there is materialised by this database's own trigger when the sync's transaction
  commits: the entry, its lines, and their amounts added to the accounts' totals, every account the transaction's
  imports touch locked at once in the order posting locks them (so a batch of many entries cannot deadlock with a
  posting); a replay changes nothing, and an entry that cannot be applied (its reference taken by another entry, a
  guarded account it would overdraw, an entry it reverses that is not here) is recorded in ``ledger_sync_conflict``
  and skipped rather than failing the stream;
- ``ledger_sync_fence`` holds the streams' watermarks, as payments' (0004).

Unlike the Java side, the imported lines pass ``ledger_refuse_late_lines`` through the transaction-local note of
migration 0002 (the entry's insert notes it), and the locks are taken in byte order (``COLLATE "C"``), as
``posting._lock_in_id_order`` takes them.
"""
from django.db import migrations, models
import django.utils.timezone

FORWARD = r"""
-- Django adds a column's default only while it fills existing rows; the triggers' inserts and the sync's (an
-- account copied without its totals) rely on these.
ALTER TABLE ledger_account ALTER COLUMN row_version SET DEFAULT 1, ALTER COLUMN debits SET DEFAULT 0,
    ALTER COLUMN credits SET DEFAULT 0;
ALTER TABLE ledger_entry_export ALTER COLUMN row_version SET DEFAULT 1, ALTER COLUMN created_at SET DEFAULT now();
ALTER TABLE ledger_sync_conflict ALTER COLUMN detected_at SET DEFAULT now();

-- Accounts: the sync copies id, name, currency, type, normal_balance, allow_negative, owner_id and created_at, never
-- the totals. Those columns never change once an account is opened; a change of totals alone is no change of the
-- account, whoever makes it (an imported entry's totals are written in a sync's transaction).
-- And a sync never writes totals, even if a mapping carried them: they would overwrite this side's postings.
CREATE FUNCTION ledger_stamp_account_sync_version() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT AS
$$
DECLARE
    origin text := nullif(current_setting('cutover.sync_origin', true), '');
    same   boolean;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF origin IS NULL THEN
            NEW.sync_origin := NULL;
            NEW.row_version := 1;
        ELSE
            NEW.sync_origin := origin;
            NEW.debits := 0;  -- never copied: an account starts at 0/0 and receives its totals from imported entries
            NEW.credits := 0;
        END IF;
        RETURN NEW;
    END IF;
    same := (NEW.id, NEW.name, NEW.currency, NEW.type, NEW.normal_balance, NEW.allow_negative, NEW.owner_id,
             NEW.created_at)
            IS NOT DISTINCT FROM
            (OLD.id, OLD.name, OLD.currency, OLD.type, OLD.normal_balance, OLD.allow_negative, OLD.owner_id,
             OLD.created_at);
    IF same AND (origin IS NULL OR NEW.row_version = OLD.row_version) THEN
        -- only the totals changed (a posting, here or imported)
        NEW.row_version := OLD.row_version;
        NEW.sync_origin := OLD.sync_origin;
    ELSIF origin IS NULL THEN
        -- this application changed the account itself (no code does today): a new version
        NEW.row_version := OLD.row_version + 1;
        NEW.sync_origin := NULL;
    ELSE
        -- a sync's copy of a newer version: the totals stay this side's, whatever the copy carries
        NEW.sync_origin := origin;
        NEW.debits := OLD.debits;
        NEW.credits := OLD.credits;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER ledger_account_sync_version BEFORE INSERT OR UPDATE ON ledger_account
    FOR EACH ROW EXECUTE FUNCTION ledger_stamp_account_sync_version();

-- The export table's versions and origins (core's sync_stamp_version).
CREATE TRIGGER ledger_entry_export_sync_version BEFORE INSERT OR UPDATE ON ledger_entry_export
    FOR EACH ROW EXECUTE FUNCTION sync_stamp_version();

-- The whole entry as one document, the same text as the ledger service's entry_document for the same entry: jsonb
-- prints its keys in one fixed order, the instant is UTC with microseconds whatever the session's TimeZone, lines
-- are in line_no order, absent values are JSON null. Lines carry no posted_at: a line's is its entry's.
CREATE FUNCTION ledger_entry_document(entry ledger_journal_entry) RETURNS jsonb
    LANGUAGE sql
    STABLE
    SET search_path FROM CURRENT AS
$$
SELECT jsonb_build_object(
           'id', entry.id,
           'reference', entry.reference,
           'currency', entry.currency,
           'description', entry.description,
           'metadata', entry.metadata,
           'fingerprint', entry.fingerprint,
           'reversal_of', entry.reversal_of,
           'posted_at', to_char(entry.posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'lines', coalesce((SELECT jsonb_agg(jsonb_build_object('line_no', l.line_no, 'account_id', l.account_id,
                                                                  'direction', l.direction, 'amount', l.amount)
                                               ORDER BY l.line_no)
                                FROM ledger_entry_line l
                               WHERE l.entry_id = entry.id), '[]'::jsonb));
$$;

-- Export: at commit, every entry this application posted gets its document; an entry a sync imported does not (its
-- document is there already, and the stream back drops it as an echo). A posting rolled back to its savepoint
-- leaves no entry, and no export either.
CREATE FUNCTION ledger_export_entry() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT AS
$$
BEGIN
    IF nullif(current_setting('cutover.sync_origin', true), '') IS NULL THEN
        INSERT INTO ledger_entry_export (id, document) VALUES (NEW.id, ledger_entry_document(NEW))
            ON CONFLICT (id) DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER ledger_journal_entry_exported
    AFTER INSERT ON ledger_journal_entry
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger_export_entry();

-- Import, at the sync's commit and in its transaction (an update of an export row needs nothing: documents never
-- change). At commit because of the locks: locking each entry's accounts as its row arrived would lock a batch's
-- accounts out of order, and a posting waiting for one of them could hold another the batch wants next (a deadlock).
-- So each row only notes its accounts as it arrives, in a transaction-local setting, and the first import at commit
-- locks every noted account at once, in the order posting._lock_in_id_order locks them.
CREATE FUNCTION ledger_note_import() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT AS
$$
DECLARE
    noted text := coalesce(nullif(current_setting('ledger.import_accounts', true), ''), ' ');
BEGIN
    IF EXISTS (SELECT 1 FROM ledger_journal_entry WHERE id = NEW.id) THEN
        RETURN NULL;  -- a replay: nothing to lock
    END IF;
    SELECT noted || coalesce(string_agg(account_id, ' ') || ' ', '')
      INTO noted
      FROM (SELECT DISTINCT l ->> 'account_id' AS account_id
              FROM jsonb_array_elements(CASE jsonb_typeof(NEW.document -> 'lines')
                                            WHEN 'array' THEN NEW.document -> 'lines' ELSE '[]' END) AS l) AS named
     WHERE account_id IS NOT NULL AND strpos(noted, ' ' || account_id || ' ') = 0;
    PERFORM set_config('ledger.import_accounts', noted, true);
    RETURN NULL;
END;
$$;

-- The entry, its lines and their totals, as posting writes them. Whatever may refuse the entry is checked before
-- anything is written, so no subtransaction is needed and a refused entry leaves only its conflict row.
CREATE FUNCTION ledger_import_entry() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT AS
$$
DECLARE
    doc          jsonb       := NEW.document;
    ref          text        := NEW.document ->> 'reference';
    reversed     text        := NEW.document ->> 'reversal_of';
    pending      text        := btrim(coalesce(current_setting('ledger.import_accounts', true), ''));
    posted       timestamptz;
    account_ids  text[];
    add_debits   bigint[];
    add_credits  bigint[];
    locked       bigint;
    inserted     text;
    refused      text;
BEGIN
    IF NEW.sync_origin IS NULL THEN
        RETURN NULL;  -- this application's own export
    END IF;
    IF pending <> '' THEN
        -- the first import of this commit: every account the transaction's imports touch, locked in byte order
        PERFORM 1 FROM ledger_account WHERE id = ANY (string_to_array(pending, ' ')) ORDER BY id COLLATE "C" FOR UPDATE;
        PERFORM set_config('ledger.import_accounts', '', true);
    END IF;
    IF doc ->> 'id' IS DISTINCT FROM NEW.id OR jsonb_typeof(doc -> 'lines') IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION 'export % does not hold the document of entry %', NEW.id, NEW.id
            USING ERRCODE = 'data_exception';
    END IF;
    IF EXISTS (SELECT 1 FROM ledger_journal_entry WHERE id = NEW.id) THEN
        RETURN NULL;  -- a replay: the entry is here already
    END IF;
    posted := (doc ->> 'posted_at')::timestamptz;  -- ends in Z: UTC, whatever the session's TimeZone

    -- the entry's effect per account, in id order
    SELECT array_agg(e.account_id ORDER BY e.account_id COLLATE "C"),
           array_agg(e.debits ORDER BY e.account_id COLLATE "C"),
           array_agg(e.credits ORDER BY e.account_id COLLATE "C")
      INTO account_ids, add_debits, add_credits
      FROM (SELECT l ->> 'account_id' AS account_id,
                   coalesce(sum((l ->> 'amount')::bigint) FILTER (WHERE l ->> 'direction' = 'debit'), 0) AS debits,
                   coalesce(sum((l ->> 'amount')::bigint) FILTER (WHERE l ->> 'direction' = 'credit'), 0) AS credits
              FROM jsonb_array_elements(doc -> 'lines') AS l
             GROUP BY 1) AS e;

    -- held already (above); taken here again, in the same order, for an import whose accounts were not noted
    PERFORM 1 FROM ledger_account WHERE id = ANY (account_ids) ORDER BY id COLLATE "C" FOR UPDATE;
    GET DIAGNOSTICS locked = ROW_COUNT;
    IF locked < coalesce(cardinality(account_ids), 0) THEN
        RAISE EXCEPTION 'entry % names an account this side does not have: %', NEW.id,
            (SELECT string_agg(wanted, ', ') FROM unnest(account_ids) AS wanted
              WHERE NOT EXISTS (SELECT 1 FROM ledger_account WHERE id = wanted))
            USING ERRCODE = 'foreign_key_violation';
    END IF;

    -- the accounts are locked: a posting of the same reference and accounts racing this import has committed and
    -- is seen
    IF EXISTS (SELECT 1 FROM ledger_journal_entry WHERE reference = ref) THEN
        refused := 'reference_taken';
    ELSIF reversed IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ledger_journal_entry WHERE id = reversed) THEN
        refused := 'reversed_entry_missing';
    ELSIF EXISTS (SELECT 1
                    FROM ledger_account a
                    JOIN unnest(account_ids, add_debits, add_credits) AS e (account_id, debits, credits)
                      ON e.account_id = a.id
                   WHERE NOT a.allow_negative
                     AND CASE a.normal_balance
                             WHEN 'debit' THEN (a.debits + e.debits) - (a.credits + e.credits)
                             ELSE (a.credits + e.credits) - (a.debits + e.debits)
                         END < 0) THEN
        refused := 'would_overdraw';  -- ledger_account_guarded_balance_not_negative would refuse the totals
    ELSE
        INSERT INTO ledger_journal_entry (id, reference, currency, description, metadata, fingerprint, reversal_of,
                                          posted_at)
        VALUES (NEW.id, ref, doc ->> 'currency', doc ->> 'description', doc -> 'metadata', doc ->> 'fingerprint',
                reversed, posted)
        ON CONFLICT DO NOTHING
        RETURNING id INTO inserted;
        IF inserted IS NULL THEN
            -- a posting of this reference on other accounts committed while this insert waited for it
            IF EXISTS (SELECT 1 FROM ledger_journal_entry WHERE id = NEW.id) THEN
                RETURN NULL;
            ELSIF EXISTS (SELECT 1 FROM ledger_journal_entry WHERE reference = ref) THEN
                refused := 'reference_taken';
            ELSE
                RAISE EXCEPTION 'entry % reverses %, which another entry of this side reverses already',
                    NEW.id, reversed USING ERRCODE = 'unique_violation';
            END IF;
        END IF;
    END IF;

    IF refused IS NOT NULL THEN
        INSERT INTO ledger_sync_conflict (entry_id, reference, kind, origin)
        VALUES (NEW.id, ref, refused, NEW.sync_origin)
        ON CONFLICT (entry_id, kind) DO NOTHING;
        RETURN NULL;
    END IF;

    -- the entry's insert noted it in ledger.entries_posted_here (0002): its lines are accepted
    INSERT INTO ledger_entry_line (entry_id, line_no, account_id, direction, amount, posted_at)
    SELECT NEW.id, (l ->> 'line_no')::int, l ->> 'account_id', l ->> 'direction', (l ->> 'amount')::bigint, posted
      FROM jsonb_array_elements(doc -> 'lines') AS l;

    UPDATE ledger_account a SET debits = a.debits + e.debits, credits = a.credits + e.credits
      FROM unnest(account_ids, add_debits, add_credits) AS e (account_id, debits, credits)
     WHERE a.id = e.account_id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER ledger_entry_export_import_noted
    AFTER INSERT ON ledger_entry_export
    FOR EACH ROW WHEN (NEW.sync_origin IS NOT NULL)
    EXECUTE FUNCTION ledger_note_import();

CREATE CONSTRAINT TRIGGER ledger_entry_export_imported
    AFTER INSERT ON ledger_entry_export
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.sync_origin IS NOT NULL)
    EXECUTE FUNCTION ledger_import_entry();

-- The entries posted before this migration are exported too, oldest first (a reversal after what it reverses), so the
-- stream's initial snapshot carries the whole journal and a copied account receives all of its history.
INSERT INTO ledger_entry_export (id, document)
SELECT e.id, ledger_entry_document(e)
  FROM ledger_journal_entry e
 ORDER BY e.posted_at, e.reversal_of IS NOT NULL, e.ctid;
"""

BACKWARD = r"""
DROP TRIGGER ledger_entry_export_imported ON ledger_entry_export;
DROP FUNCTION ledger_import_entry();
DROP TRIGGER ledger_entry_export_import_noted ON ledger_entry_export;
DROP FUNCTION ledger_note_import();
DROP TRIGGER ledger_journal_entry_exported ON ledger_journal_entry;
DROP FUNCTION ledger_export_entry();
DROP FUNCTION ledger_entry_document(ledger_journal_entry);
DROP TRIGGER ledger_entry_export_sync_version ON ledger_entry_export;
DROP TRIGGER ledger_account_sync_version ON ledger_account;
DROP FUNCTION ledger_stamp_account_sync_version();
ALTER TABLE ledger_sync_conflict ALTER COLUMN detected_at DROP DEFAULT;
ALTER TABLE ledger_entry_export ALTER COLUMN row_version DROP DEFAULT, ALTER COLUMN created_at DROP DEFAULT;
ALTER TABLE ledger_account ALTER COLUMN row_version DROP DEFAULT, ALTER COLUMN debits DROP DEFAULT,
    ALTER COLUMN credits DROP DEFAULT;
"""


class Migration(migrations.Migration):

    dependencies = [
        ("ledger", "0002_database_guarantees"),
        ("core", "0002_sync_stamp_version"),
    ]

    operations = [
        migrations.AddField(model_name="account", name="row_version", field=models.BigIntegerField(default=1)),
        migrations.AddField(model_name="account", name="sync_origin", field=models.TextField(null=True)),
        migrations.CreateModel(
            name="EntryExport",
            fields=[
                ("id", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("document", models.JSONField()),
                ("row_version", models.BigIntegerField(default=1)),
                ("sync_origin", models.TextField(null=True)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={"db_table": "ledger_entry_export"},
        ),
        migrations.CreateModel(
            name="SyncConflict",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("entry_id", models.CharField(max_length=64)),
                ("reference", models.CharField(max_length=255, null=True)),
                ("kind", models.CharField(max_length=32)),
                ("origin", models.TextField(null=True)),
                ("detected_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={"db_table": "ledger_sync_conflict"},
        ),
        migrations.AddConstraint(
            model_name="syncconflict",
            constraint=models.UniqueConstraint(fields=("entry_id", "kind"),
                                               name="ledger_sync_conflict_once_per_entry_and_kind"),
        ),
        migrations.AddConstraint(
            model_name="syncconflict",
            constraint=models.CheckConstraint(
                check=models.Q(kind__in=("reference_taken", "would_overdraw", "reversed_entry_missing")),
                name="ledger_sync_conflict_kind_known"),
        ),
        migrations.CreateModel(
            name="SyncFence",
            fields=[
                ("id", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("created_at", models.DateTimeField()),
            ],
            options={"db_table": "ledger_sync_fence"},
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
