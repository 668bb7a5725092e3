"""Builders for the courses tests: a course of the test school with enterprise A (and B) as
partners, its first version written and, on request, taken through review."""

from decimal import Decimal

from reference.models import EducationLevel, Major, Skill
from training.models import ReviewDecision
from training.services import courses as services


def major(code="460305"):
    return Major.objects.get(code=code)


def skill(code):
    return Skill.objects.get(code=code)


def a_course(author, school, partners, *, title="工业机器人系统集成", units=2, skills=("S0701",), **extra):
    course = services.course_propose(actor=author, school=school, title=title, major=major(),
                                     level=EducationLevel.HIGHER, hours=64, credits=Decimal("4.0"),
                                     partners=partners, skills=[skill(c) for c in skills], **extra)
    version = services.open_version(course)
    for order in range(1, units + 1):
        services.unit_save(version=version, actor=author, order=order, title=f"单元{order}", hours=16)
    return course


def approved_course(author, school, reviewers, **kw):
    """Proposed, written, submitted and approved by every partner (``reviewers``: partner -> person)."""
    course = a_course(author, school, list(reviewers), **kw)
    services.course_submit(course=course, actor=author)
    for person in reviewers.values():
        services.course_review(course=course, actor=person, decision=ReviewDecision.APPROVE)
    course.refresh_from_db()
    return course
