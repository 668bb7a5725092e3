"""Admin console: meetings, their documents, and people's notifications and e-mail settings.
A meeting's time and place are changed here through ``services.meetings.meeting_update`` (the
invitees are told); scheduling, the agenda, answers and attendance are done on the meeting pages."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from consortium.governance.models import (
    AgendaDocument, AgendaItem, CalendarFeed, Meeting, MeetingSeat, Notification, NotificationPreference,
)
from core.admin import ConsoleAdmin, ConsoleInline, ReadOnlyConsoleAdmin


class AgendaItemInline(ConsoleInline, admin.TabularInline):
    model = AgendaItem
    fields = ["position", "title", "presenter"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MeetingSeatInline(ConsoleInline, admin.TabularInline):
    model = MeetingSeat
    fields = ["seat", "weight", "rsvp", "attendance", "answered_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(ConsoleAdmin):
    list_display = ["title", "body", "starts_at", "location", "status"]
    list_filter = ["status", "body"]
    search_fields = ["title", "location"]
    date_hierarchy = "starts_at"
    fields = ["body", "title", "starts_at", "ends_at", "location", "description", "status", "cancel_reason",
              "created_by"]
    readonly_fields = ["body", "status", "cancel_reason", "created_by"]
    inlines = [AgendaItemInline, MeetingSeatInline]
    list_select_related = ["body"]

    def has_add_permission(self, request, *args):
        return False  # scheduled on the meetings pages, which invite the seats

    def has_delete_permission(self, request, obj=None):
        return False  # cancelled, never deleted

    def save_model(self, request, obj, form, change):
        from consortium.governance.services import meetings as services

        original = Meeting.objects.get(pk=obj.pk)
        try:
            services.meeting_update(meeting=original, actor=request.user, title=obj.title, starts_at=obj.starts_at,
                                    ends_at=obj.ends_at, location=obj.location, description=obj.description)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))

    def save_related(self, request, form, formsets, change):
        pass


@admin.register(AgendaDocument)
class AgendaDocumentAdmin(ReadOnlyConsoleAdmin):
    list_display = ["name", "meeting", "agenda_item", "content_type", "size", "uploaded_at"]
    search_fields = ["name", "meeting__title"]
    list_select_related = ["meeting", "agenda_item"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyConsoleAdmin):
    list_display = ["person", "text", "created_at", "read_at", "mailed_at"]
    list_filter = [("read_at", admin.EmptyFieldListFilter), ("mailed_at", admin.EmptyFieldListFilter)]
    search_fields = ["text", "person__username", "person__full_name"]
    list_select_related = ["person"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyConsoleAdmin):
    list_display = ["person", "mode", "updated_at"]
    list_filter = ["mode"]
    search_fields = ["person__username", "person__full_name"]
    list_select_related = ["person"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(ReadOnlyConsoleAdmin):
    """Who has a calendar subscription; its secret address is never shown."""

    list_display = ["person", "created_at"]
    search_fields = ["person__username", "person__full_name"]
    exclude = ["token"]
    list_select_related = ["person"]
