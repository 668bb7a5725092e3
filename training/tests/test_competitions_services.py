"""Competition services: who creates and manages competitions, team registration rules (team size,
one team per category, the school's students, eligible coaches, the registration window), results
(after the end, unique ranks, final once published), and awards issued as credentials by each
team's school — logged, verifiable, idempotent."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import AuditEvent
from credentials.models import AchievementKind, Credential
from credentials.selectors import verified_credentials_of
from members.models import Membership, Role
from members.tests.factories import person
from reference.models import Skill
from training.models import (
    Award,
    CompetitionLevel,
    CompetitionTeam,
    CompetitionTeamMember,
)
from training.selectors import competitions as selectors
from training.services import competitions as services
from training.tests.competitions_support import (
    coach_memberships,
    competition,
    engineer_of,
    second_school,
    students_of,
)
from transparency import services as log
from transparency.models import LogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are read in English here (the pages' tests read them as shown, in Chinese)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def school_admin(school):
    return person(school, Role.ORG_ADMIN, username="school_admin")


def _team(actor, category, school, students, coaches, name="一队"):
    return services.team_register(category=category, actor=actor, school=school, name=name, students=students,
                                  coaches=coaches)


def test_the_secretariat_creates_city_competitions_and_a_school_admin_its_school_level_ones(
        secretariat, government, school, school_admin, teacher):
    city = competition(secretariat, government)
    assert city.level == CompetitionLevel.CITY and city.created_by == secretariat
    assert AuditEvent.objects.filter(event="competition.created").count() == 1
    today = timezone.localdate()
    fields = dict(name="校级技能节", year=today.year, starts_on=today, ends_on=today)
    with pytest.raises(ValidationError) as error:
        services.competition_create(actor=school_admin, organizer=school, level=CompetitionLevel.CITY, **fields)
    assert "level" in error.value.message_dict
    own = services.competition_create(actor=school_admin, organizer=school, level=CompetitionLevel.SCHOOL, **fields)
    assert own.organizer == school
    with pytest.raises(PermissionDenied):
        services.competition_create(actor=teacher, organizer=school, level=CompetitionLevel.SCHOOL, **fields)
    with pytest.raises(ValidationError) as error:
        services.competition_create(actor=secretariat, organizer=government, level=CompetitionLevel.SCHOOL,
                                    name="x", year=today.year, starts_on=today, ends_on=today - timedelta(days=1))
    assert set(error.value.message_dict) == {"organizer", "ends_on"}


def test_categories_have_a_unique_name_and_a_sensible_team_size(secretariat, government):
    made = competition(secretariat, government)
    with pytest.raises(ValidationError) as error:
        services.category_create(competition=made, actor=secretariat, name="工业机器人技术应用", team_size=0)
    assert set(error.value.message_dict) == {"name", "team_size"}


def test_a_teacher_registers_a_team_of_the_schools_students_with_coaches(secretariat, government, school, teacher,
                                                                          org_a):
    made = competition(secretariat, government)
    category = made.categories.get()
    pupils = students_of(school, 2)
    engineer = engineer_of(org_a)
    team = _team(teacher, category, school, pupils, coach_memberships(school, teacher, engineer))
    assert sorted(m.student_id for m in team.members.all()) == sorted(p.pk for p in pupils)
    assert {(c.coach_id, c.organization_id) for c in team.coaches.all()} == {(teacher.pk, school.pk),
                                                                           (engineer.pk, org_a.pk)}
    event = AuditEvent.objects.get(event="competition.team_registered")
    assert event.actor == teacher


def test_registration_enforces_the_team_size_the_school_and_one_team_per_category(secretariat, government, school,
                                                                                   teacher):
    made = competition(secretariat, government)
    category = made.categories.get()
    pupils = students_of(school, 3)
    other = second_school()
    strangers = students_of(other, 2, prefix="x")
    coaches = coach_memberships(school, teacher)
    with pytest.raises(ValidationError) as error:
        _team(teacher, category, school, pupils, coaches)
    assert "exactly 2" in error.value.message_dict["students"][0]
    with pytest.raises(ValidationError) as error:
        _team(teacher, category, school, [pupils[0], strangers[0]], coaches)
    assert "学生x0" in error.value.message_dict["students"][0]
    _team(teacher, category, school, pupils[:2], coaches)
    with pytest.raises(ValidationError) as error:
        _team(teacher, category, school, pupils[1:], coaches, name="二队")
    assert "学生stu1" in error.value.message_dict["students"][0]
    with pytest.raises(ValidationError) as error:
        _team(teacher, category, school, pupils[1:], [], name="一队")
    assert set(error.value.message_dict) == {"name", "students", "coaches"}
    assert CompetitionTeam.objects.count() == 1


def test_a_teacher_of_another_school_is_no_coach(secretariat, government, school, teacher):
    other = second_school()
    foreign_teacher = person(other, Role.TEACHER, username="foreign")
    category = competition(secretariat, government).categories.get()
    membership = Membership.objects.get(user=foreign_teacher)
    with pytest.raises(ValidationError) as error:
        _team(teacher, category, school, students_of(school, 2), [membership])
    assert "coaches" in error.value.message_dict


def test_registration_closes_when_the_competition_starts_but_the_secretariat_records_entries(
        secretariat, government, school, teacher, student, org_a):
    made = competition(secretariat, government, past=True)
    category = made.categories.get()
    with pytest.raises(PermissionDenied):
        _team(teacher, category, school, students_of(school, 2), coach_memberships(school, teacher))
    with pytest.raises(PermissionDenied):
        _team(student, category, school, students_of(school, 2, prefix="s"), coach_memberships(school, teacher))
    _team(secretariat, category, school, students_of(school, 2, prefix="late"), coach_memberships(school, teacher))


def test_a_school_level_competition_takes_teams_of_its_own_school_only(secretariat, school, teacher):
    school_admin = person(school, Role.ORG_ADMIN, username="sa")
    today = timezone.localdate()
    made = services.competition_create(actor=school_admin, organizer=school, level=CompetitionLevel.SCHOOL,
                                       name="校赛", year=today.year, starts_on=today, ends_on=today)
    category = services.category_create(competition=made, actor=school_admin, name="PLC", team_size=1)
    other = second_school()
    other_teacher = person(other, Role.TEACHER, username="ot")
    with pytest.raises(PermissionDenied):
        _team(other_teacher, category, other, students_of(other, 1), coach_memberships(other, other_teacher))
    _team(teacher, category, school, students_of(school, 1), coach_memberships(school, teacher))


def test_the_database_refuses_a_member_beyond_the_team_size(secretariat, government, school, teacher):
    category = competition(secretariat, government).categories.get()
    pupils = students_of(school, 3)
    team = _team(teacher, category, school, pupils[:2], coach_memberships(school, teacher))
    with pytest.raises(IntegrityError), transaction.atomic():
        CompetitionTeamMember.objects.create(team=team, category=category, student=pupils[2])
    with pytest.raises(IntegrityError), transaction.atomic():
        CompetitionTeamMember.objects.create(team=team, category=category, student=pupils[0])


def _awarded(secretariat, government, school, teacher, *, size=2):
    made = competition(secretariat, government, past=True, team_size=size)
    category = made.categories.get()
    pupils = students_of(school, size)
    team = _team(secretariat, category, school, pupils, coach_memberships(school, teacher))
    return made, team, pupils


def test_results_are_recorded_after_the_end_with_unique_ranks(secretariat, government, school, teacher):
    made, team, _pupils = _awarded(secretariat, government, school, teacher)
    other = _team(secretariat, made.categories.get(), school, students_of(school, 2, prefix="b"),
                  coach_memberships(school, teacher), name="二队")
    with pytest.raises(ValidationError) as error:
        services.results_record(competition=made, actor=secretariat,
                                results={team.pk: (1, Award.FIRST), other.pk: (1, Award.SECOND)})
    assert f"rank_{other.pk}" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.results_record(competition=made, actor=secretariat, results={team.pk: (None, Award.FIRST)})
    assert f"rank_{team.pk}" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.results_record(competition=made, actor=teacher, results={team.pk: (1, Award.FIRST)})
    services.results_record(competition=made, actor=secretariat,
                            results={team.pk: (1, Award.FIRST), other.pk: (2, None)})
    team.refresh_from_db()
    assert (team.rank, team.award) == (1, Award.FIRST)


def test_results_wait_for_the_end_and_are_final_once_published(secretariat, government, school, teacher):
    upcoming = competition(secretariat, government, name="未来的比赛")
    with pytest.raises(ValidationError):
        services.results_record(competition=upcoming, actor=secretariat, results={})
    made, team, _pupils = _awarded(secretariat, government, school, teacher)
    with pytest.raises(ValidationError):
        services.results_publish(competition=made, actor=secretariat)  # nothing recorded yet
    services.results_record(competition=made, actor=secretariat, results={team.pk: (1, Award.FIRST)})
    services.results_publish(competition=made, actor=secretariat)
    assert AuditEvent.objects.filter(event="competition.results_published").count() == 1
    with pytest.raises(ValidationError):
        services.results_record(competition=made, actor=secretariat, results={team.pk: (2, Award.SECOND)})


def test_awards_are_issued_as_verifiable_credentials_of_the_school_once_per_student(
        secretariat, government, school, teacher):
    made, team, pupils = _awarded(secretariat, government, school, teacher)
    services.results_record(competition=made, actor=secretariat, results={team.pk: (1, Award.FIRST)})
    with pytest.raises(ValidationError):
        services.awards_issue(competition=made, actor=secretariat)  # not published yet
    services.results_publish(competition=made, actor=secretariat)
    logged = LogEntry.objects.filter(kind="credential.issued").count()
    assert services.awards_issue(competition=made, actor=secretariat) == {"issued": 2, "skipped": 0}
    credentials = Credential.objects.filter(holder__in=pupils)
    assert credentials.count() == 2 and LogEntry.objects.filter(kind="credential.issued").count() == logged + 2
    credential = credentials.first()
    assert (credential.issuer, credential.achievement.kind, credential.achievement.level) == (
        school, AchievementKind.AWARD, "一等奖")
    assert set(team.members.values_list("credential_id", flat=True)) == set(credentials.values_list("pk", flat=True))
    assert AuditEvent.objects.filter(event="competition.awards_issued").count() == 1
    # A rerun issues nothing twice.
    assert services.awards_issue(competition=made, actor=secretariat) == {"issued": 0, "skipped": 0}
    assert Credential.objects.count() == 2
    # Logged and checkpointed, the award verifies: talent matching counts it as evidence.
    log.checkpoint_sign()
    assert verified_credentials_of(pupils[0]).filter(achievement__kind=AchievementKind.AWARD).count() == 1


def test_a_student_who_left_is_skipped_and_the_school_admin_issues_for_their_school_only(
        secretariat, government, school, teacher, admin_a):
    school_admin = person(school, Role.ORG_ADMIN, username="sa2")
    made, team, pupils = _awarded(secretariat, government, school, teacher)
    Membership.objects.filter(user=pupils[1]).update(ended_at=timezone.now())
    services.results_record(competition=made, actor=secretariat, results={team.pk: (1, Award.THIRD)})
    services.results_publish(competition=made, actor=secretariat)
    with pytest.raises(PermissionDenied):
        services.awards_issue(competition=made, actor=admin_a)
    assert services.awards_issue(competition=made, actor=school_admin) == {"issued": 1, "skipped": 1}


def test_the_selector_names_the_skills_competitions_test(secretariat, government):
    skills = list(Skill.objects.order_by("code")[:2])
    made = competition(secretariat, government, skills=skills)
    competition(secretariat, government, name="另一比赛", skills=skills[:1])
    assert selectors.tested_skill_ids() == {s.pk for s in skills}
    assert list(selectors.tested_skills(competitions=[made])) == skills
    assert selectors.categories_testing([skills[1].pk]).get().competition == made
