"""Co-developed courses (共建课程): a school's administrators or teachers propose a course with
one or more partner enterprises; the co-authors write it in versions (outline units with their
competences, standards and real-project cases, teaching resources, a loose-leaf textbook); the
school submits a version; each partner approves it or asks for changes; when every partner has
approved, the version is approved (the earlier approved one superseded), the course is approved
and each partner is credited for co-developing it. Then the school puts it in use and, one day,
retires it with a reason. A new version of a standard a course cites flags it for review; the
next approved version clears the flag.

Every write: keyword-only, one transaction, permission checked inside, audited. Approved,
returned and superseded versions never change (here and, on PostgreSQL, by triggers)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from core import events
from core.audit import record_event
from credentials.models import AchievementKind
from members.models import Organization, OrganizationKind, OrganizationStatus, SCHOOL_KINDS, User
from training.access import courses as access
from training.events import standard_versioned
from training.models import (
    Course, CoursePartnerCredit, CourseReview, CourseStatus, CourseUnit, CourseVersion, ReviewDecision, TeachingCase, TextbookChapter,
    VersionStatus,
)
from training.models.courses import OPEN_VERSION_STATUSES

COURSE_FIELDS = ("title", "code", "major", "level", "hours", "credits", "summary", "partners", "skills",
                 "competitions", "certificates")
UNIT_FIELDS = ("order", "title", "hours", "outcomes", "competences", "standards")
CHAPTER_FIELDS = ("number", "title", "body")


# --- reading the versions --------------------------------------------------------------------


def open_version(course: Course) -> CourseVersion | None:
    """The draft or submitted version (at most one)."""
    return course.versions.filter(status__in=OPEN_VERSION_STATUSES).first()


def approved_version(course: Course) -> CourseVersion | None:
    return course.versions.filter(status=VersionStatus.APPROVED).first()


def resources_visible_to(user, queryset=None):
    """The teaching resources this person may attach: the resources part's rule when present,
    else the shared resources and those of the person's organisations."""
    from training.models import TeachingResource

    qs = TeachingResource.objects.all() if queryset is None else queryset
    try:
        from training.selectors.resources import resources_for
    except ImportError:
        if access.base.is_secretariat(user):
            return qs
        return qs.filter(Q(is_shared=True) | Q(owner_id__in=access.base.member_ids(user)))
    return resources_for(user, qs)


# --- the course -------------------------------------------------------------------------------


def _check_course(*, school: Organization | None, title: str, major, level, hours, credits, partners,
                  certificates) -> None:
    errors = {}
    if not (title or "").strip():
        errors["title"] = [_("Give the course a title.")]
    if major is None:
        errors["major"] = [_("Choose the major the course belongs to.")]
    if level is None:
        errors["level"] = [_("Choose the education level.")]
    if hours is None or hours < 1:
        errors["hours"] = [_("Give the course's hours, at least 1.")]
    if credits is None or Decimal(credits) < 0:
        errors["credits"] = [_("Give the credits, 0 or more.")]
    partners = list(partners or [])
    if not partners:
        errors["partners"] = [_("Choose at least one partner enterprise.")]
    elif any(p.kind != OrganizationKind.ENTERPRISE or p.status != OrganizationStatus.ACTIVE for p in partners):
        errors["partners"] = [_("Partners are active member enterprises.")]
    if any(c.kind != AchievementKind.SKILL_CERTIFICATE for c in certificates or []):
        errors["certificates"] = [_("Choose skill certificates only.")]
    if school is not None and (school.kind not in SCHOOL_KINDS or school.status != OrganizationStatus.ACTIVE):
        errors["school"] = [_("Choose an active member school.")]
    if errors:
        raise ValidationError(errors)


def _set_links(course: Course, *, partners, skills, competitions, certificates) -> None:
    course.partners.set(partners)
    course.skills.set(skills or [])
    course.competitions.set(competitions or [])
    course.certificates.set(certificates or [])


