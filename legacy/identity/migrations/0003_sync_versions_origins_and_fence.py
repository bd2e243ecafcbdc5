"""
Change data capture with the new identity service (the Java side's ADR 63 and 66), as its Flyway migration V2 does
it: users, KYC records and verifications count their changes (``row_version``) and remember which side a sync copied
them from (``sync_origin``, null when this application wrote them). A trigger keeps both (core's
``sync_stamp_version``), so no code path has to.
The identity service's watermarks (ADR 64) go into ``identity_sync_fence``.
"""
from django.db import migrations, models

TABLES = ("identity_user", "identity_kyc_record", "identity_verification")

FORWARD = "".join(f"""
CREATE TRIGGER {table}_sync_version BEFORE INSERT OR UPDATE ON {table}
    FOR EACH ROW EXECUTE FUNCTION sync_stamp_version();
""" for table in TABLES)

BACKWARD = "".join(f"DROP TRIGGER {table}_sync_version ON {table};\n" for table in TABLES)


def _versioned(model):
    return [
        migrations.AddField(model_name=model, name="row_version", field=models.BigIntegerField(default=1)),
        migrations.AddField(model_name=model, name="sync_origin", field=models.TextField(null=True)),
    ]


class Migration(migrations.Migration):

    dependencies = [
        ("identity", "0002_database_guarantees"),
        ("core", "0002_sync_stamp_version"),
    ]

    operations = [
        *_versioned("user"),
        *_versioned("kycrecord"),
        *_versioned("verification"),
        migrations.RunSQL(FORWARD, BACKWARD),
        migrations.CreateModel(
            name="SyncFence",
            fields=[
                ("id", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("created_at", models.DateTimeField()),
            ],
            options={"db_table": "identity_sync_fence"},
        ),
    ]
