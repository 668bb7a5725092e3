"""What the competitions tests build on: a second school, school people, and a competition with
categories created through the services."""

from datetime import date, timedelta

from django.utils import timezone

from members.models import OrganizationKind, Role
from members.tests.factories import OrganizationFactory, person
from training.models import CompetitionLevel
from training.services import competitions as services


def second_school():
    return OrganizationFactory(kind=OrganizationKind.SECONDARY_VOCATIONAL, industry_id="P83",
                               name_zh="测试中等专业学校")


def students_of(school, count, prefix="stu"):
    return [person(school, Role.STUDENT, username=f"{prefix}{school.pk}_{n}", full_name=f"学生{prefix}{n}")
            for n in range(count)]


def engineer_of(enterprise, username="engineer"):
    return person(enterprise, Role.ENGINEER, username=username, full_name="工程师甲")


def competition(secretariat, organizer, *, name="2026年测试市职业院校技能大赛", level=CompetitionLevel.CITY,
                past=False, team_size=2, categories=("工业机器人技术应用",), skills=()):
    """A competition starting in a month (``past``: which ended last month), with its categories."""
    today = timezone.localdate()
    starts = today - timedelta(days=40) if past else today + timedelta(days=30)
    made = services.competition_create(actor=secretariat, organizer=organizer, name=name, level=level,
                                       year=starts.year, starts_on=starts, ends_on=starts + timedelta(days=2))
    for category in categories:
        services.category_create(competition=made, actor=secretariat, name=category, team_size=team_size,
                                 skills=skills)
    return made


def coach_memberships(school, *people):
    return list(services.eligible_coaches(school).filter(user__in=people))


def a_date(days=0):
    return date.today() + timedelta(days=days)
