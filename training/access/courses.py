"""Who may do what with co-developed courses (built on the base rules in access/__init__.py).

A course is visible to the staff of its school and of its partner enterprises while it is being
written; once approved (or in use, or retired after use) everyone in training reads it. The
school's administrators and teachers propose a course, submit its versions for review, put it
in use and retire it; the co-authors (the school's administrators and teachers, the partners'
administrators, engineers and HR) write its draft versions; each partner enterprise, through
its administrators, engineers or HR, approves a submitted version or asks for changes."""

from django.db.models import Q, QuerySet

from members.models import Role
from training import access as base
from training.models import Course, CourseStatus
from training.models.courses import VersionStatus

SCHOOL_AUTHOR_ROLES = {Role.ORG_ADMIN, Role.TEACHER}
PARTNER_AUTHOR_ROLES = {Role.ORG_ADMIN, Role.ENGINEER, Role.HR}
PUBLISHED = (CourseStatus.APPROVED, CourseStatus.IN_USE, CourseStatus.RETIRED)


def can_read_courses(user) -> bool:
    """Everyone in training; in the API, an organisation's key too."""
    return base.can_use_training(user) or (base.is_api_key(user) and bool(base.member_ids(user)))


def school_author_ids(user) -> set[int]:
    """The schools where this person proposes and runs courses."""
    return base.school_ids(user) & base.org_ids_with_roles(user, SCHOOL_AUTHOR_ROLES)


def partner_author_ids(user) -> set[int]:
    """The enterprises for which this person co-authors and reviews courses."""
    return base.enterprise_ids(user) & base.org_ids_with_roles(user, PARTNER_AUTHOR_ROLES)


def author_org_ids(user) -> set[int]:
    return school_author_ids(user) | partner_author_ids(user)


def courses_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Course.objects.all() if queryset is None else queryset
    if base.is_secretariat(user):
        return qs
    if not can_read_courses(user):
        return qs.none()
    orgs = author_org_ids(user)
    if base.is_api_key(user):
        orgs = base.member_ids(user)
    visible = Q(status__in=PUBLISHED)
    if orgs:
        partnered = Course.partners.through.objects.filter(organization_id__in=orgs).values("course_id")
        visible |= Q(school_id__in=orgs) | Q(pk__in=partnered)
    return qs.filter(visible)


def can_propose(user) -> bool:
    return bool(school_author_ids(user))


def is_school_author(user, course: Course) -> bool:
    return course.school_id in school_author_ids(user)


def partner_orgs_of(user, course: Course) -> set[int]:
    """The course's partner enterprises this person acts for."""
    mine = partner_author_ids(user)
    if not mine:
        return set()
    return set(course.partners.filter(pk__in=mine).values_list("pk", flat=True))


def is_author(user, course: Course) -> bool:
    return is_school_author(user, course) or bool(partner_orgs_of(user, course))


def can_edit_course(user, course: Course) -> bool:
    """The course's facts and links: its school's authors, until it is retired."""
    return course.status != CourseStatus.RETIRED and is_school_author(user, course)


def can_write_draft(user, course: Course, version=None) -> bool:
    """The open draft version: every co-author."""
    if version is not None and version.status != VersionStatus.DRAFT:
        return False
    return course.status != CourseStatus.RETIRED and is_author(user, course)


def can_submit(user, course: Course) -> bool:
    return course.status != CourseStatus.RETIRED and is_school_author(user, course)


def can_review(user, course: Course) -> bool:
    return course.status == CourseStatus.IN_REVIEW and bool(partner_orgs_of(user, course))


def can_run(user, course: Course) -> bool:
    """Starting a new version, putting in use, retiring: the school's authors."""
    return course.status != CourseStatus.RETIRED and is_school_author(user, course)
