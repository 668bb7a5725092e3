"""Admin console: motions, votes, recusals and resolutions — read-only, for they are records:
every change goes through ``services.votes`` (the pages and the API), which keep the rules."""

from django.contrib import admin

from consortium.governance.models import Motion, Recusal, Resolution, Vote
from core.admin import ReadOnlyConsoleAdmin, ReadOnlyInline


class RecusalInline(ReadOnlyInline):
    model = Recusal
    fields = ("seat", "reason", "declared_by", "declared_at")
    extra = 0


class VoteInline(ReadOnlyInline):
    model = Vote
    fields = ("seat", "choice", "weight", "cast_by", "cast_at")
    extra = 0


@admin.register(Motion)
class MotionAdmin(ReadOnlyConsoleAdmin):
    """动议, read-only: proposed, opened, closed and withdrawn on the motion's page."""

    list_display = ("title", "body", "matter", "rule", "mode", "status", "deadline", "created_at")
    list_filter = ("status", "matter", "mode", "body")
    search_fields = ("title", "text")
    list_select_related = ("body",)
    inlines = [RecusalInline, VoteInline]


@admin.register(Vote)
class VoteAdmin(ReadOnlyConsoleAdmin):
    list_display = ("motion", "seat", "choice", "weight", "cast_at")
    list_filter = ("choice",)
    search_fields = ("motion__title", "seat__organization__name_zh")
    list_select_related = ("motion", "seat__body", "seat__organization")


@admin.register(Recusal)
class RecusalAdmin(ReadOnlyConsoleAdmin):
    list_display = ("motion", "seat", "reason", "declared_at")
    search_fields = ("motion__title", "seat__organization__name_zh", "reason")
    list_select_related = ("motion", "seat__body", "seat__organization")


@admin.register(Resolution)
class ResolutionAdmin(ReadOnlyConsoleAdmin):
    """决议, read-only: numbered when a motion is adopted; disclosed on the resolution's page."""

    list_display = ("number", "title", "body", "adopted_on", "is_public")
    list_filter = ("body", "year", "is_public")
    search_fields = ("number", "title", "text")
    list_select_related = ("body",)
