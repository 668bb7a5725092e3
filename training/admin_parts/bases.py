"""Admin console: industry colleges, training bases (with their equipment) and bookings, read-only —
they are written on the pages through ``services.bases`` — but for cancelling the selected
bookings, which goes through ``services.bases.booking_cancel``."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ReadOnlyConsoleAdmin, ReadOnlyInline, refusal
from training.models import BaseBooking, BaseEquipment, IndustryCollege, TrainingBase
from training.services import bases as services


@admin.register(IndustryCollege)
class IndustryCollegeAdmin(ReadOnlyConsoleAdmin):
    list_display = ("name", "lead_school", "established_on")
    list_select_related = ("lead_school",)
    search_fields = ("name", "lead_school__name_zh")


class BaseEquipmentInline(ReadOnlyInline):
    model = BaseEquipment
    fields = ("name", "model", "quantity")


@admin.register(TrainingBase)
class TrainingBaseAdmin(ReadOnlyConsoleAdmin):
    list_display = ("name", "kind", "owner", "college", "capacity")
    list_select_related = ("owner", "college")
    list_filter = ("kind",)
    search_fields = ("name", "owner__name_zh", "address")
    inlines = [BaseEquipmentInline]


@admin.register(BaseBooking)
class BaseBookingAdmin(ReadOnlyConsoleAdmin):
    list_display = ("base", "organization", "starts_at", "ends_at", "group_size", "status")
    list_select_related = ("base", "organization")
    list_filter = ("status", "base__kind")
    search_fields = ("purpose", "base__name", "organization__name_zh")
    date_hierarchy = "starts_at"
    actions = ["cancel"]

    @admin.action(description=_("Cancel the selected bookings"))
    def cancel(self, request, queryset):
        cancelled = 0
        for booking in queryset:
            try:
                services.booking_cancel(booking=booking, actor=request.user)
                cancelled += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, refusal(booking, error), messages.ERROR)
        message = ngettext("%(count)d booking cancelled.", "%(count)d bookings cancelled.", cancelled)
        self.message_user(request, message % {"count": cancelled}, messages.SUCCESS)
