"""Writes of the talent platform: postings (岗位需求).

An enterprise's administrators and HR write their enterprise's postings: a draft is created and
changed freely, published once it is complete (``publish_problems`` says what is missing), and
closed when it stops taking people. Every function is keyword-only, one transaction, and checks
the actor's right itself (``talent_matching.access``); publishing and closing are recorded by
name in the audit trail. A published posting that is created, changed or closed is handed to
matching (``request_rematch``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import record_event
from talent_matching import access
from talent_matching.models import Posting, PostingCertificate, PostingSkill, PostingStatus
from talent_matching.services.matching import request_rematch

# What a posting's own columns are, as the pages and the API give them.
POSTING_FIELDS = (
    "kind", "title", "description", "occupation", "min_level", "headcount", "location",
    "salary_min", "salary_max", "starts_on", "ends_on", "deadline",
)
# A month's pay above this is a typing mistake (an extra zero), not a posting.
MAX_MONTHLY_PAY = 200_000


@dataclass(frozen=True)
class SkillRow:
    """A skill a posting asks for (``PostingSkill`` before it is saved)."""

    skill: object
    level: int
    weight: int = 3
    required: bool = False


@dataclass(frozen=True)
class CertificateRow:
    name: str
    level: str = ""
    required: bool = False


def _actor_id(actor):
    """The person who acted; an API key is no person."""
    return None if getattr(actor, "is_api_key", False) else getattr(actor, "pk", None)


def _check_fields(posting: Posting) -> None:
    """What a posting's columns must be in every state: a sane pay range and period."""
    errors = {}
    if posting.salary_min is not None and posting.salary_min > MAX_MONTHLY_PAY:
        errors["salary_min"] = _("Give the monthly pay in yuan, at most %(max)s.") % {"max": MAX_MONTHLY_PAY}
    if posting.salary_max is not None and posting.salary_max > MAX_MONTHLY_PAY:
        errors["salary_max"] = _("Give the monthly pay in yuan, at most %(max)s.") % {"max": MAX_MONTHLY_PAY}
    if (posting.salary_min is not None and posting.salary_max is not None
            and posting.salary_max < posting.salary_min):
        errors["salary_max"] = _("The pay up to is less than the pay from: swap them or correct one.")
    if posting.starts_on and posting.ends_on and posting.ends_on < posting.starts_on:
        errors["ends_on"] = _("The period ends before it starts.")
    if posting.deadline and posting.ends_on and posting.deadline > posting.ends_on:
        errors["deadline"] = _("The application deadline is after the period ends.")
    if errors:
        raise ValidationError(errors)


def _check_rows(skills: list[SkillRow], certificates: list[CertificateRow]) -> None:
    errors = {}
    skill_ids = [row.skill.pk for row in skills]
    if len(skill_ids) != len(set(skill_ids)):
        errors["skills"] = _("Each skill is listed once.")
    names = [(row.name.strip(), row.level.strip()) for row in certificates]
    if len(names) != len(set(names)):
        errors["certificates"] = _("Each certificate is listed once.")
    if errors:
        raise ValidationError(errors)


def publish_problems(posting: Posting, *, skills: list | None = None) -> list[str]:
    """What stops the posting from being published (empty when it is complete): at least one
    skill, an application deadline that has not passed, a sane pay range."""
    problems = []
    count = len(skills) if skills is not None else posting.skills.count()
    if not count:
        problems.append(_("List at least one skill the posting asks for."))
    if posting.deadline is None:
        problems.append(_("Give an application deadline."))
    elif posting.deadline < timezone.localdate():
        problems.append(_("The application deadline has passed: give a later one."))
    if posting.salary_min is None and posting.salary_max is None:
        problems.append(_("Give the monthly pay, at least its lower end."))
    elif (posting.salary_min is not None and posting.salary_max is not None
          and posting.salary_max < posting.salary_min):
        problems.append(_("The pay up to is less than the pay from."))
    return problems


