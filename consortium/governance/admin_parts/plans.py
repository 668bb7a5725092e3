"""Admin console: plans and their items. Read-only but for adopting the selected draft plans,
which goes through ``services.plans.plan_adopt``; plans and items are written on the pages."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from consortium.governance.models import Plan, PlanItem
from consortium.governance.services import plans as services
from core.admin import ReadOnlyConsoleAdmin, ReadOnlyInline, refusal


class PlanItemInline(ReadOnlyInline):
    model = PlanItem
    fields = ("position", "title", "owner", "due_on", "status", "percent", "resolution")


@admin.register(Plan)
class PlanAdmin(ReadOnlyConsoleAdmin):
    list_display = ("title", "year", "kind", "status", "resolution", "is_public")
    list_select_related = ("resolution",)
    list_filter = ("year", "kind", "status")
    search_fields = ("title",)
    inlines = [PlanItemInline]
    actions = ["adopt"]

    @admin.action(description=_("Adopt the selected plans"))
    def adopt(self, request, queryset):
        adopted = 0
        for plan in queryset:
            try:
                services.plan_adopt(plan=plan, actor=request.user)
                adopted += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, refusal(plan, error), messages.ERROR)
        message = ngettext("%(count)d plan adopted.", "%(count)d plans adopted.", adopted)
        self.message_user(request, message % {"count": adopted}, messages.SUCCESS)


@admin.register(PlanItem)
class PlanItemAdmin(ReadOnlyConsoleAdmin):
    list_display = ("title", "plan", "owner", "due_on", "status", "percent")
    list_select_related = ("plan", "owner")
    list_filter = ("status", "plan__year", "plan__kind")
    search_fields = ("title", "plan__title", "owner__name_zh")
