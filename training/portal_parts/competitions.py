"""What the competitions part adds to the portal (see core.portal): hub sections, API routes, scheduled
jobs, audit events, transparency kinds."""

from django.utils.translation import gettext_lazy as _

from core.portal import ApiRoute, HomePanel, Section


def _panel(user) -> list:
    from training.access import competitions as access
    from training.models import CompetitionCoach, CompetitionTeamMember

    if not access.can_read_competitions(user):
        return []
    links = [(_("Skill competitions"), "training:competitions")]
    if access.can_create_competitions(user):
        links.append((_("New competition"), "training:competition_create"))
    if (CompetitionTeamMember.objects.filter(student_id=user.pk).exists()
            or CompetitionCoach.objects.filter(coach_id=user.pk).exists()):
        links.append((_("My competitions"), "training:my_competitions"))
    return [Section(_("Skill competitions"), _("Competitions at school, city, provincial and national level: their "
                                               "categories, the teams of schools, results and awards."), links)]


def _open_for_registration(user) -> list:
    from django.utils import timezone

    from training.access import competitions as access

    if not access.school_staff_ids(user):
        return []
    count = (access.competitions_for(user).filter(starts_on__gte=timezone.localdate(),
                                                  results_published_at__isnull=True).count())
    return [(_("Competitions open for registration"), "training:competitions", count)]


def _results_to_record(user) -> list:
    from django.utils import timezone

    from training.access import competitions as access

    if not access.can_create_competitions(user):
        return []
    count = access.managed_competitions(user).filter(ends_on__lte=timezone.localdate(),
                                                     results_published_at__isnull=True,
                                                     categories__teams__isnull=False).distinct().count()
    return [(_("Competition results to record"), "training:competitions", count)]


def _api(name):
    def viewset():
        from training.api import competitions

        return getattr(competitions, name)
    return viewset()


HOME_PANELS = [HomePanel(_panel, order=80)]
DASHBOARD = [_open_for_registration, _results_to_record]
API_ROUTES = [
    ApiRoute("training/competitions", _api("CompetitionViewSet"), "training-competition"),
    ApiRoute("training/competition-categories", _api("CompetitionCategoryViewSet"), "training-competition-category"),
    ApiRoute("training/competition-teams", _api("CompetitionTeamViewSet"), "training-competition-team"),
    ApiRoute("training/competition-results", _api("CompetitionResultViewSet"), "training-competition-result"),
]
PERIODIC_TASKS = []
AUDIT_EVENTS = {
    "competition.created": _("Skill competition created"),
    "competition.category_added": _("Competition category added"),
    "competition.team_registered": _("Competition team registered"),
    "competition.results_recorded": _("Competition results recorded"),
    "competition.results_published": _("Competition results published"),
    "competition.awards_issued": _("Competition awards issued"),
}
TRANSPARENCY_KINDS = {}