@transaction.atomic
def course_propose(*, actor: User, school: Organization, title: str, major, level: int, hours: int, credits,
                   partners, code: str = "", summary: str = "", skills=(), competitions=(),
                   certificates=()) -> Course:
    """A school's administrator or teacher proposes a course with its partner enterprises; its
    first version is an empty draft for the co-authors to write."""
    if school is None or school.pk not in access.school_author_ids(actor):
        raise PermissionDenied
    _check_course(school=school, title=title, major=major, level=level, hours=hours, credits=credits,
                  partners=partners, certificates=certificates)
    course = Course.objects.create(school=school, title=title.strip(), code=(code or "").strip(), major=major,
                                   level=level, hours=hours, credits=credits, summary=(summary or "").strip(),
                                   created_by=actor)
    _set_links(course, partners=partners, skills=skills, competitions=competitions, certificates=certificates)
    CourseVersion.objects.create(course=course, number=1, created_by=actor)
    record_event("course.proposed", instance=course, actor=actor,
                 details={"partners": ", ".join(p.name for p in partners)})
    return course


@transaction.atomic
def course_update(*, course: Course, actor: User, title: str, major, level: int, hours: int, credits, partners,
                  code: str = "", summary: str = "", skills=(), competitions=(), certificates=()) -> Course:
    """The school's authors edit the course's facts and links. Partners are fixed once a version
    has been approved (they were credited for it); until then they may change."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    if not access.can_edit_course(actor, course):
        raise PermissionDenied
    _check_course(school=None, title=title, major=major, level=level, hours=hours, credits=credits,
                  partners=partners, certificates=certificates)
    if course.versions.exclude(status__in=OPEN_VERSION_STATUSES).exists() and (
            {p.pk for p in partners} != set(course.partners.values_list("pk", flat=True))):
        raise ValidationError({"partners": [_("The partners of a course that has been reviewed cannot change.")]})
    if course.status == CourseStatus.IN_REVIEW and (
            {p.pk for p in partners} != set(course.partners.values_list("pk", flat=True))):
        raise ValidationError({"partners": [_("The partners cannot change while a version is in review.")]})
    course.title, course.code, course.major, course.level = title.strip(), (code or "").strip(), major, level
    course.hours, course.credits, course.summary = hours, credits, (summary or "").strip()
    course.updated_at = timezone.now()
    course.save()
    _set_links(course, partners=partners, skills=skills, competitions=competitions, certificates=certificates)
    return course


# --- the draft version: units, cases, chapters, resources -------------------------------------


def _draft(version: CourseVersion, actor: User) -> CourseVersion:
    """The version, locked, if it is a draft this person co-authors."""
    version = CourseVersion.objects.select_for_update().select_related("course").get(pk=version.pk)
    if not access.is_author(actor, version.course) and not access.base.is_secretariat(actor):
        raise PermissionDenied
    if not access.can_write_draft(actor, version.course, version):
        raise ValidationError(_("Only a draft version can be changed; this one is %(status)s.")
                              % {"status": version.get_status_display()})
    return version


def _touch(version: CourseVersion) -> None:
    Course.objects.filter(pk=version.course_id).update(updated_at=timezone.now())


@transaction.atomic
def unit_save(*, version: CourseVersion, actor: User, order: int, title: str, hours: int, outcomes: str = "",
              competences=(), standards=(), unit: CourseUnit | None = None) -> CourseUnit:
    """Add a unit to the draft version, or change one of its units."""
    version = _draft(version, actor)
    errors = {}
    if not (title or "").strip():
        errors["title"] = [_("Give the unit a title.")]
    if hours is None or hours < 1:
        errors["hours"] = [_("Give the unit's hours, at least 1.")]
    if order is None or order < 1:
        errors["order"] = [_("Give the unit's place in the outline, from 1.")]
    elif version.units.filter(order=order).exclude(pk=getattr(unit, "pk", None)).exists():
        errors["order"] = [_("Another unit already has place %(order)s.") % {"order": order}]
    if errors:
        raise ValidationError(errors)
    if unit is None:
        unit = CourseUnit(version=version)
    elif unit.version_id != version.pk:
        raise PermissionDenied
    unit.order, unit.title, unit.hours, unit.outcomes = order, title.strip(), hours, (outcomes or "").strip()
    unit.save()
    unit.competences.set(competences or [])
    unit.standards.set(standards or [])
    _touch(version)
    return unit


@transaction.atomic
def unit_delete(*, unit: CourseUnit, actor: User) -> None:
    version = _draft(unit.version, actor)
    CourseUnit.objects.filter(pk=unit.pk, version=version).get().delete()
    _touch(version)


@transaction.atomic
def case_add(*, unit: CourseUnit, actor: User, text: str, enterprise: Organization | None = None) -> TeachingCase:
    """A real-project teaching case, contributed by one of the course's partners (or the school)."""
    version = _draft(unit.version, actor)
    if not (text or "").strip():
        raise ValidationError({"text": [_("Describe the teaching case.")]})
    if enterprise is not None and not version.course.partners.filter(pk=enterprise.pk).exists():
        raise ValidationError({"enterprise": [_("Choose one of the course's partner enterprises.")]})
    case = TeachingCase.objects.create(unit=unit, text=text.strip(), enterprise=enterprise)
    _touch(version)
    return case


