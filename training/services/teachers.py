"""Teachers' training records and 双师型 certification. A teacher writes a record (draft), submits
it; the provider organisation signs it off — the record is then locked and issued as a
teacher-training certificate — or returns it with the reason. A teacher applies for 双师型 with
their signed-off records; the school's committee decides with reasons. Every write: keyword-only,
one transaction, permission checked inside, decisions audited."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import record_event
from core.events import contribution
from core.files import DOCUMENTS, check_upload, clean_name
from credentials.models import Achievement, AchievementKind
from credentials.services import issue_credential
from members.models import Organization, OrganizationKind, OrganizationStatus, User
from training.access import teachers as access
from training.models import (
    DualLevel, DualStatus, DualTeacherApplication, TeacherTrainingEvidence, TeacherTrainingRecord, TrainingKind,
    TrainingLevel, TrainingRecordStatus,
)

RECORD_FIELDS = ("kind", "level", "provider", "title", "starts_on", "ends_on", "days", "hours", "content", "outcomes")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_KINDS = DOCUMENTS
EARLIEST = date(1980, 1, 1)
# Kinds whose sign-off by an enterprise earns it responsibility credits (core.events.contribution).
CONTRIBUTING_KINDS = {TrainingKind.COURSE: "training_course", TrainingKind.WORKSHOP: "training_course"}
ACHIEVEMENT_NAME = "教师培训证书"


def _check_record(*, teacher: User, kind: str, level: str, provider: Organization | None, title: str,
                  starts_on: date | None, ends_on: date | None, days: int | None, hours: int | None, content: str,
                  record: TeacherTrainingRecord | None = None) -> None:
    errors = {}
    if not (title or "").strip():
        errors["title"] = [_("Give the training a title.")]
    if kind not in TrainingKind.values:
        errors["kind"] = [_("Choose the kind of training.")]
    elif kind == TrainingKind.COURSE and level not in TrainingLevel.values:
        errors["level"] = [_("Choose the level of the training course: national, provincial or school.")]
    if provider is None or provider.status != OrganizationStatus.ACTIVE:
        errors["provider"] = [_("Choose the member organisation that provided the training.")]
    if not (content or "").strip():
        errors["content"] = [_("Describe what the training covered.")]
    if starts_on is None:
        errors["starts_on"] = [_("Give the start date.")]
    elif starts_on < EARLIEST:
        errors["starts_on"] = [_("Give a start date from 1980 on.")]
    if ends_on is None:
        errors["ends_on"] = [_("Give the end date.")]
    elif starts_on is not None and ends_on < starts_on:
        errors["ends_on"] = [_("The end date cannot be before the start date.")]
    span = (ends_on - starts_on).days + 1 if starts_on and ends_on and ends_on >= starts_on else None
    if days is None or days <= 0:
        errors["days"] = [_("Give the number of days, at least one.")]
    elif span is not None and days > span:
        errors["days"] = [_("The period from %(start)s to %(end)s has %(span)s days; the days cannot be more.")
                          % {"start": starts_on, "end": ends_on, "span": span}]
    if hours is None or hours <= 0:
        errors["hours"] = [_("Give the number of hours, more than zero.")]
    elif days and days > 0 and hours > 24 * days:
        errors["hours"] = [_("%(hours)s hours in %(days)s days is more than 24 hours a day.")
                           % {"hours": hours, "days": days}]
    if kind == TrainingKind.PRACTICE and span is not None and not errors.get("starts_on"):
        clash = (TeacherTrainingRecord.objects.filter(teacher=teacher, kind=TrainingKind.PRACTICE,
                                                      starts_on__lte=ends_on, ends_on__gte=starts_on)
                 .exclude(pk=getattr(record, "pk", None)).first())
        if clash is not None:
            errors["starts_on"] = [_("This period overlaps your enterprise practice “%(title)s” from %(start)s to "
                                     "%(end)s; one period of practice cannot be recorded twice.")
                                   % {"title": clash.title, "start": clash.starts_on, "end": clash.ends_on}]
    if errors:
        raise ValidationError(errors)


def _checked_evidence(evidence) -> list:
    checked = []
    for upload in evidence or []:
        try:
            kind = check_upload(upload, kinds=EVIDENCE_KINDS, max_bytes=EVIDENCE_MAX_BYTES)
        except ValidationError as error:
            raise ValidationError({"evidence": error.messages}) from None
        checked.append((upload, kind))
    return checked


def _save(record: TeacherTrainingRecord, evidence: list) -> None:
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:  # the database's guard: a concurrent overlapping period
        raise ValidationError({"starts_on": [_("This period overlaps another period of your enterprise practice.")]}) \
            from None
    for upload, kind in evidence:
        item = TeacherTrainingEvidence(record=record, name=clean_name(upload.name), content_type=kind.content_type)
        item.file.save(item.name, upload, save=False)
        item.save()


def _school_of(actor: User, school: Organization | None) -> Organization:
    schools = access.teaching_school_ids(actor)
    if not schools:
        raise PermissionDenied
    if school is not None:
        if school.pk not in schools:
            raise PermissionDenied
        return school
    return Organization.objects.get(pk=min(schools))


@transaction.atomic
def record_create(*, actor: User, kind: str, provider: Organization | None, title: str, starts_on: date | None,
                  ends_on: date | None, days: int | None, hours: int | None, content: str, level: str = "",
                  outcomes: str = "", school: Organization | None = None, evidence=None) -> TeacherTrainingRecord:
    """A teacher's new record, a draft."""
    school = _school_of(actor, school)
    User.objects.select_for_update().filter(pk=actor.pk).first()  # one teacher's periods, one at a time
    level = level if kind == TrainingKind.COURSE else ""
    _check_record(teacher=actor, kind=kind, level=level, provider=provider, title=title, starts_on=starts_on,
                  ends_on=ends_on, days=days, hours=hours, content=content)
    checked = _checked_evidence(evidence)
    record = TeacherTrainingRecord(teacher=actor, school=school, kind=kind, level=level, provider=provider,
                                   title=title.strip(), starts_on=starts_on, ends_on=ends_on, days=days, hours=hours,
                                   content=content.strip(), outcomes=(outcomes or "").strip())
    _save(record, checked)
    return record


