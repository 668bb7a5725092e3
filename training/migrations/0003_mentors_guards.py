"""Rules PostgreSQL itself keeps for industry mentors: one mentor never holds two live
appointments at one school whose terms overlap. (SQLite, the demo's database, relies on the
services alone.)"""

from django.db import migrations

from training.models.mentors import MENTOR_OVERLAP_GUARD_REVERSE_SQL, MENTOR_OVERLAP_GUARD_SQL


def _run(*statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql, None)
    return run


class Migration(migrations.Migration):
    dependencies = [("training", "0002_mentors")]

    operations = [
        migrations.RunPython(_run(MENTOR_OVERLAP_GUARD_SQL), _run(MENTOR_OVERLAP_GUARD_REVERSE_SQL)),
    ]
