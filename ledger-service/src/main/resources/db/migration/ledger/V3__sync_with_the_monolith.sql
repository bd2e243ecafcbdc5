-- Change data capture with the legacy monolith (ADR 63, 64 and 65). The journal cannot be copied row by row: entries
-- and lines are immutable, lines must come in their entry's transaction, every entry is checked at commit, and both
-- sides post to shared accounts, so running totals copied from the other side would overwrite this side's postings.
-- So accounts are copied without their totals, and each entry travels as ONE document through an export table:
-- this side's own postings write their document there at commit; a document the sync writes there is materialised
-- into the journal by this side's own trigger, which adds its lines to the accounts' totals as posting does.
-- Django migration ledger 0003 does the same on the monolith, and produces the same document for the same entry.

-- ── Accounts: versions and origins, but totals stay this side's ─────────────────────────────────────────────────

ALTER TABLE accounts ADD COLUMN row_version bigint NOT NULL DEFAULT 1, ADD COLUMN sync_origin text;

-- The sync copies id, name, currency, type, normal_balance, allow_negative, owner_id and created_at, never the totals:
-- an account it creates starts at 0/0 and receives its totals from the imported entries. Those columns never change
-- once an account is opened, while its totals change at every posting, by this side or by an import (an UPDATE in a
-- sync's transaction). A change of totals alone therefore keeps both the version and the origin: it is no change of
-- the account, and an account opened here does not become "copied from legacy" because an imported entry touched it.
-- And a sync never writes totals, even if a mapping carried them: they would overwrite this side's postings.
CREATE FUNCTION stamp_account_sync_version() RETURNS trigger
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
        -- this side changed the account itself (no code does today): a new version, which the sync carries over
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

CREATE TRIGGER accounts_sync_version BEFORE INSERT OR UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION stamp_account_sync_version();

-- ── The export table: one document per entry, the only journal table the streams carry ──────────────────────────

CREATE TABLE entry_exports (
    id          text        PRIMARY KEY,
    document    jsonb       NOT NULL,
    row_version bigint      NOT NULL DEFAULT 1,
    sync_origin text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- As payments' stamp_sync_version (payments V2): own writes set or bump the version and clear the origin; a sync's
-- write keeps the version it carries and records the side it copies from.
CREATE FUNCTION stamp_sync_version() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT AS
$$
DECLARE
    origin text := nullif(current_setting('cutover.sync_origin', true), '');
BEGIN
    IF origin IS NULL THEN
        NEW.sync_origin := NULL;
        NEW.row_version := CASE WHEN TG_OP = 'UPDATE' THEN OLD.row_version + 1 ELSE 1 END;
    ELSE
        NEW.sync_origin := origin;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER entry_exports_sync_version BEFORE INSERT OR UPDATE ON entry_exports
    FOR EACH ROW EXECUTE FUNCTION stamp_sync_version();

-- The whole entry as one document, the same text on both sides for the same entry (the monolith's
-- ledger_entry_document builds it alike): jsonb prints its keys in one fixed order, the instant is UTC with
-- microseconds whatever the session's TimeZone, lines are in line_no order, and absent values are JSON null.
-- Lines carry no posted_at: a line's is its entry's.
CREATE FUNCTION entry_document(entry journal_entries) RETURNS jsonb
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
                                FROM entry_lines l
                               WHERE l.entry_id = entry.id), '[]'::jsonb));
$$;

-- Export: at commit, when the entry's lines are all there, every entry this side posted gets its document. An entry
-- imported by a sync (its transaction names the side it copies from) is not exported again: its document is in the
-- table already, written by the sync, and the stream back drops it as an echo.
CREATE FUNCTION export_entry() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT AS
$$
BEGIN
    IF nullif(current_setting('cutover.sync_origin', true), '') IS NULL THEN
        INSERT INTO entry_exports (id, document) VALUES (NEW.id, entry_document(NEW))
            ON CONFLICT (id) DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER journal_entries_exported
    AFTER INSERT ON journal_entries
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION export_entry();

-- ── Import: a document the sync writes becomes an entry here, or a recorded conflict ─────────────────────────────

