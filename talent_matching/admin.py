"""The admin console's views of the talent platform, one block per part."""

from django.contrib import admin

from core.admin import ReadOnlyConsoleAdmin

# --- applications ---
from talent_matching.models import Application, ApplicationEvent, ApplicationMessage  # noqa: E402


@admin.register(ApplicationEvent)
class ApplicationEventAdmin(ReadOnlyConsoleAdmin):
    list_display = ("application", "stage_from", "stage_to", "actor", "at")
    list_filter = ("stage_to",)
    list_select_related = ("application__profile__student", "application__posting", "actor")
    search_fields = ("application__posting__title", "application__profile__student__full_name")


@admin.register(Application)
class ApplicationAdmin(ReadOnlyConsoleAdmin):
    """求职申请, read-only: every step goes through the services (and is e-mailed)."""

    list_display = ("profile", "posting", "stage", "origin", "updated_at")
    list_filter = ("stage", "origin")
    search_fields = ("profile__student__full_name", "profile__student__username", "posting__title",
                     "posting__organization__name_zh")
    list_select_related = ("profile__student", "posting")


@admin.register(ApplicationMessage)
class ApplicationMessageAdmin(ReadOnlyConsoleAdmin):
    list_display = ("application", "from_student", "author", "at")
    list_filter = ("from_student",)
    list_select_related = ("application__profile__student", "application__posting", "author")
    search_fields = ("body",)
# --- end applications ---
