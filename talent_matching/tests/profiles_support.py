"""Fixtures of the profile tests: skills of the vocabulary, a student's profile, an enterprise's HR."""

import pytest

from credentials.models import Achievement, AchievementKind
from reference.models import Major, Skill
from talent_matching.models import ProfileSkill, StudentProfile, Visibility

__all__ = ["skills", "plc", "profile", "make_profile", "robot_certificate"]


@pytest.fixture
def skills(db):
    rows = [("SK-PLC", "PLC 编程", "PLC programming", "电气控制"),
            ("SK-DRAW", "电气识图", "Reading electrical drawings", "电气控制"),
            ("SK-ROBOT", "工业机器人操作", "Industrial robot operation", "机器人")]
    return {code: Skill.objects.get_or_create(code=code, defaults={"name_zh": zh, "name_en": en, "family": family})[0]
            for code, zh, en, family in rows}


@pytest.fixture
def plc(skills):
    return skills["SK-PLC"]


def make_profile(student, school, *, visibility=Visibility.NOBODY, summary="喜欢动手。", **fields):
    fields = {"major": Major.objects.get(code="460301"), "education_level": 2, "graduation_year": 2027, **fields}
    profile = StudentProfile.objects.create(student=student, school=school, visibility=visibility, summary=summary,
                                            **fields)
    return profile


@pytest.fixture
def profile(student, school, plc):
    profile = make_profile(student, school, visibility=Visibility.CONSORTIUM)
    ProfileSkill.objects.create(profile=profile, skill=plc, level=2)
    return profile


@pytest.fixture
def robot_certificate(school, student):
    """A 1+X certificate the student holds, logged and in a signed checkpoint (so it verifies)."""
    from credentials.tests.factories import issue

    achievement = Achievement.objects.create(
        issuer=school, kind=AchievementKind.SKILL_CERTIFICATE, name="工业机器人操作与运维", level="中级",
        major_code="460305", description="1+X 证书。", criteria="考核合格。")
    return issue(achievement, student)
