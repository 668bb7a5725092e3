"""The console's pages of the mentors part: appointments, read-only (they are written on the
pages, through ``services.mentors``)."""

from django.contrib import admin

from core.admin import ReadOnlyConsoleAdmin
from training.models import MentorAppointment


@admin.register(MentorAppointment)
class MentorAppointmentAdmin(ReadOnlyConsoleAdmin):
    list_display = ("mentor", "enterprise", "school", "term", "starts_on", "ends_on", "planned_hours",
                    "taught_hours", "status")
    list_select_related = ("mentor", "enterprise", "school")
    list_filter = ("status", "term")
    search_fields = ("term", "mentor__full_name", "mentor__username", "enterprise__name_zh", "school__name_zh")
    date_hierarchy = "starts_on"
