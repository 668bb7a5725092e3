"""Admin console: action items and their progress notes, read-only — every change (creating
from a resolution, notes, done, cancelled, reminders) goes through ``services.actions`` on the
pages, which check who may."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from consortium.governance.models import ActionItem, ActionNote
from core.admin import ReadOnlyConsoleAdmin, ReadOnlyInline, date_column


class ActionNoteInline(ReadOnlyInline):
    model = ActionNote
    fields = ("created_at", "author", "percent", "text")


@admin.register(ActionItem)
class ActionItemAdmin(ReadOnlyConsoleAdmin):
    list_display = ("title", "resolution", "owner", date_column("due_on", _("due")), "status", "progress",
                    "overdue")
    list_select_related = ("resolution", "owner")
    list_filter = ("status", "due_on")
    search_fields = ("title", "resolution__number", "owner__name_zh")
    inlines = [ActionNoteInline]

    @admin.display(description=_("Overdue"), boolean=True)
    def overdue(self, item):
        return item.is_overdue


@admin.register(ActionNote)
class ActionNoteAdmin(ReadOnlyConsoleAdmin):
    list_display = ("item", "author", "percent", date_column("created_at", _("written"), with_time=True))
    list_select_related = ("item", "author")
    search_fields = ("item__title", "text")
