"""Rules PostgreSQL itself keeps for the training app, whatever writes to it (SQLite, the demo's
database, relies on the services alone): each part's guards, defined beside its models."""

from django.db import migrations

from training.models.bases import BOOKING_NO_OVERLAP_REVERSE_SQL, BOOKING_NO_OVERLAP_SQL
from training.models.competitions import COMPETITION_TEAM_GUARD_REVERSE_SQL, COMPETITION_TEAM_GUARD_SQL
from training.models.courses import COURSE_VERSION_GUARD_REVERSE_SQL, COURSE_VERSION_GUARD_SQL
from training.models.mentors import MENTOR_OVERLAP_GUARD_REVERSE_SQL, MENTOR_OVERLAP_GUARD_SQL
from training.models.pathways import PATHWAY_GUARD_REVERSE_SQL, PATHWAY_GUARD_SQL
from training.models.teachers import (
    PRACTICE_NO_OVERLAP_REVERSE_SQL, PRACTICE_NO_OVERLAP_SQL, SIGNED_OFF_LOCK_SQL, SIGNED_OFF_UNLOCK_SQL,
)


def _run(*statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql, None)
    return run


FORWARD = [
    BOOKING_NO_OVERLAP_SQL,
    COMPETITION_TEAM_GUARD_SQL,
    COURSE_VERSION_GUARD_SQL,
    MENTOR_OVERLAP_GUARD_SQL,
    PATHWAY_GUARD_SQL,
    SIGNED_OFF_LOCK_SQL,
    PRACTICE_NO_OVERLAP_SQL,
]
REVERSE = [
    SIGNED_OFF_UNLOCK_SQL,
    PRACTICE_NO_OVERLAP_REVERSE_SQL,
    PATHWAY_GUARD_REVERSE_SQL,
    MENTOR_OVERLAP_GUARD_REVERSE_SQL,
    COURSE_VERSION_GUARD_REVERSE_SQL,
    COMPETITION_TEAM_GUARD_REVERSE_SQL,
    BOOKING_NO_OVERLAP_REVERSE_SQL,
]


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [migrations.RunPython(_run(*FORWARD), _run(*REVERSE))]