def _chapter_revision(version: CourseVersion, number: int, title: str, body: str) -> int:
    """The chapter's revision: its base version's, raised by one when this version changes it."""
    base = (TextbookChapter.objects.filter(version_id=version.based_on_id, number=number).first()
            if version.based_on_id else None)
    if base is None:
        return 1
    return base.revision if (base.title, base.body) == (title, body) else base.revision + 1


@transaction.atomic
def chapter_save(*, version: CourseVersion, actor: User, number: int, title: str, body: str = "",
                 chapter: TextbookChapter | None = None) -> TextbookChapter:
    """Write a chapter of the loose-leaf textbook in the draft version. A chapter edited here
    gets the next revision; one left as it was keeps its own."""
    version = _draft(version, actor)
    errors = {}
    if not (title or "").strip():
        errors["title"] = [_("Give the chapter a title.")]
    if number is None or number < 1:
        errors["number"] = [_("Give the chapter's number, from 1.")]
    elif version.chapters.filter(number=number).exclude(pk=getattr(chapter, "pk", None)).exists():
        errors["number"] = [_("There is already a chapter %(number)s.") % {"number": number}]
    if errors:
        raise ValidationError(errors)
    if chapter is None:
        chapter = TextbookChapter(version=version)
    elif chapter.version_id != version.pk:
        raise PermissionDenied
    title, body = title.strip(), (body or "").strip()
    chapter.number, chapter.title, chapter.body = number, title, body
    chapter.revision = _chapter_revision(version, number, title, body)
    chapter.save()
    _touch(version)
    return chapter


@transaction.atomic
def version_resources_set(*, version: CourseVersion, actor: User, resources) -> CourseVersion:
    version = _draft(version, actor)
    resources = list(resources or [])
    visible = set(resources_visible_to(actor).filter(pk__in=[r.pk for r in resources]).values_list("pk", flat=True))
    if any(r.pk not in visible for r in resources):
        raise ValidationError({"resources": [_("Choose resources shared with members or your own.")]})
    version.resources.set(resources)
    _touch(version)
    return version


def _copy(source: CourseVersion, *, number: int, actor: User) -> CourseVersion:
    """A new draft holding everything ``source`` holds (chapters keep their revisions)."""
    draft = CourseVersion.objects.create(course_id=source.course_id, number=number, based_on=source, created_by=actor)
    draft.resources.set(source.resources.all())
    for unit in source.units.prefetch_related("competences", "standards", "cases"):
        copy = CourseUnit.objects.create(version=draft, order=unit.order, title=unit.title, hours=unit.hours,
                                         outcomes=unit.outcomes)
        copy.competences.set(unit.competences.all())
        copy.standards.set(unit.standards.all())
        TeachingCase.objects.bulk_create([TeachingCase(unit=copy, text=c.text, enterprise_id=c.enterprise_id)
                                          for c in unit.cases.all()])
    TextbookChapter.objects.bulk_create([
        TextbookChapter(version=draft, number=c.number, title=c.title, body=c.body, revision=c.revision)
        for c in source.chapters.all()])
    return draft


