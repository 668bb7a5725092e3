"""The admin console's views of the talent platform's records."""

from django.contrib import admin

from core.admin import ReadOnlyConsoleAdmin

# --- placement ---
from talent_matching.models import (  # noqa: E402
    Placement,
    PlacementResult,
    PlacementRound,
    PlacementRun,
    Refusal,
    RoundPosting,
    StudentPreference,
)


# Placement rounds are read-only here: every change (places, runs, confirmation with its
# transparency-log entries) goes through the pages' services.
@admin.register(PlacementRound)
class PlacementRoundAdmin(ReadOnlyConsoleAdmin):
    list_display = ("name", "kind", "number", "status", "created_at", "confirmed_at")
    list_filter = ("kind", "status")
    search_fields = ("name", "seed")
    date_hierarchy = "created_at"


@admin.register(RoundPosting)
class RoundPostingAdmin(ReadOnlyConsoleAdmin):
    list_display = ("round", "posting", "slots")
    list_select_related = ("round", "posting")
    search_fields = ("round__name", "posting__title")


@admin.register(StudentPreference)
class StudentPreferenceAdmin(ReadOnlyConsoleAdmin):
    list_display = ("round", "profile", "posting", "rank")
    list_select_related = ("round", "profile__student", "posting")
    search_fields = ("round__name", "posting__title", "profile__student__full_name")


@admin.register(Refusal)
class RefusalAdmin(ReadOnlyConsoleAdmin):
    list_display = ("round", "posting", "profile", "by", "at")
    list_select_related = ("round", "posting", "profile__student", "by")


@admin.register(PlacementRun)
class PlacementRunAdmin(ReadOnlyConsoleAdmin):
    list_display = ("round", "at", "placed", "unplaced", "input_digest")
    list_select_related = ("round",)
    search_fields = ("round__name", "input_digest", "result_digest")


@admin.register(PlacementResult)
class PlacementResultAdmin(ReadOnlyConsoleAdmin):
    list_display = ("run", "profile", "posting", "choice", "score", "reason")
    list_filter = ("reason", "score_source")
    list_select_related = ("run__round", "profile__student", "posting")


@admin.register(Placement)
class PlacementAdmin(ReadOnlyConsoleAdmin):
    list_display = ("round", "profile", "posting", "confirmed_at", "log_index")
    list_select_related = ("round", "profile__student", "posting")
    search_fields = ("round__name", "posting__title", "profile__student__full_name")
    date_hierarchy = "confirmed_at"
# --- end placement ---