def _write_rows(posting: Posting, skills: list[SkillRow], certificates: list[CertificateRow]) -> None:
    """Bring the posting's skills and certificates to the lists given, changing only what differs
    (so the audit trail shows what really changed)."""
    existing = {row.skill_id: row for row in posting.skills.all()}
    wanted = {row.skill.pk: row for row in skills}
    PostingSkill.objects.filter(posting=posting).exclude(skill_id__in=list(wanted)).delete()
    for skill_id, row in wanted.items():
        current = existing.get(skill_id)
        values = {"level": row.level, "weight": row.weight, "required": row.required}
        if current is None:
            PostingSkill.objects.create(posting=posting, skill=row.skill, **values)
        elif any(getattr(current, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(current, key, value)
            current.save()
    existing_certificates = {(c.name, c.level): c for c in posting.certificates.all()}
    wanted_certificates = {(row.name.strip(), row.level.strip()): row for row in certificates}
    for key, certificate in existing_certificates.items():
        if key not in wanted_certificates:
            certificate.delete()
    for (name, level), row in wanted_certificates.items():
        current = existing_certificates.get((name, level))
        if current is None:
            PostingCertificate.objects.create(posting=posting, name=name, level=level, required=row.required)
        elif current.required != row.required:
            current.required = row.required
            current.save()


@transaction.atomic
def posting_create(*, organization, actor, data: dict, majors=(), skills: list[SkillRow] = (),
                   certificates: list[CertificateRow] = ()) -> Posting:
    """A new draft posting of ``organization`` (an enterprise the actor writes postings for)."""
    if not access.can_manage_postings(actor, organization):
        raise PermissionDenied
    posting = Posting(organization=organization, created_by_id=_actor_id(actor), status=PostingStatus.DRAFT)
    for name in POSTING_FIELDS:
        if name in data:
            setattr(posting, name, data[name])
    posting.title = (posting.title or "").strip()
    _check_fields(posting)
    _check_rows(list(skills), list(certificates))
    posting.full_clean(exclude=["organization", "occupation", "location", "created_by"])
    posting.save()
    posting.majors.set(list(majors))
    _write_rows(posting, list(skills), list(certificates))
    return posting


@transaction.atomic
def posting_update(*, posting: Posting, actor, data: dict, majors=None, skills: list[SkillRow] | None = None,
                   certificates: list[CertificateRow] | None = None) -> Posting:
    """Change a draft or a published posting (a closed one is copied instead). A published posting
    must stay complete; matching hears of the change. ``majors``, ``skills`` and ``certificates``
    left as None are kept as they are."""
    posting = Posting.objects.select_for_update().select_related("organization").get(pk=posting.pk)
    if not access.can_edit_posting(actor, posting):
        raise PermissionDenied
    if posting.status == PostingStatus.CLOSED:
        raise ValidationError(_("A closed posting is not changed: copy it into a new draft instead."))
    for name in POSTING_FIELDS:
        if name in data:
            setattr(posting, name, data[name])
    posting.title = (posting.title or "").strip()
    _check_fields(posting)
    skill_rows = list(skills) if skills is not None else None
    certificate_rows = list(certificates) if certificates is not None else None
    _check_rows(skill_rows or [], certificate_rows or [])
    if posting.status == PostingStatus.PUBLISHED:
        problems = publish_problems(posting, skills=skill_rows)
        if problems:
            raise ValidationError(
                [_("A published posting stays complete:")] + problems
            )
    posting.full_clean(exclude=["organization", "occupation", "location", "created_by"])
    posting.save()
    if majors is not None:
        posting.majors.set(list(majors))
    if skill_rows is not None or certificate_rows is not None:
        current_skills = skill_rows if skill_rows is not None else [
            SkillRow(s.skill, s.level, s.weight, s.required) for s in posting.skills.select_related("skill")]
        current_certificates = certificate_rows if certificate_rows is not None else [
            CertificateRow(c.name, c.level, c.required) for c in posting.certificates.all()]
        _write_rows(posting, current_skills, current_certificates)
    if posting.status == PostingStatus.PUBLISHED:
        request_rematch(posting=posting)
    return posting


@transaction.atomic
def posting_publish(*, posting: Posting, actor) -> Posting:
    """Publish a complete draft: students and schools find it from now on. Safe to call twice;
    raises ValidationError listing what is missing."""
    posting = Posting.objects.select_for_update().select_related("organization").get(pk=posting.pk)
    if not access.can_edit_posting(actor, posting):
        raise PermissionDenied
    if posting.status == PostingStatus.PUBLISHED:
        return posting
    if posting.status == PostingStatus.CLOSED:
        raise ValidationError(_("A closed posting is not published again: copy it into a new draft instead."))
    problems = publish_problems(posting)
    if problems:
        raise ValidationError(problems)
    posting.status = PostingStatus.PUBLISHED
    posting.published_at = timezone.now()
    posting.save(update_fields=["status", "published_at", "updated_at"])
    record_event("posting.published", instance=posting, actor=actor,
                 details={"posting": posting.title, "headcount": posting.headcount,
                          "deadline": posting.deadline.isoformat()})
    request_rematch(posting=posting)
    return posting


@transaction.atomic
def posting_close(*, posting: Posting, actor) -> Posting:
    """Close a published posting: it takes no more applications and leaves matching. Safe to call twice."""
    posting = Posting.objects.select_for_update().select_related("organization").get(pk=posting.pk)
    if not access.can_edit_posting(actor, posting):
        raise PermissionDenied
    if posting.status == PostingStatus.CLOSED:
        return posting
    if posting.status != PostingStatus.PUBLISHED:
        raise ValidationError(_("Only a published posting is closed; a draft is simply left unpublished."))
    posting.status = PostingStatus.CLOSED
    posting.closed_at = timezone.now()
    posting.save(update_fields=["status", "closed_at", "updated_at"])
    record_event("posting.closed", instance=posting, actor=actor, details={"posting": posting.title})
    request_rematch(posting=posting)
    return posting


@transaction.atomic
def posting_copy(*, posting: Posting, actor) -> Posting:
    """A new draft with everything the posting asks for, to publish again (next year's order
    class, a job open once more); its deadline and period are left to fill in."""
    if not access.can_edit_posting(actor, posting):
        raise PermissionDenied
    data = {name: getattr(posting, name) for name in POSTING_FIELDS}
    data.update(deadline=None, starts_on=None, ends_on=None)
    title = _("%(title)s (copy)") % {"title": posting.title}
    data["title"] = title[:Posting._meta.get_field("title").max_length]
    return posting_create(
        organization=posting.organization, actor=actor, data=data, majors=list(posting.majors.all()),
        skills=[SkillRow(s.skill, s.level, s.weight, s.required) for s in posting.skills.select_related("skill")],
        certificates=[CertificateRow(c.name, c.level, c.required) for c in posting.certificates.all()],
    )
