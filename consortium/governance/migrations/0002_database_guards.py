"""Rules PostgreSQL itself keeps, whatever writes to it: approved minutes are never changed or
deleted, an expense never takes a budget line past its amount without an authorising resolution,
the credit ledger is append-only. (SQLite, the demo's database, relies on the services alone.)"""

from django.db import migrations

from consortium.governance.models.credits import LEDGER_APPEND_ONLY_SQL
from consortium.governance.models.minutes import LOCK_TRIGGER_SQL, UNLOCK_TRIGGER_SQL
from consortium.governance.models.projects import OVERSPEND_GUARD_REVERSE_SQL, OVERSPEND_GUARD_SQL

LEDGER_REVERSE_SQL = """
DROP TRIGGER IF EXISTS governance_credit_entry_append_only ON governance_creditentry;
DROP FUNCTION IF EXISTS governance_credit_entry_append_only();
"""


def _run(*statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql, None)
    return run


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]

    operations = [
        migrations.RunPython(_run(LOCK_TRIGGER_SQL, OVERSPEND_GUARD_SQL, LEDGER_APPEND_ONLY_SQL),
                             _run(UNLOCK_TRIGGER_SQL, OVERSPEND_GUARD_REVERSE_SQL, LEDGER_REVERSE_SQL)),
    ]
