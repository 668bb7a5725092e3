"""Regions and industries now belong to the reference app; their tables stay (state-only)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("talent_matching", "0002_reference_data"),
        ("members", "0005_reference_models_moved"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Industry"), migrations.DeleteModel(name="Region")],
            database_operations=[],
        ),
    ]