-- What an import could not apply. The document stays in entry_exports for whoever repairs it; a replay of the same
-- document finds the row and adds none. reversed_entry_missing: the entry reverses one this side never got
-- (itself skipped), so there is nothing here for it to reverse.
CREATE TABLE sync_conflicts (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry_id    text        NOT NULL,
    reference   text,
    kind        text        NOT NULL CHECK (kind IN ('reference_taken', 'would_overdraw', 'reversed_entry_missing')),
    origin      text,
    detected_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT sync_conflicts_once_per_entry_and_kind UNIQUE (entry_id, kind)
);

-- A document the sync inserts is materialised at the sync's commit, in its transaction (an update of an export row
-- needs nothing: documents never change). At commit because of the locks: a sync's batch holds many entries, and
-- locking each entry's accounts as its row arrives would lock the batch's accounts out of id order, so a posting
-- waiting for one of them could hold another the batch wants next (a deadlock: seen as postings failing after all
-- their retries, with four entries per sync transaction). So each row only notes its accounts as it arrives, and the
-- first import at commit locks every noted account at once, in id order, as posting does (AccountLocks); the locks
-- are held for the imports only, not for the whole batch. The note is a transaction-local setting, which a rolled
-- back savepoint reverts with the rows it noted.
CREATE FUNCTION note_import() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT AS
$$
DECLARE
    noted text := coalesce(nullif(current_setting('ledger.import_accounts', true), ''), ' ');
BEGIN
    IF EXISTS (SELECT 1 FROM journal_entries WHERE id = NEW.id) THEN
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

