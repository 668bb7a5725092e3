"""The reference lists move here from talent_matching: the models only, the tables stay
where they are (state-only)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [("talent_matching", "0002_reference_data")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Industry",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("code", models.CharField(max_length=5, unique=True, verbose_name="code")),
                        ("name_zh", models.CharField(max_length=100, verbose_name="Chinese name")),
                        ("name_en", models.CharField(max_length=150, verbose_name="English name")),
                        ("parent", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="children", to="reference.industry", verbose_name="parent")),
                    ],
                    options={
                        "verbose_name": "industry",
                        "verbose_name_plural": "industries",
                        "ordering": ["code"],
                        "db_table": "talent_matching_industry",
                    },
                ),
                migrations.CreateModel(
                    name="Region",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("code", models.CharField(max_length=6, unique=True, verbose_name="code")),
                        ("name", models.CharField(max_length=64, verbose_name="name")),
                        ("level", models.PositiveSmallIntegerField(choices=[(1, "Province"), (2, "City"), (3, "County or district")], verbose_name="level")),
                        ("parent", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="children", to="reference.region", verbose_name="parent")),
                    ],
                    options={
                        "verbose_name": "region",
                        "verbose_name_plural": "regions",
                        "ordering": ["code"],
                        "db_table": "talent_matching_region",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
