"""The world of the pathways tests: a secondary school, the college (the ``school`` fixture, a
higher vocational school) and a vocational bachelor school with their administrators, students
of the secondary school, and a 中高本 pathway in mechatronics between them."""

from decimal import Decimal

import pytest

from members.models import OrganizationKind, Role
from members.tests.factories import OrganizationFactory, person
from reference.models import Major
from training.models import PathwayKind
from training.services import pathways as services

MAJORS = ("660301", "460301", "260301")  # 机电技术应用 → 机电一体化技术 → 机械电子工程技术


@pytest.fixture
def secondary(db):
    return OrganizationFactory(kind=OrganizationKind.SECONDARY_VOCATIONAL, industry_id="P83", name_zh="测试中等专业学校")


@pytest.fixture
def bachelor(db):
    return OrganizationFactory(kind=OrganizationKind.VOCATIONAL_BACHELOR, industry_id="P83", name_zh="测试职业技术大学")


@pytest.fixture
def sec_admin(secondary):
    return person(secondary, Role.ORG_ADMIN, username="sec_admin")


@pytest.fixture
def sec_teacher(secondary):
    return person(secondary, Role.TEACHER, username="sec_teacher")


@pytest.fixture
def college_admin(school):
    return person(school, Role.ORG_ADMIN, username="college_admin")


@pytest.fixture
def bach_admin(bachelor):
    return person(bachelor, Role.ORG_ADMIN, username="bach_admin")


@pytest.fixture
def pupils(secondary):
    return [person(secondary, Role.STUDENT, username=f"pupil{n}", full_name=f"学生{n}") for n in range(1, 4)]


def majors():
    return [Major.objects.get(code=code) for code in MAJORS]


def stages(secondary, college, bachelor=None, years=(3, 2, 2)):
    schools = [secondary, college] + ([bachelor] if bachelor is not None else [])
    return [{"school": s, "major": m, "years": y} for s, m, y in zip(schools, majors(), years)]


def make_pathway(creator, secondary, college, bachelor, *, confirm=(), title="机电一体化中高本贯通"):
    pathway = services.pathway_create(actor=creator, title=title, kind=PathwayKind.THROUGH,
                                      stages=stages(secondary, college, bachelor))
    for admin in confirm:
        services.pathway_confirm(pathway=pathway, actor=admin)
    pathway.refresh_from_db()
    return pathway


@pytest.fixture
def pathway(sec_admin, college_admin, bach_admin, secondary, school, bachelor):
    """Active: created by the secondary school, confirmed by the college and the bachelor school."""
    return make_pathway(sec_admin, secondary, school, bachelor, confirm=(college_admin, bach_admin))


def scores_for(stage, *values):
    return {c.pk: Decimal(v) for c, v in zip(stage.components.order_by("position"), values)}
