"""
The trigger function every synced table of the monolith uses for change data capture with the new services (their
ADR 63), one for all apps: a row counts its changes (``row_version``) and remembers which side a sync copied it from
(``sync_origin``, null when this application wrote it). This application's writes bump the version and clear the
origin; a sync's writes, made in a transaction that names their side in the setting ``cutover.sync_origin``, keep the
version they carry and record the origin. (Payments' tables, synced first, have their own copy from payments 0003.)
"""
from django.db import migrations

FORWARD = r"""
CREATE FUNCTION sync_stamp_version() RETURNS trigger
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
"""


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(FORWARD, "DROP FUNCTION sync_stamp_version();\n"),
    ]
