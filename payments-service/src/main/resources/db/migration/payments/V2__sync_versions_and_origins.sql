-- Change data capture with the legacy monolith (ADR 63). Every synced row counts its changes (row_version) and
-- remembers which side a sync copied it from (sync_origin, null when this service wrote it). A trigger keeps both:
-- this service's own writes bump the version and clear the origin; the sync's writes, made in a transaction that
-- names their side in the setting cutover.sync_origin, keep the version they carry and record the origin.

ALTER TABLE payment_methods ADD COLUMN row_version bigint NOT NULL DEFAULT 1, ADD COLUMN sync_origin text;
ALTER TABLE transactions    ADD COLUMN row_version bigint NOT NULL DEFAULT 1, ADD COLUMN sync_origin text;
ALTER TABLE refunds         ADD COLUMN row_version bigint NOT NULL DEFAULT 1, ADD COLUMN sync_origin text;

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

CREATE TRIGGER payment_methods_sync_version BEFORE INSERT OR UPDATE ON payment_methods
    FOR EACH ROW EXECUTE FUNCTION stamp_sync_version();
CREATE TRIGGER transactions_sync_version BEFORE INSERT OR UPDATE ON transactions
    FOR EACH ROW EXECUTE FUNCTION stamp_sync_version();
CREATE TRIGGER refunds_sync_version BEFORE INSERT OR UPDATE ON refunds
    FOR EACH ROW EXECUTE FUNCTION stamp_sync_version();

-- Where each change stream has read up to (Debezium's offsets), so that a restart goes on from there.
CREATE TABLE sync_offsets (
    stream       text        NOT NULL,
    offset_key   bytea       NOT NULL,
    offset_value bytea,
    saved_at     timestamptz NOT NULL,
    PRIMARY KEY (stream, offset_key)
);
