"""The console's pages for the site's own models, read-only there: the audit trail (browsed,
filtered and exported on the portal's own page, /audit/) and the announcements (written,
published and withdrawn on the secretariat's pages, /announcements/manage/, through the
services)."""

from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from consortium.models import Announcement, AnnouncementAttachment
from core.admin import ReadOnlyConsoleAdmin, ReadOnlyInline, date_column
from core.audit import audited_content_types, content_type_label, readable_changes
from core.models import AuditEvent

# The portal's rights are its access rules, not Django's groups.
admin.site.unregister(Group)


class ObjectTypeListFilter(admin.SimpleListFilter):
    """Object types by the names people know them by, not app and model."""

    title = _("object type")
    parameter_name = "content_type"

    def lookups(self, request, model_admin):
        choices = [(str(ct.pk), content_type_label(ct)) for ct in audited_content_types()]
        return sorted(choices, key=lambda choice: str(choice[1]))

    def queryset(self, request, queryset):
        return queryset.filter(content_type_id=self.value()) if self.value() else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyConsoleAdmin):
    # The object's type and name in one column, and the time to the minute: the list fits a
    # laptop's screen (the event's own page has the rest, the address included; it is searched).
    list_display = [date_column("occurred_at", _("time"), with_time=True), "actor_label", "organization", "action_shown",
                    "source", "object_shown"]
    list_filter = ["action", "source", ObjectTypeListFilter, "occurred_at"]
    search_fields = ["actor_label", "object_repr", "object_id", "ip_address"]
    list_select_related = ["organization", "content_type"]
    date_hierarchy = "occurred_at"
    show_full_result_count = False
    fields = ["occurred_at", "actor_label", "organization", "action_shown", "source", "object_type", "object_repr",
              "object_id", "changes_shown", "ip_address"]
    readonly_fields = fields
    change_list_template = "admin/core/auditevent/change_list.html"

    @admin.display(description=_("action"))
    def action_shown(self, event):
        return event.action_label()

    @admin.display(description=_("object type"))
    def object_type(self, event):
        return event.object_type_label() or "—"

    @admin.display(description=_("object"), ordering="object_repr")
    def object_shown(self, event):
        kind = event.object_type_label()
        return format_html('<span class="quiet">{}</span> {}', kind, event.object_repr) if kind else event.object_repr

    @admin.display(description=_("changes"))
    def changes_shown(self, event):
        rows = readable_changes([event])[event.pk]
        if not rows:
            return "—"
        return format_html(
            "<table><tbody>{}</tbody></table>",
            format_html_join("", "<tr><th>{}</th><td>{}</td><td>→</td><td>{}</td></tr>",
                             ((label, "∅" if before in (None, "") else before, "∅" if after in (None, "") else after)
                              for label, before, after in rows)),
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "portal_audit_url": reverse("audit_list")}
        return super().changelist_view(request, extra_context)


class AnnouncementAttachmentInline(ReadOnlyInline):
    """An announcement's files, seen here; added and removed on its edit page."""

    model = AnnouncementAttachment
    fields = ["original_name", "content_type", "size", "uploaded_at"]
    readonly_fields = fields


@admin.register(Announcement)
class AnnouncementAdmin(ReadOnlyConsoleAdmin):
    list_display = ["title", "status", "pinned", "published_at", "created_by", "updated_at"]
    list_filter = ["status", "pinned", "published_at"]
    search_fields = ["title", "body"]
    list_select_related = ["created_by"]
    date_hierarchy = "published_at"
    fields = ["title", "body", "status", "pinned", "published_at", "created_by", "created_at", "updated_at"]
    readonly_fields = fields
    inlines = [AnnouncementAttachmentInline]
    change_list_template = "admin/consortium/announcement/change_list.html"

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "portal_manage_url": reverse("announcements:manage")}
        return super().changelist_view(request, extra_context)
