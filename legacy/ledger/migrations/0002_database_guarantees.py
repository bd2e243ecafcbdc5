"""
The ledger's rules, held by the database itself as the ledger service's Flyway migrations V1/V2 hold them, so no
code path (a bug, a shell, a sync job) can make the journal inconsistent or rewrite history:

- CHECKs on names, currencies, types, sides, amounts, and the guarded balance of allow_negative=false accounts;
- triggers that refuse UPDATE, DELETE and TRUNCATE of entries and lines;
- a trigger that refuses lines added to an entry posted by an earlier transaction;
- a deferred constraint trigger that refuses, at commit, an entry with fewer than two lines, unbalanced lines or
  lines on accounts of another currency (once per entry, reading each line's account by key, as V2).

Two choices differ from the Java migration, both for Django:
- "posted by this transaction" cannot be ``xmin = pg_current_xact_id()``: Django posts inside savepoints (nested
  ``atomic()``), whose rows carry a subtransaction's xid. Each entry's id is noted in a transaction-local setting
  instead, which a rolled-back savepoint reverts with its rows.
- TRUNCATE is refused except in a test run's sessions (core.tests.runner), which empty tables by TRUNCATE.
"""
from django.db import migrations

FORWARD = r"""
ALTER TABLE ledger_account
    ADD CONSTRAINT ledger_account_name_length CHECK (char_length(name) BETWEEN 1 AND 200),
    ADD CONSTRAINT ledger_account_currency_code CHECK (currency ~ '^[A-Z]{3}$'),
    ADD CONSTRAINT ledger_account_type_known CHECK (type IN ('asset', 'liability', 'equity', 'revenue', 'expense')),
    ADD CONSTRAINT ledger_account_normal_balance_side CHECK (normal_balance IN ('debit', 'credit')),
    ADD CONSTRAINT ledger_account_debits_not_negative CHECK (debits >= 0),
    ADD CONSTRAINT ledger_account_credits_not_negative CHECK (credits >= 0),
    ADD CONSTRAINT ledger_account_normal_balance_follows_type CHECK (
        (type IN ('asset', 'expense') AND normal_balance = 'debit')
        OR (type IN ('liability', 'equity', 'revenue') AND normal_balance = 'credit')),
    ADD CONSTRAINT ledger_account_guarded_balance_not_negative CHECK (
        allow_negative
        OR (normal_balance = 'debit' AND debits >= credits)
        OR (normal_balance = 'credit' AND credits >= debits));

ALTER TABLE ledger_journal_entry
    ADD CONSTRAINT ledger_journal_entry_reference_length CHECK (char_length(reference) BETWEEN 1 AND 255),
    ADD CONSTRAINT ledger_journal_entry_currency_code CHECK (currency ~ '^[A-Z]{3}$'),
    ADD CONSTRAINT ledger_journal_entry_description_length CHECK (char_length(description) <= 500),
    ADD CONSTRAINT ledger_journal_entry_metadata_object CHECK (jsonb_typeof(metadata) = 'object');

ALTER TABLE ledger_entry_line
    ADD CONSTRAINT ledger_entry_line_line_no_not_negative CHECK (line_no >= 0),
    ADD CONSTRAINT ledger_entry_line_direction_side CHECK (direction IN ('debit', 'credit')),
    ADD CONSTRAINT ledger_entry_line_amount_positive CHECK (amount > 0);

-- Entries are facts: once written they never change and never disappear.
CREATE FUNCTION ledger_refuse_journal_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT AS
$$
BEGIN
    IF TG_OP = 'TRUNCATE' AND current_setting('cutover.test_run', true) = 'on' THEN
        RETURN NULL;  -- Django's test runner (core.tests.runner) empties the tables between tests
    END IF;
    RAISE EXCEPTION 'journal entries are immutable: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER ledger_journal_entry_immutable
    BEFORE UPDATE OR DELETE ON ledger_journal_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_journal_change();
CREATE TRIGGER ledger_journal_entry_no_truncate
    BEFORE TRUNCATE ON ledger_journal_entry
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_journal_change();
CREATE TRIGGER ledger_entry_line_immutable
    BEFORE UPDATE OR DELETE ON ledger_entry_line
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_journal_change();
CREATE TRIGGER ledger_entry_line_no_truncate
    BEFORE TRUNCATE ON ledger_entry_line
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_journal_change();

-- Lines belong to the transaction that posts their entry: each new entry is noted in a transaction-local setting
-- (reverted with a rolled-back savepoint), and a line is only accepted for an entry noted there.
CREATE FUNCTION ledger_note_posted_entry() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT AS
$$
BEGIN
    PERFORM set_config('ledger.entries_posted_here',
                       coalesce(nullif(current_setting('ledger.entries_posted_here', true), ''), ' ') || NEW.id || ' ',
                       true);
    RETURN NULL;
END;
$$;

CREATE TRIGGER ledger_journal_entry_noted
    AFTER INSERT ON ledger_journal_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_note_posted_entry();

CREATE FUNCTION ledger_refuse_late_lines() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT AS
$$
BEGIN
    IF strpos(coalesce(current_setting('ledger.entries_posted_here', true), ''), ' ' || NEW.entry_id || ' ') = 0 THEN
        RAISE EXCEPTION 'journal entries are immutable: lines can only be added when entry % is posted', NEW.entry_id
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER ledger_entry_line_only_with_its_entry
    BEFORE INSERT ON ledger_entry_line
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_late_lines();

-- At commit, every entry must have two lines or more, balance and stay within its currency.
CREATE FUNCTION ledger_check_entry_consistent() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT AS
$$
DECLARE
    net              bigint;
    line_count       int;
    foreign_currency int;
BEGIN
    SELECT coalesce(sum(CASE l.direction WHEN 'debit' THEN l.amount ELSE -l.amount END), 0),
           count(*),
           count(*) FILTER (WHERE (SELECT a.currency FROM ledger_account a WHERE a.id = l.account_id)
                                  IS DISTINCT FROM NEW.currency)
      INTO net, line_count, foreign_currency
      FROM ledger_entry_line l
     WHERE l.entry_id = NEW.id;
    IF line_count < 2 THEN
        RAISE EXCEPTION 'entry % has fewer than two lines', NEW.id USING ERRCODE = 'check_violation';
    END IF;
    IF net <> 0 THEN
        RAISE EXCEPTION 'entry % is unbalanced by %', NEW.id, net USING ERRCODE = 'check_violation';
    END IF;
    IF foreign_currency > 0 THEN
        RAISE EXCEPTION 'entry % mixes currencies', NEW.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER ledger_journal_entry_consistent
    AFTER INSERT ON ledger_journal_entry
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger_check_entry_consistent();
"""

