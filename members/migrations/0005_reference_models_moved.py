"""Organisations point at the reference lists in their new app; the columns and their
foreign keys in the database are unchanged (state-only)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0004_login_lockout"),
        ("reference", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="organization",
                    name="industry",
                    field=models.ForeignKey(blank=True, db_column="industry_code", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="organizations", to="reference.industry", to_field="code", verbose_name="industry (GB/T 4754)"),
                ),
                migrations.AlterField(
                    model_name="organization",
                    name="region",
                    field=models.ForeignKey(db_column="region_code", on_delete=django.db.models.deletion.PROTECT, related_name="organizations", to="reference.region", to_field="code", verbose_name="region (GB/T 2260)"),
                ),
            ],
            database_operations=[],
        ),
    ]
