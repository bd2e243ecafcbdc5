-- Change data capture with the legacy monolith (ADR 63, ADR 66). Users, KYC records and verifications count their
-- changes (row_version) and remember which side a sync copied them from (sync_origin, null when this service wrote
-- them). A trigger keeps both: this service's own writes bump the version and clear the origin; the sync's writes,
-- made in a transaction that names their side in the setting cutover.sync_origin, keep the version they carry and
-- record the origin. A sync write also bumps the optimistic-lock column, so an edit this service began before it
-- fails instead of overwriting what the sync brought.

ALTER TABLE users         ADD COLUMN row_version bigint NOT NULL DEFAULT 1, ADD COLUMN sync_origin text;
ALTER TABLE kyc_records   ADD COLUMN row_version bigint NOT NULL DEFAULT 1, ADD COLUMN sync_origin text;
ALTER TABLE verifications ADD COLUMN row_version bigint NOT NULL DEFAULT 1, ADD COLUMN sync_origin text;

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
        NEW.version := CASE WHEN TG_OP = 'UPDATE' THEN OLD.version + 1 ELSE coalesce(NEW.version, 0) END;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER users_sync_version BEFORE INSERT OR UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION stamp_sync_version();
CREATE TRIGGER kyc_records_sync_version BEFORE INSERT OR UPDATE ON kyc_records
    FOR EACH ROW EXECUTE FUNCTION stamp_sync_version();
CREATE TRIGGER verifications_sync_version BEFORE INSERT OR UPDATE ON verifications
    FOR EACH ROW EXECUTE FUNCTION stamp_sync_version();

-- Where each change stream has read up to (Debezium's offsets), so that a restart goes on from there.
CREATE TABLE sync_offsets (
    stream       text        NOT NULL,
    offset_key   bytea       NOT NULL,
    offset_value bytea,
    saved_at     timestamptz NOT NULL,
    PRIMARY KEY (stream, offset_key)
);

-- Watermarks for the change streams (ADR 64).
CREATE TABLE sync_fences (
    id          text        PRIMARY KEY,
    created_at  timestamptz NOT NULL
);