@transaction.atomic
def record_update(*, record: TeacherTrainingRecord, actor: User, kind: str, provider: Organization | None,
                  title: str, starts_on: date | None, ends_on: date | None, days: int | None, hours: int | None,
                  content: str, level: str = "", outcomes: str = "", evidence=None) -> TeacherTrainingRecord:
    """The teacher corrects a draft or a returned record (it stays as it is: submit it again)."""
    User.objects.select_for_update().filter(pk=actor.pk).first()
    record = TeacherTrainingRecord.objects.select_for_update().get(pk=record.pk)
    if not access.can_edit(actor, record):
        raise PermissionDenied
    level = level if kind == TrainingKind.COURSE else ""
    _check_record(teacher=actor, kind=kind, level=level, provider=provider, title=title, starts_on=starts_on,
                  ends_on=ends_on, days=days, hours=hours, content=content, record=record)
    checked = _checked_evidence(evidence)
    record.kind, record.level, record.provider, record.title = kind, level, provider, title.strip()
    record.starts_on, record.ends_on, record.days, record.hours = starts_on, ends_on, days, hours
    record.content, record.outcomes = content.strip(), (outcomes or "").strip()
    _save(record, checked)
    return record


@transaction.atomic
def record_submit(*, record: TeacherTrainingRecord, actor: User) -> TeacherTrainingRecord:
    """To the provider organisation, for sign-off."""
    record = TeacherTrainingRecord.objects.select_for_update().select_related("provider").get(pk=record.pk)
    if not access.can_edit(actor, record):
        raise PermissionDenied
    if record.ends_on > timezone.localdate():
        raise ValidationError(_("A record is submitted for sign-off once the training has ended (on %(end)s).")
                              % {"end": record.ends_on})
    if record.provider.status != OrganizationStatus.ACTIVE:
        raise ValidationError(_("The provider organisation is no longer an active member; choose another."))
    record.status, record.submitted_at = TrainingRecordStatus.SUBMITTED, timezone.now()
    record.save(update_fields=["status", "submitted_at"])
    record_event("teacher_training.submitted", instance=record, actor=actor,
                 details={"provider": record.provider.name_zh, "days": record.days})
    return record


def training_achievement(school: Organization) -> Achievement:
    """The school's teacher-training certificate. Only schools issue credentials
    (``credentials.access.ISSUING_KINDS``), so the teacher's school issues it for the provider."""
    achievement, _created = Achievement.objects.get_or_create(
        issuer=school, name=ACHIEVEMENT_NAME, level="",
        defaults={"kind": AchievementKind.TEACHER_TRAINING,
                  "description": "教师企业实践、培训课程、工作坊和产业项目的培训证书，经提供培训的成员单位签认。",
                  "criteria": "完成培训并经提供培训的成员单位签认。"})
    return achievement


