"""The console's pages for the site's own models: the audit trail."""

from django.contrib import admin
from django.contrib.auth.models import Group

from core.admin import ReadOnlyConsoleAdmin
from core.models import AuditEvent

# The portal's rights are its access rules, not Django's groups.
admin.site.unregister(Group)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyConsoleAdmin):
    list_display = ["occurred_at", "actor_label", "organization", "action", "event", "source", "content_type", "object_repr", "ip_address"]
    list_filter = ["action", "source", "content_type", "occurred_at"]
    search_fields = ["actor_label", "object_repr", "object_id", "ip_address"]
    list_select_related = ["organization", "content_type"]
    date_hierarchy = "occurred_at"
    show_full_result_count = False
