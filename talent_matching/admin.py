"""The talent platform in the admin console."""

from django.contrib import admin

from core.admin import ReadOnlyConsoleAdmin
from talent_matching.models import SupplyDemandSnapshot, WarningThresholds

# --- supply ---
# Read-only: thresholds change on the thresholds page (checked and audited by the service),
# figures only by taking a month again.


@admin.register(WarningThresholds)
class WarningThresholdsAdmin(ReadOnlyConsoleAdmin):
    list_display = ("__str__", "low_red", "low_yellow", "high_yellow", "high_red", "updated_at")


@admin.register(SupplyDemandSnapshot)
class SupplyDemandSnapshotAdmin(ReadOnlyConsoleAdmin):
    list_display = ("period", "family_code", "major_code", "demand", "supply", "ratio", "level", "warning")
    list_filter = ("level", "warning", "backfilled")
    search_fields = ("family_code", "major_code")
    date_hierarchy = "period"
# --- end supply ---
