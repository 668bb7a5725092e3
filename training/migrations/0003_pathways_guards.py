"""Rules PostgreSQL itself keeps for pathways: an enrolment's stage, a result's stage and a score's
component belong to the same pathway (``PATHWAY_GUARD_SQL``). SQLite relies on the services."""

from django.db import migrations

from training.models.pathways import PATHWAY_GUARD_REVERSE_SQL, PATHWAY_GUARD_SQL


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, None)
    return run


class Migration(migrations.Migration):
    dependencies = [("training", "0002_pathways")]

    operations = [migrations.RunPython(_run(PATHWAY_GUARD_SQL), _run(PATHWAY_GUARD_REVERSE_SQL))]
