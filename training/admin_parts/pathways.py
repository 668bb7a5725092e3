"""The console's pages of the pathways part: pathways with their stages, enrolments with their
results — read-only; every write goes through the pages' services."""

from django.contrib import admin

from core.admin import ReadOnlyConsoleAdmin, ReadOnlyInline
from training.models import (
    ComponentScore, Pathway, PathwayEnrolment, PathwayStage, PathwayStageCourse, StageResult, TransferComponent,
)


class PathwayStageInline(ReadOnlyInline):
    model = PathwayStage
    fields = ("order", "school", "major", "years", "pass_total", "confirmed_at", "confirmed_by")


@admin.register(Pathway)
class PathwayAdmin(ReadOnlyConsoleAdmin):
    list_display = ("title", "kind", "lead_school", "status", "activated_at")
    list_select_related = ("lead_school",)
    list_filter = ("kind", "status")
    search_fields = ("title", "lead_school__name_zh")
    inlines = [PathwayStageInline]


class TransferComponentInline(ReadOnlyInline):
    model = TransferComponent
    fields = ("position", "name", "weight", "pass_mark")


class StageCourseInline(ReadOnlyInline):
    model = PathwayStageCourse
    fields = ("position", "course", "name")


@admin.register(PathwayStage)
class PathwayStageAdmin(ReadOnlyConsoleAdmin):
    list_display = ("pathway", "order", "school", "major", "years", "pass_total", "confirmed_at")
    list_select_related = ("pathway", "school", "major")
    search_fields = ("pathway__title", "school__name_zh", "major__name_zh", "major__code")
    inlines = [TransferComponentInline, StageCourseInline]


class StageResultInline(ReadOnlyInline):
    model = StageResult
    fields = ("stage", "total", "passed", "recorded_by", "recorded_at", "transferred_at")


@admin.register(PathwayEnrolment)
class PathwayEnrolmentAdmin(ReadOnlyConsoleAdmin):
    list_display = ("student", "pathway", "cohort_year", "stage", "status")
    list_select_related = ("student", "pathway", "stage__school", "stage__major")
    list_filter = ("status", "cohort_year")
    search_fields = ("student__full_name", "student__username", "pathway__title")
    inlines = [StageResultInline]


class ComponentScoreInline(ReadOnlyInline):
    model = ComponentScore
    fields = ("component", "score")


@admin.register(StageResult)
class StageResultAdmin(ReadOnlyConsoleAdmin):
    list_display = ("enrolment", "stage", "total", "passed", "recorded_at", "transferred_at")
    list_select_related = ("enrolment__student", "enrolment__pathway", "stage__school", "stage__major")
    list_filter = ("passed",)
    search_fields = ("enrolment__student__full_name", "enrolment__pathway__title")
    inlines = [ComponentScoreInline]
