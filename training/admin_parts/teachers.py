"""Admin console: teachers' training records, their evidence and 双师型 applications. Read-only:
records are written, signed off and decided on the pages, through ``services.teachers``."""

from django.contrib import admin

from core.admin import ReadOnlyConsoleAdmin, ReadOnlyInline
from training.models import DualTeacherApplication, TeacherTrainingEvidence, TeacherTrainingRecord


class EvidenceInline(ReadOnlyInline):
    model = TeacherTrainingEvidence
    fields = ("name", "content_type", "uploaded_at")


@admin.register(TeacherTrainingRecord)
class TeacherTrainingRecordAdmin(ReadOnlyConsoleAdmin):
    list_display = ("title", "teacher", "school", "kind", "level", "provider", "starts_on", "ends_on", "days", "hours",
                    "status")
    list_select_related = ("teacher", "school", "provider")
    list_filter = ("kind", "level", "status")
    search_fields = ("title", "teacher__full_name", "teacher__username", "provider__name_zh", "school__name_zh")
    date_hierarchy = "starts_on"
    inlines = [EvidenceInline]


@admin.register(TeacherTrainingEvidence)
class TeacherTrainingEvidenceAdmin(ReadOnlyConsoleAdmin):
    list_display = ("name", "record", "content_type", "uploaded_at")
    list_select_related = ("record",)
    search_fields = ("name", "record__title")


@admin.register(DualTeacherApplication)
class DualTeacherApplicationAdmin(ReadOnlyConsoleAdmin):
    list_display = ("teacher", "school", "level", "status", "decided_level", "decided_at", "created_at")
    list_select_related = ("teacher", "school")
    list_filter = ("status", "level", "decided_level")
    search_fields = ("teacher__full_name", "teacher__username", "school__name_zh")
    filter_horizontal = ()
    readonly_fields = ("records",)
