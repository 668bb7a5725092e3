"""Building blocks of the placement tests: postings of enterprises, students with profiles, a
round ready for preferences."""

from django.utils import timezone

from members.models import Role
from members.tests.factories import person
from reference.models import Major
from talent_matching.models import (
    Posting,
    PostingKind,
    PostingStatus,
    StudentProfile,
    Visibility,
)


def major(code_prefix: str = "46") -> Major:
    return Major.objects.filter(level=Major.Level.MAJOR, code__startswith=code_prefix).order_by("code").first()


def posting(enterprise, title="数控加工实习", *, kind=PostingKind.INTERNSHIP, headcount=1, **fields) -> Posting:
    return Posting.objects.create(
        organization=enterprise, kind=kind, title=title, description="岗位说明。", headcount=headcount,
        status=PostingStatus.PUBLISHED, published_at=timezone.now(), **fields,
    )


def profile_of(user, school, *, visibility=Visibility.CONSORTIUM, level=2, **fields) -> StudentProfile:
    return StudentProfile.objects.create(
        student=user, school=school, major=fields.pop("major", None) or major(), education_level=level,
        graduation_year=2027, visibility=visibility, **fields,
    )


def new_student(school, username, *, full_name="", **fields) -> StudentProfile:
    user = person(school, Role.STUDENT, username=username, full_name=full_name or username)
    return profile_of(user, school, **fields)