-- The entry, its lines and their totals, written as posting writes them and in the sync's transaction, so the
-- journal's own triggers hold: lines in their entry's transaction, the commit-time check of every entry (queued by
-- this insert, fired after the imports). No subtransaction: refuse_late_lines knows an entry as this transaction's
-- by its xmin, which a savepoint's rows do not carry, and a long batch of subtransactions is slow besides; whatever
-- may refuse the entry is checked before anything is written, and a refused entry leaves only its conflict row.
CREATE FUNCTION import_entry() RETURNS trigger
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
        RETURN NULL;  -- this side's own export
    END IF;
    IF pending <> '' THEN
        -- the first import of this commit: every account the transaction's imports touch, locked in id order
        PERFORM 1 FROM accounts WHERE id = ANY (string_to_array(pending, ' ')) ORDER BY id FOR UPDATE;
        PERFORM set_config('ledger.import_accounts', '', true);
    END IF;
    IF doc ->> 'id' IS DISTINCT FROM NEW.id OR jsonb_typeof(doc -> 'lines') IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION 'export % does not hold the document of entry %', NEW.id, NEW.id
            USING ERRCODE = 'data_exception';
    END IF;
    IF EXISTS (SELECT 1 FROM journal_entries WHERE id = NEW.id) THEN
        RETURN NULL;  -- a replay: the entry is here already
    END IF;
    posted := (doc ->> 'posted_at')::timestamptz;  -- ends in Z: UTC, whatever the session's TimeZone

    -- the entry's effect per account, in id order
    SELECT array_agg(e.account_id ORDER BY e.account_id), array_agg(e.debits ORDER BY e.account_id),
           array_agg(e.credits ORDER BY e.account_id)
      INTO account_ids, add_debits, add_credits
      FROM (SELECT l ->> 'account_id' AS account_id,
                   coalesce(sum((l ->> 'amount')::bigint) FILTER (WHERE l ->> 'direction' = 'debit'), 0) AS debits,
                   coalesce(sum((l ->> 'amount')::bigint) FILTER (WHERE l ->> 'direction' = 'credit'), 0) AS credits
              FROM jsonb_array_elements(doc -> 'lines') AS l
             GROUP BY 1) AS e;

    -- held already (above); taken here again, in id order, for an import whose accounts were not noted
    PERFORM 1 FROM accounts WHERE id = ANY (account_ids) ORDER BY id FOR UPDATE;
    GET DIAGNOSTICS locked = ROW_COUNT;
    IF locked < coalesce(cardinality(account_ids), 0) THEN
        RAISE EXCEPTION 'entry % names an account this side does not have: %', NEW.id,
            (SELECT string_agg(wanted, ', ') FROM unnest(account_ids) AS wanted
              WHERE NOT EXISTS (SELECT 1 FROM accounts WHERE id = wanted))
            USING ERRCODE = 'foreign_key_violation';
    END IF;

    -- the accounts are locked: a posting of the same reference and accounts racing this import has committed and
    -- is seen
    IF EXISTS (SELECT 1 FROM journal_entries WHERE reference = ref) THEN
        refused := 'reference_taken';
    ELSIF reversed IS NOT NULL AND NOT EXISTS (SELECT 1 FROM journal_entries WHERE id = reversed) THEN
        refused := 'reversed_entry_missing';
    ELSIF EXISTS (SELECT 1
                    FROM accounts a
                    JOIN unnest(account_ids, add_debits, add_credits) AS e (account_id, debits, credits)
                      ON e.account_id = a.id
                   WHERE NOT a.allow_negative
                     AND CASE a.normal_balance
                             WHEN 'debit' THEN (a.debits + e.debits) - (a.credits + e.credits)
                             ELSE (a.credits + e.credits) - (a.debits + e.debits)
                         END < 0) THEN
        refused := 'would_overdraw';  -- guarded_balance_not_negative would refuse the totals
    ELSE
        INSERT INTO journal_entries (id, reference, currency, description, metadata, fingerprint, reversal_of,
                                     posted_at)
        VALUES (NEW.id, ref, doc ->> 'currency', doc ->> 'description', doc -> 'metadata', doc ->> 'fingerprint',
                reversed, posted)
        ON CONFLICT DO NOTHING
        RETURNING id INTO inserted;
        IF inserted IS NULL THEN
            -- a posting of this reference on other accounts committed while this insert waited for it
            IF EXISTS (SELECT 1 FROM journal_entries WHERE id = NEW.id) THEN
                RETURN NULL;
            ELSIF EXISTS (SELECT 1 FROM journal_entries WHERE reference = ref) THEN
                refused := 'reference_taken';
            ELSE
                RAISE EXCEPTION 'entry % reverses %, which another entry of this side reverses already',
                    NEW.id, reversed USING ERRCODE = 'unique_violation';
            END IF;
        END IF;
    END IF;

    IF refused IS NOT NULL THEN
        INSERT INTO sync_conflicts (entry_id, reference, kind, origin)
        VALUES (NEW.id, ref, refused, NEW.sync_origin)
        ON CONFLICT (entry_id, kind) DO NOTHING;
        RETURN NULL;
    END IF;

    INSERT INTO entry_lines (entry_id, line_no, account_id, direction, amount, posted_at)
    SELECT NEW.id, (l ->> 'line_no')::int, l ->> 'account_id', l ->> 'direction', (l ->> 'amount')::bigint, posted
      FROM jsonb_array_elements(doc -> 'lines') AS l;

    UPDATE accounts a SET debits = a.debits + e.debits, credits = a.credits + e.credits
      FROM unnest(account_ids, add_debits, add_credits) AS e (account_id, debits, credits)
     WHERE a.id = e.account_id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER entry_exports_import_noted
    AFTER INSERT ON entry_exports
    FOR EACH ROW WHEN (NEW.sync_origin IS NOT NULL)
    EXECUTE FUNCTION note_import();

CREATE CONSTRAINT TRIGGER entry_exports_imported
    AFTER INSERT ON entry_exports
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.sync_origin IS NOT NULL)
    EXECUTE FUNCTION import_entry();

-- The entries posted before this migration are exported too, oldest first (a reversal after what it reverses), so the
-- stream's initial snapshot carries the whole journal and a copied account receives all of its history.
INSERT INTO entry_exports (id, document)
SELECT e.id, entry_document(e)
  FROM journal_entries e
 ORDER BY e.posted_at, e.reversal_of IS NOT NULL, e.ctid;

-- ── The streams' own tables, as payments' (V2, V3) ───────────────────────────────────────────────────────────────

-- Watermarks for the change streams (ADR 64): a row written here is streamed after every change committed before
-- it, so once the stream to the monolith has passed it, the monolith holds all of them.
CREATE TABLE sync_fences (
    id          text        PRIMARY KEY,
    created_at  timestamptz NOT NULL
);

-- Where each change stream has read up to (Debezium's offsets), so that a restart goes on from there.
CREATE TABLE sync_offsets (
    stream       text        NOT NULL,
    offset_key   bytea       NOT NULL,
    offset_value bytea,
    saved_at     timestamptz NOT NULL,
    PRIMARY KEY (stream, offset_key)
);
