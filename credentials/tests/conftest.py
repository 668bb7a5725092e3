import pytest

from credentials.models import Achievement, AchievementKind
from members.models import Role
from members.tests.factories import person


@pytest.fixture
def school_admin(school):
    return person(school, Role.ORG_ADMIN, username="school_admin")


@pytest.fixture
def diploma(school):
    return Achievement.objects.create(
        issuer=school, kind=AchievementKind.DIPLOMA, name="机电一体化技术专业毕业", major_code="460301",
        description="完成三年制高等职业教育机电一体化技术专业的学习，成绩合格，准予毕业。",
        criteria="修满 150 学分，通过毕业设计答辩。",
    )
