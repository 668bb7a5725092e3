"""Admin console: projects and funds. The console reads everything; it edits a project's
description, dates and public flag only. Creating projects, partners, budget lines, expenses,
approval and status changes, milestones reached and assessments go through the project pages,
whose services keep the rules (approval by a resolution, the budget limit)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from consortium.governance.models import (
    Assessment,
    AssessmentScore,
    BudgetLine,
    Expense,
    Milestone,
    Project,
    ProjectPartner,
)
from core.admin import ConsoleAdmin, ReadOnlyConsoleAdmin, ReadOnlyInline, date_column


class PartnerInline(ReadOnlyInline):
    model = ProjectPartner
    fields = ("organization", "role")


class BudgetLineInline(ReadOnlyInline):
    model = BudgetLine
    fields = ("source", "title", "amount")


class MilestoneInline(ReadOnlyInline):
    model = Milestone
    fields = ("title", "due_on", "done_on", "done_by")


@admin.register(Project)
class ProjectAdmin(ConsoleAdmin):
    list_display = ("code", "title", "kind", "lead", "status", "resolution", "is_public")
    list_filter = ("kind", "status", "is_public")
    search_fields = ("code", "title", "lead__name_zh")
    list_select_related = ("lead", "resolution")
    fields = ("code", "title", "kind", "lead", "status", "resolution", "description", "starts_on", "ends_on",
              "is_public", "created_by")
    readonly_fields = ("code", "title", "kind", "lead", "status", "resolution", "created_by")
    inlines = [PartnerInline, BudgetLineInline, MilestoneInline]

    def has_add_permission(self, request, *args):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Expense)
class ExpenseAdmin(ReadOnlyConsoleAdmin):
    list_display = ("line", "amount", date_column("spent_on", _("spent on")), "description", "authorised_by",
                    "recorded_by")
    list_filter = ("line__source",)
    search_fields = ("description", "line__title", "line__project__code")
    list_select_related = ("line__project", "authorised_by", "recorded_by")
    exclude = ("evidence",)


class ScoreInline(ReadOnlyInline):
    model = AssessmentScore
    fields = ("criterion", "score", "max_score", "comment")


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyConsoleAdmin):
    list_display = ("project", "result", date_column("assessed_on", _("assessed on")), "assessed_by")
    list_filter = ("result",)
    search_fields = ("project__code", "project__title")
    list_select_related = ("project", "assessed_by")
    inlines = [ScoreInline]
