"""The payments service's watermark table for its change streams (as its Flyway migration V3 on the new side)."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("payments", "0003_sync_versions_and_origins"),
    ]

    operations = [
        migrations.CreateModel(
            name="SyncFence",
            fields=[
                ("id", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("created_at", models.DateTimeField()),
            ],
            options={"db_table": "payments_sync_fence"},
        ),
    ]