def _next_number(course: Course) -> int:
    return (course.versions.aggregate(last=Max("number"))["last"] or 0) + 1


# --- the workflow -----------------------------------------------------------------------------


@transaction.atomic
def course_submit(*, course: Course, actor: User, note: str = "") -> CourseVersion:
    """The school submits the draft version for its partners' review."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    if not access.can_submit(actor, course):
        raise PermissionDenied
    version = course.versions.select_for_update().filter(status=VersionStatus.DRAFT).first()
    if version is None:
        raise ValidationError(_("There is no draft version to submit."))
    units = list(version.units.values_list("hours", flat=True))
    if not units:
        raise ValidationError(_("A version without units cannot be submitted; write its outline first."))
    if sum(units) > course.hours:
        raise ValidationError(_("The units add up to %(units)s hours, more than the course's %(hours)s.")
                              % {"units": sum(units), "hours": course.hours})
    version.status, version.submitted_at, version.note = VersionStatus.SUBMITTED, timezone.now(), (note or "").strip()
    version.save(update_fields=["status", "submitted_at", "note"])
    course.status, course.updated_at = CourseStatus.IN_REVIEW, timezone.now()
    course.save(update_fields=["status", "updated_at"])
    record_event("course.submitted", instance=course, actor=actor, details={"version": version.number})
    return version


@transaction.atomic
def course_review(*, course: Course, actor: User, decision: str, comment: str = "",
                  organization: Organization | None = None) -> CourseReview:
    """A partner enterprise approves the submitted version or asks for changes (with a comment).
    Changes asked: the version is returned and a new draft, a copy of it, follows. Every partner
    approved: the version is approved (see ``_approve``)."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    mine = access.partner_orgs_of(actor, course)
    if course.status != CourseStatus.IN_REVIEW or not mine:
        raise PermissionDenied
    version = course.versions.select_for_update().get(status=VersionStatus.SUBMITTED)
    reviewed = set(version.reviews.values_list("organization_id", flat=True))
    if organization is None:
        pending = sorted(mine - reviewed)
        if not pending:
            raise ValidationError(_("Your organisation has already reviewed this version."))
        organization = Organization.objects.get(pk=pending[0])
    elif organization.pk not in mine:
        raise PermissionDenied
    elif organization.pk in reviewed:
        raise ValidationError(_("Your organisation has already reviewed this version."))
    if decision not in ReviewDecision.values:
        raise ValidationError({"decision": [_("Choose approve or request changes.")]})
    comment = (comment or "").strip()
    if decision == ReviewDecision.CHANGES and not comment:
        raise ValidationError({"comment": [_("Say what should change.")]})
    review = CourseReview.objects.create(version=version, organization=organization, decision=decision,
                                         comment=comment, by=actor)
    record_event("course.reviewed", instance=course, actor=actor,
                 details={"version": version.number, "organization": organization.name, "decision": decision})
    now = timezone.now()
    if decision == ReviewDecision.CHANGES:
        version.status, version.decided_at = VersionStatus.RETURNED, now
        version.save(update_fields=["status", "decided_at"])
        _copy(version, number=_next_number(course), actor=actor)
        course.status = CourseStatus.APPROVED if approved_version(course) else CourseStatus.PROPOSED
        course.updated_at = now
        course.save(update_fields=["status", "updated_at"])
        record_event("course.changes_requested", instance=course, actor=actor,
                     details={"version": version.number, "organization": organization.name})
    else:
        partners = set(course.partners.values_list("pk", flat=True))
        approving = set(version.reviews.filter(decision=ReviewDecision.APPROVE).values_list("organization_id", flat=True))
        if partners <= approving:
            _approve(course, version, actor=actor, now=now)
    return review


