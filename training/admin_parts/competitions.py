"""The console's pages of the competitions part: competitions with their categories, teams with
their students and coaches. Read-only: competitions, registrations and results are written on the
pages, through ``services.competitions``; publishing the selected competitions' results goes
through the service too."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ReadOnlyConsoleAdmin, ReadOnlyInline, refusal
from training.models import (
    Competition,
    CompetitionCategory,
    CompetitionCoach,
    CompetitionTeam,
    CompetitionTeamMember,
)
from training.services import competitions as services


class CategoryInline(ReadOnlyInline):
    model = CompetitionCategory
    fields = ("name", "team_size")


class MemberInline(ReadOnlyInline):
    model = CompetitionTeamMember
    fields = ("student", "credential")


class CoachInline(ReadOnlyInline):
    model = CompetitionCoach
    fields = ("coach", "organization")


@admin.register(Competition)
class CompetitionAdmin(ReadOnlyConsoleAdmin):
    list_display = ("name", "year", "level", "organizer", "starts_on", "ends_on", "results_published_at")
    list_select_related = ("organizer",)
    list_filter = ("level", "year")
    search_fields = ("name", "organizer__name_zh")
    inlines = [CategoryInline]
    actions = ["publish"]

    @admin.action(description=_("Publish the results of the selected competitions"))
    def publish(self, request, queryset):
        published = 0
        for competition in queryset:
            try:
                services.results_publish(competition=competition, actor=request.user)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, refusal(competition, error), messages.ERROR)
                continue
            published += 1
            try:
                services.awards_issue(competition=competition, actor=request.user)
            except (ValidationError, PermissionDenied):
                pass  # no award this person issues: the schools issue theirs from the competition's page
        message = ngettext("%(count)d competition's results published.", "%(count)d competitions' results published.",
                           published)
        self.message_user(request, message % {"count": published}, messages.SUCCESS)


@admin.register(CompetitionCategory)
class CompetitionCategoryAdmin(ReadOnlyConsoleAdmin):
    list_display = ("name", "competition", "team_size")
    list_select_related = ("competition",)
    list_filter = ("competition__level", "competition__year")
    search_fields = ("name", "competition__name")


@admin.register(CompetitionTeam)
class CompetitionTeamAdmin(ReadOnlyConsoleAdmin):
    list_display = ("name", "category", "school", "rank", "award")
    list_select_related = ("category__competition", "school")
    list_filter = ("award", "category__competition__year")
    search_fields = ("name", "school__name_zh", "category__name", "category__competition__name")
    inlines = [MemberInline, CoachInline]
