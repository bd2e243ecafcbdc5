-- The commit-time consistency check runs once per entry, not once per line, and reads each line's account by
-- its key. V1 joined entry_lines to accounts: with statistics that lag a fast-growing journal, Postgres chose
-- to hash-join and read every account for every line. A scalar subquery per line cannot be planned that way.
-- Checking the entry also refuses an entry committed without any line, which a per-line trigger never saw.

DROP TRIGGER entry_lines_consistent ON entry_lines;
DROP FUNCTION check_entry_consistent();

CREATE FUNCTION check_entry_consistent() RETURNS trigger
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
           count(*) FILTER (WHERE (SELECT a.currency FROM accounts a WHERE a.id = l.account_id) IS DISTINCT FROM NEW.currency)
      INTO net, line_count, foreign_currency
      FROM entry_lines l
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

CREATE CONSTRAINT TRIGGER journal_entries_consistent
    AFTER INSERT ON journal_entries
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION check_entry_consistent();
