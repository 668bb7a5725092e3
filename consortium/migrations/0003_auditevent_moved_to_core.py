"""The audit trail now belongs to the core app; its table stays (state-only)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [("consortium", "0002_initial"), ("core", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AuditEvent")],
            database_operations=[],
        ),
    ]
