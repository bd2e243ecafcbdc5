-- The ledger's own schema: accounts with their running totals, immutable journal entries and lines.
-- Every invariant the Java code checks is also held here, so no code path can break it.

CREATE TABLE accounts (
    id             text        PRIMARY KEY,
    name           text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    currency       text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    type           text        NOT NULL CHECK (type IN ('asset', 'liability', 'equity', 'revenue', 'expense')),
    normal_balance text        NOT NULL CHECK (normal_balance IN ('debit', 'credit')),
    allow_negative boolean     NOT NULL,
    owner_id       text,
    debits         bigint      NOT NULL DEFAULT 0 CHECK (debits >= 0),
    credits        bigint      NOT NULL DEFAULT 0 CHECK (credits >= 0),
    created_at     timestamptz NOT NULL,
    CONSTRAINT normal_balance_follows_type CHECK (
        (type IN ('asset', 'expense') AND normal_balance = 'debit')
        OR (type IN ('liability', 'equity', 'revenue') AND normal_balance = 'credit')),
    CONSTRAINT guarded_balance_not_negative CHECK (
        allow_negative
        OR (normal_balance = 'debit' AND debits >= credits)
        OR (normal_balance = 'credit' AND credits >= debits))
);

CREATE INDEX accounts_newest_first ON accounts (created_at DESC, id DESC);
CREATE INDEX accounts_by_owner ON accounts (owner_id, created_at DESC, id DESC) WHERE owner_id IS NOT NULL;

CREATE TABLE journal_entries (
    id          text        PRIMARY KEY,
    reference   text        NOT NULL UNIQUE CHECK (char_length(reference) BETWEEN 1 AND 255),
    currency    text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    description text        CHECK (char_length(description) <= 500),
    metadata    jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(metadata) = 'object'),
    fingerprint text        NOT NULL,
    reversal_of text        UNIQUE REFERENCES journal_entries (id),
    posted_at   timestamptz NOT NULL
);

CREATE TABLE entry_lines (
    entry_id   text        NOT NULL REFERENCES journal_entries (id),
    line_no    integer     NOT NULL CHECK (line_no >= 0),
    account_id text        NOT NULL REFERENCES accounts (id),
    direction  text        NOT NULL CHECK (direction IN ('debit', 'credit')),
    amount     bigint      NOT NULL CHECK (amount > 0),
    posted_at  timestamptz NOT NULL,
    PRIMARY KEY (entry_id, line_no)
);

-- Per-account history (listing, as_of balances) walks this index newest first.
CREATE INDEX entry_lines_by_account ON entry_lines (account_id, posted_at DESC, entry_id DESC);

-- Entries are facts: once written they never change and never disappear.
CREATE FUNCTION refuse_journal_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT AS
$$
BEGIN
    RAISE EXCEPTION 'journal entries are immutable: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER journal_entries_immutable
    BEFORE UPDATE OR DELETE ON journal_entries
    FOR EACH ROW EXECUTE FUNCTION refuse_journal_change();
CREATE TRIGGER journal_entries_no_truncate
    BEFORE TRUNCATE ON journal_entries
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_journal_change();
CREATE TRIGGER entry_lines_immutable
    BEFORE UPDATE OR DELETE ON entry_lines
    FOR EACH ROW EXECUTE FUNCTION refuse_journal_change();
CREATE TRIGGER entry_lines_no_truncate
    BEFORE TRUNCATE ON entry_lines
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_journal_change();

-- Lines belong to the transaction that posts their entry; adding lines to an entry posted earlier
-- would change it.
CREATE FUNCTION refuse_late_lines() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT AS
$$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM journal_entries
                   WHERE id = NEW.entry_id AND xmin = pg_current_xact_id()::xid) THEN
        RAISE EXCEPTION 'journal entries are immutable: lines can only be added when entry % is posted', NEW.entry_id
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER entry_lines_only_with_their_entry
    BEFORE INSERT ON entry_lines
    FOR EACH ROW EXECUTE FUNCTION refuse_late_lines();

-- At commit, every entry that received lines must balance and stay within its currency.
CREATE FUNCTION check_entry_consistent() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT AS
$$
DECLARE
    net        bigint;
    line_count int;
    foreign_currency int;
BEGIN
    SELECT coalesce(sum(CASE l.direction WHEN 'debit' THEN l.amount ELSE -l.amount END), 0),
           count(*),
           count(*) FILTER (WHERE a.currency <> e.currency)
      INTO net, line_count, foreign_currency
      FROM entry_lines l
      JOIN accounts a ON a.id = l.account_id
      JOIN journal_entries e ON e.id = l.entry_id
     WHERE l.entry_id = NEW.entry_id;
    IF line_count < 2 THEN
        RAISE EXCEPTION 'entry % has fewer than two lines', NEW.entry_id USING ERRCODE = 'check_violation';
    END IF;
    IF net <> 0 THEN
        RAISE EXCEPTION 'entry % is unbalanced by %', NEW.entry_id, net USING ERRCODE = 'check_violation';
    END IF;
    IF foreign_currency > 0 THEN
        RAISE EXCEPTION 'entry % mixes currencies', NEW.entry_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER entry_lines_consistent
    AFTER INSERT ON entry_lines
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION check_entry_consistent();

-- Creating POSTs with an Idempotency-Key (accounts here): see dev.cutover.kit.idempotency.
CREATE TABLE idempotency_keys (
    scope           text        NOT NULL,
    idempotency_key text        NOT NULL CHECK (char_length(idempotency_key) BETWEEN 1 AND 255),
    fingerprint     text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('in_flight', 'done')),
    response_status int,
    response_body   text,
    locked_at       timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (scope, idempotency_key),
    CHECK (state = 'in_flight' OR (response_status IS NOT NULL AND response_body IS NOT NULL))
);

CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
