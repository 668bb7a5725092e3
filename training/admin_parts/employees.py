"""The console's pages of the employees part: programmes with their sessions, enrolments and
attendance, read-only (they are written on the pages, through ``services.employees``)."""

from django.contrib import admin

from core.admin import ReadOnlyConsoleAdmin, ReadOnlyInline
from training.models import EmployeeEnrolment, ProgrammeSession, SessionAttendance, TrainingProgramme


class ProgrammeSessionInline(ReadOnlyInline):
    model = ProgrammeSession
    fields = ("date", "hours", "topic")


@admin.register(TrainingProgramme)
class TrainingProgrammeAdmin(ReadOnlyConsoleAdmin):
    list_display = ("title", "school", "kind", "starts_on", "ends_on", "hours", "fee", "capacity", "status")
    list_select_related = ("school",)
    list_filter = ("kind", "status")
    search_fields = ("title", "school__name_zh")
    date_hierarchy = "starts_on"
    inlines = [ProgrammeSessionInline]


@admin.register(EmployeeEnrolment)
class EmployeeEnrolmentAdmin(ReadOnlyConsoleAdmin):
    list_display = ("name", "employee_number", "enterprise", "programme", "attended_hours", "score", "passed", "status")
    list_select_related = ("enterprise", "programme")
    list_filter = ("status", "programme__kind")
    search_fields = ("name", "employee_number", "enterprise__name_zh", "programme__title")


@admin.register(SessionAttendance)
class SessionAttendanceAdmin(ReadOnlyConsoleAdmin):
    list_display = ("session", "enrolment", "recorded_at")
    list_select_related = ("session", "enrolment")
    search_fields = ("enrolment__name", "session__topic")


@admin.register(ProgrammeSession)
class ProgrammeSessionAdmin(ReadOnlyConsoleAdmin):
    list_display = ("programme", "date", "hours", "topic")
    list_select_related = ("programme",)
    search_fields = ("topic", "programme__title")
