"""Who may do what in the competitions part (built on the base rules in access/__init__.py).

* Everyone in training reads the competitions at city level and above; a school-level competition
  is its school's people's (and the secretariat's).
* The secretariat creates competitions at every level and manages them all (categories, results);
  a school's administrator creates and manages its school-level competitions.
* A school's administrators and teachers register its teams while registration is open.
* A team's students are named to the organiser, the team's school (administrators, teachers), its
  members and coaches; everyone else sees the school and, once published, the rank and award."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from members.models import SCHOOL_KINDS, Role
from training import access as base
from training.models import (
    Competition,
    CompetitionCategory,
    CompetitionLevel,
    CompetitionTeam,
)

STAFF_ROLES = {Role.ORG_ADMIN, Role.TEACHER}
is_secretariat = base.is_secretariat


def can_read_competitions(user) -> bool:
    """Everyone in training; in the API, an organisation's key too."""
    return base.can_use_training(user) or (base.is_api_key(user) and bool(base.member_ids(user)))


def school_staff_ids(user) -> set[int]:
    """The schools where this person is an administrator or a teacher (they register teams)."""
    return base.org_ids_with_roles(user, STAFF_ROLES) & base.school_ids(user)


def school_admin_ids(user) -> set[int]:
    return base.admin_school_ids(user)


def can_create_competitions(user) -> bool:
    return base.is_secretariat(user) or bool(school_admin_ids(user))


def managed_competitions(user, queryset: QuerySet | None = None) -> QuerySet:
    """The competitions this person organises: all for the secretariat, their school's school-level ones."""
    qs = Competition.objects.all() if queryset is None else queryset
    if base.is_secretariat(user):
        return qs
    return qs.filter(level=CompetitionLevel.SCHOOL, organizer_id__in=school_admin_ids(user))


def can_manage(user, competition: Competition) -> bool:
    if base.is_secretariat(user):
        return True
    return competition.level == CompetitionLevel.SCHOOL and competition.organizer_id in school_admin_ids(user)


def competitions_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Competition.objects.all() if queryset is None else queryset
    if base.is_secretariat(user):
        return qs
    if not can_read_competitions(user):
        return qs.none()
    return qs.filter(~Q(level=CompetitionLevel.SCHOOL) | Q(organizer_id__in=base.member_ids(user)))


def categories_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = CompetitionCategory.objects.all() if queryset is None else queryset
    return qs.filter(competition__in=competitions_for(user))


def teams_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = CompetitionTeam.objects.all() if queryset is None else queryset
    return qs.filter(category__competition__in=competitions_for(user))


def named_team_ids(user, teams: QuerySet) -> set[int]:
    """Of ``teams``, those whose students this person may see by name."""
    if base.is_secretariat(user):
        return set(teams.values_list("pk", flat=True))
    if not user.is_authenticated:
        return set()
    mine = (Q(category__competition__in=managed_competitions(user)) | Q(school_id__in=school_staff_ids(user))
            | Q(members__student_id=user.pk) | Q(coaches__coach_id=user.pk))
    return set(teams.filter(mine).values_list("pk", flat=True).distinct())


def results_visible(user, competition: Competition) -> bool:
    return competition.results_published_at is not None or can_manage(user, competition)


def registration_open(competition: Competition, today=None) -> bool:
    """Schools register until the competition starts (the day it starts included)."""
    today = today or timezone.localdate()
    return competition.results_published_at is None and today <= competition.starts_on


def registering_schools(user, competition: Competition) -> set[int]:
    """The schools this person may register teams of in ``competition`` now (the secretariat:
    none here, it registers for any school through ``can_register_for``)."""
    if not registration_open(competition):
        return set()
    schools = school_staff_ids(user)
    if competition.level == CompetitionLevel.SCHOOL:
        schools &= {competition.organizer_id}
    return schools


def can_register_for(user, competition: Competition, school) -> bool:
    """Register a team of ``school``: its administrators and teachers while registration is open;
    the secretariat (recording the entries schools report) until results are published."""
    if school is None or school.kind not in SCHOOL_KINDS:
        return False
    if competition.level == CompetitionLevel.SCHOOL and school.pk != competition.organizer_id:
        return False
    if base.is_secretariat(user):
        return competition.results_published_at is None
    return school.pk in registering_schools(user, competition)


def can_register(user, competition: Competition) -> bool:
    """Whether the page offers registering (to someone who may register for some school)."""
    if base.is_secretariat(user):
        return competition.results_published_at is None
    return bool(registering_schools(user, competition))


def can_record_results(user, competition: Competition, today=None) -> bool:
    """The organiser, once the competition ends (its last day included), until the results are published."""
    today = today or timezone.localdate()
    return (can_manage(user, competition) and competition.results_published_at is None
            and today >= competition.ends_on)
