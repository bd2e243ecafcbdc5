"""
Change data capture with the new payments service (the Java side's ADR 63), as its Flyway migration V2 does it:
every synced row counts its changes (``row_version``) and remembers which side a sync copied it from
(``sync_origin``, null when this application wrote it). A trigger keeps both, so no code path has to: this
application's writes bump the version and clear the origin; the sync's writes, made in a transaction that names
their side in the setting ``cutover.sync_origin``, keep the version they carry and record the origin.
"""
from django.db import migrations, models

TABLES = ("payments_payment_method", "payments_transaction", "payments_refund")

FORWARD = r"""
CREATE FUNCTION payments_stamp_sync_version() RETURNS trigger
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
""" + "".join(f"""
CREATE TRIGGER {table}_sync_version BEFORE INSERT OR UPDATE ON {table}
    FOR EACH ROW EXECUTE FUNCTION payments_stamp_sync_version();
""" for table in TABLES)

BACKWARD = "".join(f"DROP TRIGGER {table}_sync_version ON {table};\n" for table in TABLES) \
    + "DROP FUNCTION payments_stamp_sync_version();\n"


def _versioned(model):
    return [
        migrations.AddField(model_name=model, name="row_version", field=models.BigIntegerField(default=1)),
        migrations.AddField(model_name=model, name="sync_origin", field=models.TextField(null=True)),
    ]


class Migration(migrations.Migration):

    dependencies = [
        ("payments", "0002_database_guarantees"),
    ]

    operations = [
        *_versioned("paymentmethod"),
        *_versioned("transaction"),
        *_versioned("refund"),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
