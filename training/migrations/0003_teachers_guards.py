"""Rules PostgreSQL itself keeps for teachers' training records: a signed-off record is never
changed or deleted, and two enterprise-practice periods of one teacher never overlap. (SQLite,
the demo's database, relies on the services alone.)"""

from django.db import migrations

from training.models.teachers import (
    PRACTICE_NO_OVERLAP_REVERSE_SQL, PRACTICE_NO_OVERLAP_SQL, SIGNED_OFF_LOCK_SQL, SIGNED_OFF_UNLOCK_SQL,
)


def _run(*statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql, None)
    return run


class Migration(migrations.Migration):
    dependencies = [("training", "0002_teachers")]

    operations = [
        migrations.RunPython(_run(SIGNED_OFF_LOCK_SQL, PRACTICE_NO_OVERLAP_SQL),
                             _run(SIGNED_OFF_UNLOCK_SQL, PRACTICE_NO_OVERLAP_REVERSE_SQL)),
    ]
