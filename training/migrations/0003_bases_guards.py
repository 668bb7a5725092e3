"""Rules PostgreSQL itself keeps for the bases part: no two accepted bookings of one training base
overlap (an exclusion constraint over the booking's time range, with btree_gist). SQLite, the
demo's database, relies on the service alone."""

from django.db import migrations

from training.models.bases import BOOKING_NO_OVERLAP_REVERSE_SQL, BOOKING_NO_OVERLAP_SQL


def _run(*statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql, None)
    return run


class Migration(migrations.Migration):
    dependencies = [("training", "0002_bases")]

    operations = [
        migrations.RunPython(_run(BOOKING_NO_OVERLAP_SQL), _run(BOOKING_NO_OVERLAP_REVERSE_SQL)),
    ]
