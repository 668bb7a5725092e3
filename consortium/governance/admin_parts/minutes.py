"""Admin console: minutes — read in the console; drafted, voted, corrected and disclosed on the
minutes pages (approved versions are locked, so nothing here edits them)."""

from django.contrib import admin

from consortium.governance.models import Minutes, MinutesComment, MinutesVersion
from core.admin import ReadOnlyConsoleAdmin


@admin.register(Minutes)
class MinutesAdmin(ReadOnlyConsoleAdmin):
    list_display = ("meeting", "is_public", "created_at")
    list_filter = ("is_public", "meeting__body")
    search_fields = ("meeting__title",)
    list_select_related = ("meeting",)


@admin.register(MinutesVersion)
class MinutesVersionAdmin(ReadOnlyConsoleAdmin):
    list_display = ("minutes", "number", "status", "created_by", "created_at", "approved_at")
    list_filter = ("status", "minutes__meeting__body")
    search_fields = ("minutes__meeting__title", "text")
    list_select_related = ("minutes__meeting", "created_by")


@admin.register(MinutesComment)
class MinutesCommentAdmin(ReadOnlyConsoleAdmin):
    list_display = ("version", "person", "created_at")
    search_fields = ("text", "person__username", "person__full_name")
    list_select_related = ("version__minutes__meeting", "person")