def _approve(course: Course, version: CourseVersion, *, actor: User, now) -> None:
    previous = approved_version(course)
    if previous is not None:
        previous.status = VersionStatus.SUPERSEDED
        previous.save(update_fields=["status"])
    version.status, version.decided_at = VersionStatus.APPROVED, now
    version.save(update_fields=["status", "decided_at"])
    course.status, course.needs_review, course.review_reason, course.updated_at = (
        CourseStatus.APPROVED, False, "", now)
    course.save(update_fields=["status", "needs_review", "review_reason", "updated_at"])
    record_event("course.approved", instance=course, actor=actor, details={"version": version.number})
    # Credited once per partner and course, however many versions follow.
    today = timezone.localdate()
    for partner in course.partners.all():
        credit, created = CoursePartnerCredit.objects.get_or_create(course=course, organization=partner,
                                                                    defaults={"version": version, "at": now})
        if created:
            events.contribution.send(sender=Course, kind="course_codeveloped", organization=partner,
                                     source=credit, quantity=1, occurred_on=today)


@transaction.atomic
def course_new_version(*, course: Course, actor: User) -> CourseVersion:
    """The school starts a new draft of an approved (or in-use) course, a copy of its approved version."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    if not access.can_run(actor, course):
        raise PermissionDenied
    if open_version(course) is not None:
        raise ValidationError(_("The course already has a version being written or reviewed."))
    approved = approved_version(course)
    if approved is None:
        raise ValidationError(_("The course has no approved version to start from."))
    draft = _copy(approved, number=_next_number(course), actor=actor)
    record_event("course.version_started", instance=course, actor=actor, details={"version": draft.number})
    return draft


@transaction.atomic
def course_put_in_use(*, course: Course, actor: User) -> Course:
    course = Course.objects.select_for_update().get(pk=course.pk)
    if not access.can_run(actor, course):
        raise PermissionDenied
    if course.status != CourseStatus.APPROVED:
        raise ValidationError(_("Only an approved course can be put in use."))
    course.status, course.updated_at = CourseStatus.IN_USE, timezone.now()
    course.save(update_fields=["status", "updated_at"])
    record_event("course.in_use", instance=course, actor=actor)
    return course


@transaction.atomic
def course_retire(*, course: Course, actor: User, reason: str) -> Course:
    course = Course.objects.select_for_update().get(pk=course.pk)
    if not access.can_run(actor, course):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the course is retired.")]})
    now = timezone.now()
    CourseVersion.objects.filter(course=course, status=VersionStatus.DRAFT).delete()
    submitted = course.versions.filter(status=VersionStatus.SUBMITTED).first()
    if submitted is not None:
        submitted.status, submitted.decided_at = VersionStatus.RETURNED, now
        submitted.save(update_fields=["status", "decided_at"])
    course.status, course.retired_reason, course.retired_at, course.updated_at = (
        CourseStatus.RETIRED, reason[:300], now, now)
    course.save(update_fields=["status", "retired_reason", "retired_at", "updated_at"])
    record_event("course.retired", instance=course, actor=actor, details={"reason": course.retired_reason})
    return course


# --- standards get new versions ---------------------------------------------------------------


@transaction.atomic
def courses_flag_for_standard(*, standard, previous, actor=None) -> list[Course]:
    """Flag every course whose open or approved version cites ``previous`` (a unit's standard,
    or a competence of it) for review, naming the standard. Safe to call twice."""
    cited = (CourseUnit.objects
             .filter(version__status__in=(*OPEN_VERSION_STATUSES, VersionStatus.APPROVED))
             .filter(Q(standards=previous) | Q(competences__standard=previous))
             .values("version__course_id"))
    reason = f"{previous.code}-{previous.version} → {standard.code}-{standard.version}"[:300]
    flagged = []
    for course in Course.objects.select_for_update().filter(pk__in=cited).exclude(status=CourseStatus.RETIRED):
        if course.needs_review and course.review_reason == reason:
            continue
        course.needs_review, course.review_reason = True, reason
        course.save(update_fields=["needs_review", "review_reason"])
        record_event("course.flagged", instance=course, actor=actor, details={"standard": reason})
        flagged.append(course)
    return flagged


@receiver(standard_versioned, dispatch_uid="training.courses.standard_versioned")
def _on_standard_versioned(sender, *, standard, previous, actor=None, **kwargs):
    if previous is not None:
        courses_flag_for_standard(standard=standard, previous=previous, actor=actor)
