"""What PostgreSQL itself keeps for competition teams, whatever writes to it: a member belongs to
the category of their team, and a team holds no more students than its category allows.
(SQLite, the demo's database, relies on the services alone.)"""

from django.db import migrations

from training.models.competitions import (
    COMPETITION_TEAM_GUARD_REVERSE_SQL,
    COMPETITION_TEAM_GUARD_SQL,
)


def _run(*statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql, None)
    return run


class Migration(migrations.Migration):
    dependencies = [("training", "0002_competitions")]

    operations = [
        migrations.RunPython(_run(COMPETITION_TEAM_GUARD_SQL), _run(COMPETITION_TEAM_GUARD_REVERSE_SQL)),
    ]