@transaction.atomic
def record_sign_off(*, record: TeacherTrainingRecord, actor: User) -> TeacherTrainingRecord:
    """The provider confirms the record: it is locked from now on and issued as a certificate."""
    record = (TeacherTrainingRecord.objects.select_for_update()
              .select_related("provider", "school", "teacher").get(pk=record.pk))
    if not access.can_sign(actor, record):
        raise PermissionDenied
    if record.ends_on > timezone.localdate():
        raise ValidationError(_("Training is signed off once it has ended (on %(end)s).") % {"end": record.ends_on})
    credential = issue_credential(achievement=training_achievement(record.school), holder=record.teacher, actor=None)
    record.status, record.signed_off_at, record.signed_off_by = (
        TrainingRecordStatus.SIGNED_OFF, timezone.now(), actor)
    record.credential, record.return_reason = credential, ""
    record.save(update_fields=["status", "signed_off_at", "signed_off_by", "credential", "return_reason"])
    record_event("teacher_training.signed_off", instance=record, actor=actor,
                 details={"teacher": record.teacher.get_full_name() or record.teacher.username,
                          "days": record.days, "hours": record.hours})
    code = CONTRIBUTING_KINDS.get(record.kind)
    if code and record.provider.kind == OrganizationKind.ENTERPRISE:
        contribution.send(sender=TeacherTrainingRecord, kind=code, organization=record.provider, source=record,
                          quantity=1, occurred_on=record.ends_on)
    return record


@transaction.atomic
def record_return(*, record: TeacherTrainingRecord, actor: User, reason: str) -> TeacherTrainingRecord:
    """The provider sends the record back to the teacher, saying why."""
    record = TeacherTrainingRecord.objects.select_for_update().get(pk=record.pk)
    if not access.can_sign(actor, record):
        raise PermissionDenied
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Say why the record is returned, so the teacher can correct it.")]})
    record.status, record.return_reason = TrainingRecordStatus.RETURNED, reason.strip()
    record.save(update_fields=["status", "return_reason"])
    record_event("teacher_training.returned", instance=record, actor=actor, details={"reason": record.return_reason})
    return record


@transaction.atomic
def dual_apply(*, actor: User, level: str, qualifications: str, records, school: Organization | None = None
               ) -> DualTeacherApplication:
    """A teacher's 双师型 application with their signed-off records as evidence."""
    school = _school_of(actor, school)
    records = list(records or [])
    errors = {}
    if level not in DualLevel.values:
        errors["level"] = [_("Choose the level you apply for.")]
    if not (qualifications or "").strip():
        errors["qualifications"] = [_("Describe your qualifications: certificates, titles, industry experience.")]
    if not records:
        errors["records"] = [_("Choose at least one signed-off training record as evidence.")]
    elif any(r.teacher_id != actor.pk or r.status != TrainingRecordStatus.SIGNED_OFF for r in records):
        errors["records"] = [_("Only your own signed-off training records count as evidence.")]
    if DualTeacherApplication.objects.filter(teacher=actor, school=school, status=DualStatus.PENDING).exists():
        errors["level"] = [_("Your application is already waiting for the committee's decision.")]
    if errors:
        raise ValidationError(errors)
    application = DualTeacherApplication(teacher=actor, school=school, level=level,
                                         qualifications=qualifications.strip())
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise ValidationError({"level": [_("Your application is already waiting for the committee's decision.")]}) \
            from None
    application.records.set(records)
    record_event("dual_teacher.applied", instance=application, actor=actor, details={"level": level})
    return application


@transaction.atomic
def dual_decide(*, application: DualTeacherApplication, actor: User, approve: bool, level: str = "",
                reasons: str) -> DualTeacherApplication:
    """The school's committee certifies the teacher at a level, or rejects the application; with reasons."""
    application = DualTeacherApplication.objects.select_for_update().get(pk=application.pk)
    if not access.can_decide(actor, application):
        raise PermissionDenied
    if application.status != DualStatus.PENDING:
        raise ValidationError(_("This application is already decided."))
    errors = {}
    if approve and level not in DualLevel.values:
        errors["level"] = [_("Choose the level at which the teacher is certified.")]
    if not (reasons or "").strip():
        errors["reasons"] = [_("Give the committee's reasons.")]
    if errors:
        raise ValidationError(errors)
    application.status = DualStatus.APPROVED if approve else DualStatus.REJECTED
    application.decided_level = level if approve else ""
    application.reasons, application.decided_by, application.decided_at = reasons.strip(), actor, timezone.now()
    application.save()
    record_event("dual_teacher.decided", instance=application, actor=actor,
                 details={"decision": application.status, "level": application.decided_level})
    return application
