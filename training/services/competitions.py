"""Skill competitions: the organiser creates a competition and its categories, schools register
teams, the organiser records and publishes the results, and the awards are issued as credentials
by each team's school. Every write: keyword-only, one transaction, permission checked inside,
audited."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import record_event
from credentials import access as credentials_access
from credentials import services as credentials_services
from credentials.models import Achievement, AchievementKind
from members.models import (
    SCHOOL_KINDS,
    Membership,
    Organization,
    OrganizationKind,
    OrganizationStatus,
    Role,
    User,
)
from training.access import competitions as access
from training.models import (
    AWARD_LEVEL_ZH,
    Award,
    Competition,
    CompetitionCategory,
    CompetitionCoach,
    CompetitionLevel,
    CompetitionTeam,
    CompetitionTeamMember,
)

COMPETITION_FIELDS = ("organizer", "name", "level", "year", "starts_on", "ends_on", "description")


# --- who may take part ---------------------------------------------------------------------------


def school_students(school) -> QuerySet:
    """The students a team of ``school`` may have: its active students."""
    return User.objects.filter(is_active=True, pk__in=Membership.objects.active().filter(
        organization=school, role=Role.STUDENT).values("user_id")).order_by("full_name", "pk")


def eligible_coaches(school) -> QuerySet:
    """Whom a team of ``school`` may have as coaches: its teachers and the engineers of active
    member enterprises (memberships, so that each coach's organisation is known)."""
    return (Membership.objects.active().filter(user__is_active=True, organization__status=OrganizationStatus.ACTIVE)
            .filter(role__in=[Role.TEACHER, Role.ENGINEER])
            .filter(Q(role=Role.TEACHER, organization=school)
                    | Q(role=Role.ENGINEER, organization__kind=OrganizationKind.ENTERPRISE))
            .select_related("user", "organization").order_by("organization__name_zh", "user__full_name", "pk"))


# --- competitions and categories -----------------------------------------------------------------


def _check_competition(*, actor, organizer, name, level, year, starts_on, ends_on) -> None:
    errors = {}
    if not (name or "").strip():
        errors["name"] = [_("Give the competition a name.")]
    if level not in CompetitionLevel.values:
        errors["level"] = [_("Choose the level of the competition.")]
    if organizer is None or organizer.status != OrganizationStatus.ACTIVE:
        errors["organizer"] = [_("Choose an active member organisation as the organiser.")]
    elif level == CompetitionLevel.SCHOOL:
        if organizer.kind not in SCHOOL_KINDS:
            errors["organizer"] = [_("A school-level competition is organised by a school.")]
        elif not access.is_secretariat(actor) and organizer.pk not in access.school_admin_ids(actor):
            errors["organizer"] = [_("You organise school-level competitions of your own school only.")]
    elif level in CompetitionLevel.values and not access.is_secretariat(actor):
        errors["level"] = [_("Competitions at city level and above are created by the secretariat.")]
    if year is None or not 2000 <= year <= 2100:
        errors["year"] = [_("Give a year from 2000 to 2100.")]
    if starts_on is None:
        errors["starts_on"] = [_("Give the first day of the competition.")]
    if ends_on is None:
        errors["ends_on"] = [_("Give the last day of the competition.")]
    elif starts_on is not None and ends_on < starts_on:
        errors["ends_on"] = [_("The competition cannot end before it starts.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def competition_create(*, actor: User, organizer: Organization, name: str, level: int, year: int, starts_on: date,
                       ends_on: date, description: str = "") -> Competition:
    if not access.can_create_competitions(actor):
        raise PermissionDenied
    level = int(level) if level not in (None, "") else None
    _check_competition(actor=actor, organizer=organizer, name=name, level=level, year=year, starts_on=starts_on,
                       ends_on=ends_on)
    competition = Competition.objects.create(organizer=organizer, name=name.strip(), level=level, year=year,
                                             starts_on=starts_on, ends_on=ends_on,
                                             description=(description or "").strip(), created_by=actor)
    record_event("competition.created", instance=competition, actor=actor,
                 details={"level": CompetitionLevel(level).label, "organizer": organizer.name_zh})
    return competition


@transaction.atomic
def category_create(*, competition: Competition, actor: User, name: str, team_size: int,
                    skills=()) -> CompetitionCategory:
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    if not access.can_manage(actor, competition):
        raise PermissionDenied
    errors = {}
    if competition.results_published_at is not None:
        raise ValidationError(_("The results are published; the competition takes no more categories."))
    if not (name or "").strip():
        errors["name"] = [_("Give the category a name.")]
    elif competition.categories.filter(name=name.strip()).exists():
        errors["name"] = [_("The competition already has a category of this name.")]
    if team_size is None or not 1 <= team_size <= 20:
        errors["team_size"] = [_("A team has from 1 to 20 students.")]
    if errors:
        raise ValidationError(errors)
    category = CompetitionCategory.objects.create(competition=competition, name=name.strip(), team_size=team_size)
    category.skills.set(list(skills))
    record_event("competition.category_added", instance=category, actor=actor,
                 details={"competition": competition.name, "team_size": team_size})
    return category


# --- teams ---------------------------------------------------------------------------------------


@transaction.atomic
def team_register(*, category: CompetitionCategory, actor: User, school: Organization, name: str,
                  students=(), coaches=()) -> CompetitionTeam:
    """A school's team in ``category``: exactly the category's number of its students, none already
    in another team of the category, and at least one coach (``coaches``: memberships, teachers of
    the school or engineers of member enterprises)."""
    category = CompetitionCategory.objects.select_for_update().select_related("competition").get(pk=category.pk)
    competition = category.competition
    if not access.can_register_for(actor, competition, school):
        raise PermissionDenied
    students = list(dict.fromkeys(students))
    coaches = list(dict.fromkeys(coaches))
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("Give the team a name.")]
    elif category.teams.filter(name=name).exists():
        errors["name"] = [_("The category already has a team of this name.")]
    if len(students) != category.team_size:
        errors["students"] = [_("A team of this category has exactly %(size)s students; you chose %(count)s.")
                              % {"size": category.team_size, "count": len(students)}]
    else:
        eligible = set(school_students(school).filter(pk__in=[s.pk for s in students]).values_list("pk", flat=True))
        strangers = [s for s in students if s.pk not in eligible]
        taken = list(CompetitionTeamMember.objects.filter(category=category, student__in=students)
                     .select_related("student"))
        if strangers:
            errors["students"] = [_("Not students of %(school)s: %(names)s.") % {
                "school": school.name_zh, "names": "、".join(str(s) for s in strangers)}]
        elif taken:
            errors["students"] = [_("Already in a team of this category: %(names)s.") % {
                "names": "、".join(str(m.student) for m in taken)}]
    if not coaches:
        errors["coaches"] = [_("Name at least one coach.")]
    else:
        allowed = set(eligible_coaches(school).filter(pk__in=[c.pk for c in coaches]).values_list("pk", flat=True))
        if any(c.pk not in allowed for c in coaches):
            errors["coaches"] = [_("A coach is a teacher of the school or an engineer of a member enterprise.")]
        elif len({c.user_id for c in coaches}) != len(coaches):
            errors["coaches"] = [_("Name each coach once.")]
    if errors:
        raise ValidationError(errors)
    team = CompetitionTeam.objects.create(category=category, school=school, name=name, registered_by=actor)
    try:
        with transaction.atomic():
            CompetitionTeamMember.objects.bulk_create(
                [CompetitionTeamMember(team=team, category=category, student=s) for s in students])
    except IntegrityError:  # a concurrent registration took one of them first
        raise ValidationError({"students": [_("One of these students was just registered in another team of "
                                              "this category.")]}) from None
    CompetitionCoach.objects.bulk_create(
        [CompetitionCoach(team=team, coach_id=c.user_id, organization_id=c.organization_id) for c in coaches])
    record_event("competition.team_registered", instance=team, actor=actor, details={
        "competition": competition.name, "category": category.name, "school": school.name_zh,
        "students": len(students), "coaches": len(coaches)})
    return team


# --- results and awards --------------------------------------------------------------------------


@transaction.atomic
def results_record(*, competition: Competition, actor: User, results: dict) -> Competition:
    """The organiser's ranks and awards, ``{team pk: (rank or None, award or None)}``, saved whole or
    not at all: ranks from 1, unique within a category; an award needs a rank."""
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    if not access.can_manage(actor, competition):
        raise PermissionDenied
    if competition.results_published_at is not None:
        raise ValidationError(_("The results are published and can no longer be changed."))
    if timezone.localdate() < competition.ends_on:
        raise ValidationError(_("Results are recorded once the competition ends (%(day)s).")
                              % {"day": competition.ends_on.isoformat()})
    teams = {t.pk: t for t in CompetitionTeam.objects.filter(category__competition=competition)}
    errors, seen = {}, {}
    for pk, (rank, award) in results.items():
        team = teams.get(int(pk))
        if team is None:
            raise ValidationError(_("A team of another competition."))
        if rank is not None and rank < 1:
            errors[f"rank_{pk}"] = [_("A rank is a number from 1.")]
        elif rank is not None and (team.category_id, rank) in seen:
            errors[f"rank_{pk}"] = [_("%(other)s already has rank %(rank)s in this category.")
                                    % {"other": seen[(team.category_id, rank)], "rank": rank}]
        if award is not None and award not in Award.values:
            errors[f"award_{pk}"] = [_("Choose an award.")]
        elif award is not None and rank is None:
            errors[f"rank_{pk}"] = [_("An awarded team needs its rank.")]
        if rank is not None:
            seen[(team.category_id, rank)] = team.name
        team.rank, team.award = rank, award
    if errors:
        raise ValidationError(errors)
    changed = [t for t in teams.values() if int(t.pk) in {int(k) for k in results}]
    for team in changed:
        team.save(update_fields=["rank", "award"])
    record_event("competition.results_recorded", instance=competition, actor=actor, details={"teams": len(changed)})
    return competition


@transaction.atomic
def results_publish(*, competition: Competition, actor: User) -> Competition:
    """Publish the results: everyone who reads the competition sees ranks and awards, and they no
    longer change. The awards are then issued (see ``awards_issue``)."""
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    if not access.can_manage(actor, competition):
        raise PermissionDenied
    if competition.results_published_at is not None:
        raise ValidationError(_("The results are already published."))
    if timezone.localdate() < competition.ends_on:
        raise ValidationError(_("Results are published once the competition ends (%(day)s).")
                              % {"day": competition.ends_on.isoformat()})
    teams = CompetitionTeam.objects.filter(category__competition=competition)
    if not teams.filter(rank__isnull=False).exists():
        raise ValidationError(_("Record the results before publishing them."))
    competition.results_published_at = timezone.now()
    competition.save(update_fields=["results_published_at"])
    record_event("competition.results_published", instance=competition, actor=actor, details={
        "teams": teams.count(), "awarded": teams.filter(award__isnull=False).count()})
    return competition


def award_achievement(*, team: CompetitionTeam, actor: User) -> Achievement:
    """The school's achievement for this award of this category (made once, then reused)."""
    category, competition = team.category, team.category.competition
    name = f"{competition.name} {category.name}"[:100]
    level = AWARD_LEVEL_ZH[team.award]
    found = Achievement.objects.filter(issuer_id=team.school_id, name=name, level=level).first()
    if found is not None:
        return found
    achievement = Achievement(
        issuer=team.school, kind=AchievementKind.AWARD, name=name, level=level,
        description=f"{competition.year}年{competition.name}（{CompetitionLevel(competition.level).label}）"
                    f"{category.name}赛项{level}。"[:2000],
        criteria=f"作为{team.school.name_zh}代表队成员参加{competition.name}{category.name}赛项，获得{level}。"[:2000],
    )
    return credentials_services.achievement_save(achievement=achievement, actor=actor)


@transaction.atomic
def awards_issue(*, competition: Competition, actor: User) -> dict:
    """Issue the award credentials of a published competition, each by the team's school, to every
    student of an awarded team who has none yet (a rerun skips those who have theirs), for the
    schools ``actor`` issues for. Students who left their school are skipped and counted."""
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    if competition.results_published_at is None:
        raise ValidationError(_("Awards are issued once the results are published."))
    teams = list(CompetitionTeam.objects.filter(category__competition=competition, award__isnull=False)
                 .select_related("school", "category__competition").order_by("pk"))
    teams = [t for t in teams if credentials_access.can_issue(actor, t.school)]
    if not teams:
        raise PermissionDenied
    issued = skipped = 0
    for team in teams:
        pending = list(team.members.select_for_update().filter(credential__isnull=True).select_related("student"))
        if not pending:
            continue
        achievement = award_achievement(team=team, actor=actor)
        eligible = set(credentials_access.eligible_holders(achievement)
                       .filter(pk__in=[m.student_id for m in pending]).values_list("pk", flat=True))
        for member in pending:
            if member.student_id not in eligible:
                skipped += 1
                continue
            member.credential = credentials_services.issue_credential(achievement=achievement, holder=member.student,
                                                                      actor=actor)
            member.save(update_fields=["credential"])
            issued += 1
    if issued or skipped:
        record_event("competition.awards_issued", instance=competition, actor=actor,
                     details={"issued": issued, "skipped": skipped})
    return {"issued": issued, "skipped": skipped}
