"""The audit trail moves here from the consortium app: the model only, the table stays
(state-only); then the named decision events get their column."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("consortium", "0002_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("members", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEvent",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("occurred_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="time")),
                        ("actor_label", models.CharField(blank=True, max_length=150, verbose_name="user name")),
                        ("action", models.CharField(choices=[("create", "Created"), ("update", "Changed"), ("delete", "Deleted"), ("login", "Signed in"), ("logout", "Signed out"), ("login_failed", "Failed sign-in")], max_length=16, verbose_name="action")),
                        ("source", models.CharField(choices=[("site", "Portal"), ("api", "API"), ("admin", "Admin console"), ("system", "System")], max_length=8, verbose_name="channel")),
                        ("object_id", models.CharField(blank=True, max_length=64, verbose_name="object id")),
                        ("object_repr", models.CharField(blank=True, max_length=200, verbose_name="object")),
                        ("changes", models.JSONField(blank=True, default=dict, verbose_name="changes")),
                        ("ip_address", models.GenericIPAddressField(blank=True, null=True, verbose_name="IP address")),
                        ("actor", models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="user")),
                        ("content_type", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to="contenttypes.contenttype", verbose_name="object type")),
                        ("organization", models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUDIT_ORGANIZATION_MODEL, verbose_name="organisation")),
                    ],
                    options={
                        "verbose_name": "audit event",
                        "verbose_name_plural": "audit trail",
                        "ordering": ["-occurred_at", "-id"],
                        "db_table": "consortium_auditevent",
                        "indexes": [
                            models.Index(fields=["content_type", "object_id"], name="consortium__content_c4b954_idx"),
                            models.Index(fields=["organization", "-occurred_at"], name="consortium__organiz_f036b6_idx"),
                            models.Index(fields=["actor", "-occurred_at"], name="consortium__actor_i_6ca837_idx"),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
