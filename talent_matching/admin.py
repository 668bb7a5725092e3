# --- matching ---
from django.contrib import admin  # noqa: E402

from core.admin import ReadOnlyConsoleAdmin  # noqa: E402
from talent_matching.models import MatchResult, MatchRun  # noqa: E402


@admin.register(MatchRun)
class MatchRunAdmin(ReadOnlyConsoleAdmin):
    """Matching runs, read-only: started on the secretariat's matching page or by the schedule."""

    list_display = ("created_at", "status", "started_by", "done", "total", "finished_at")
    list_filter = ("status",)
    list_select_related = ("started_by",)
    fields = readonly_fields = ("status", "done", "total", "summary", "error", "started_by", "created_at",
                                "started_at", "finished_at")


@admin.register(MatchResult)
class MatchResultAdmin(ReadOnlyConsoleAdmin):
    """The pairs of the runs, read-only (written in bulk by each run)."""

    list_display = ("run", "posting", "profile", "score", "posting_rank", "profile_rank")
    list_select_related = ("run", "posting", "profile__student")
    raw_id_fields = ("run", "posting", "profile")
    search_fields = ("posting__title",)
    show_full_result_count = False
    fields = readonly_fields = ("run", "posting", "profile", "score", "parts", "posting_rank", "profile_rank")
# --- end of matching ---
