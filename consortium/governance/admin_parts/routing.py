"""Admin console: routed matters (read; they move on the matter pages through the services) and the
governance settings (changed through ``services.routing.settings_update``)."""

from django.contrib import admin

from consortium.governance.models import GovernanceSettings, Matter, MatterStep
from consortium.governance.services import routing as services
from core.admin import ConsoleAdmin, ReadOnlyConsoleAdmin


@admin.register(Matter)
class MatterAdmin(ReadOnlyConsoleAdmin):
    list_display = ("title", "kind", "status", "current_step", "created_at", "closed_at")
    list_filter = ("status", "kind")
    search_fields = ("title", "description")
    list_select_related = ("current_step__matter",)


@admin.register(MatterStep)
class MatterStepAdmin(ReadOnlyConsoleAdmin):
    list_display = ("matter", "position", "body", "level", "action", "entered_on", "outcome", "decided_on")
    list_filter = ("level", "action", "outcome", "body")
    search_fields = ("matter__title", "outcome_text")
    list_select_related = ("matter", "body")


@admin.register(GovernanceSettings)
class GovernanceSettingsAdmin(ConsoleAdmin):
    list_display = ("__str__", "admission_needs_council_vote", "updated_at")
    fields = ("admission_needs_council_vote",)

    def has_add_permission(self, request, *args):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        services.settings_update(actor=request.user,
                                 admission_needs_council_vote=form.cleaned_data["admission_needs_council_vote"])