BACKWARD = r"""
DROP TRIGGER ledger_journal_entry_consistent ON ledger_journal_entry;
DROP FUNCTION ledger_check_entry_consistent();
DROP TRIGGER ledger_entry_line_only_with_its_entry ON ledger_entry_line;
DROP FUNCTION ledger_refuse_late_lines();
DROP TRIGGER ledger_journal_entry_noted ON ledger_journal_entry;
DROP FUNCTION ledger_note_posted_entry();
DROP TRIGGER ledger_entry_line_no_truncate ON ledger_entry_line;
DROP TRIGGER ledger_entry_line_immutable ON ledger_entry_line;
DROP TRIGGER ledger_journal_entry_no_truncate ON ledger_journal_entry;
DROP TRIGGER ledger_journal_entry_immutable ON ledger_journal_entry;
DROP FUNCTION ledger_refuse_journal_change();
ALTER TABLE ledger_entry_line
    DROP CONSTRAINT ledger_entry_line_amount_positive,
    DROP CONSTRAINT ledger_entry_line_direction_side,
    DROP CONSTRAINT ledger_entry_line_line_no_not_negative;
ALTER TABLE ledger_journal_entry
    DROP CONSTRAINT ledger_journal_entry_metadata_object,
    DROP CONSTRAINT ledger_journal_entry_description_length,
    DROP CONSTRAINT ledger_journal_entry_currency_code,
    DROP CONSTRAINT ledger_journal_entry_reference_length;
ALTER TABLE ledger_account
    DROP CONSTRAINT ledger_account_guarded_balance_not_negative,
    DROP CONSTRAINT ledger_account_normal_balance_follows_type,
    DROP CONSTRAINT ledger_account_credits_not_negative,
    DROP CONSTRAINT ledger_account_debits_not_negative,
    DROP CONSTRAINT ledger_account_normal_balance_side,
    DROP CONSTRAINT ledger_account_type_known,
    DROP CONSTRAINT ledger_account_currency_code,
    DROP CONSTRAINT ledger_account_name_length;
"""


class Migration(migrations.Migration):

    dependencies = [
        ("ledger", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
