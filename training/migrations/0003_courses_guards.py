"""Rules PostgreSQL itself keeps for co-developed courses: a decided course version (approved,
returned, superseded) and its content are never changed. (SQLite relies on the services alone.)"""

from django.db import migrations

from training.models.courses import COURSE_VERSION_GUARD_REVERSE_SQL, COURSE_VERSION_GUARD_SQL


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, None)
    return run


class Migration(migrations.Migration):
    dependencies = [("training", "0002_courses")]

    operations = [
        migrations.RunPython(_run(COURSE_VERSION_GUARD_SQL), _run(COURSE_VERSION_GUARD_REVERSE_SQL)),
    ]
