"""Enterprise employee training: a school's administrators offer a programme and write its
sessions; enterprises' administrators and HR enrol their employees (the programme's row is locked
while the places are counted, so the capacity holds under concurrent enrolments); the school
records each session's attendance and the assessment, and the enrolment is completed when the
hours attended reach the required share and the assessment is passed. Every write: keyword-only,
one transaction, permission checked inside, audited."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import record_event
from credentials.models import AchievementKind
from members.models import Membership, Organization, OrganizationKind, OrganizationStatus, User
from training.access import employees as access
from training.models import (
    EmployeeEnrolment,
    EnrolmentStatus,
    ProgrammeKind,
    ProgrammeSession,
    ProgrammeStatus,
    SessionAttendance,
    TrainingProgramme,
)

PROGRAMME_FIELDS = ("title", "kind", "major", "description", "hours", "required_share", "fee", "capacity",
                    "starts_on", "ends_on", "status", "achievement")


def _check_programme(*, school, title, kind, hours, required_share, fee, capacity, starts_on, ends_on, status,
                     achievement=None, programme=None) -> None:
    errors = {}
    if achievement is not None and (achievement.issuer_id != school.pk or not achievement.is_active
                                    or achievement.kind != AchievementKind.EMPLOYEE_TRAINING):
        errors["achievement"] = [_("Choose an employee-training certificate your school issues.")]
    if not (title or "").strip():
        errors["title"] = [_("Give the programme a title.")]
    if kind not in ProgrammeKind.values:
        errors["kind"] = [_("Choose the kind of training.")]
    if status not in ProgrammeStatus.values:
        errors["status"] = [_("Choose a status.")]
    if hours is None or not 0 < hours <= 2000:
        errors["hours"] = [_("Give the programme's hours, from 1 to 2000.")]
    if required_share is None or not 1 <= required_share <= 100:
        errors["required_share"] = [_("Give a percentage from 1 to 100.")]
    if fee is None or fee < 0:
        errors["fee"] = [_("The fee cannot be negative.")]
    if capacity is None or capacity < 1:
        errors["capacity"] = [_("Give a capacity of at least one person.")]
    elif programme is not None:
        taken = programme.enrolments.exclude(status=EnrolmentStatus.WITHDRAWN).count()
        if capacity < taken:
            errors["capacity"] = [_("%(count)s employees are enrolled; the capacity cannot be lower.") % {
                "count": taken}]
    if starts_on is None:
        errors["starts_on"] = [_("Give the start date.")]
    if ends_on is None:
        errors["ends_on"] = [_("Give the end date.")]
    elif starts_on is not None and ends_on < starts_on:
        errors["ends_on"] = [_("The programme cannot end before it starts.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def programme_create(*, actor: User, school: Organization, title: str, kind: str, hours: int, fee: Decimal,
                     capacity: int, starts_on: date, ends_on: date, major=None, skills=(), description: str = "",
                     required_share: int = 80, status: str = ProgrammeStatus.OPEN,
                     achievement=None) -> TrainingProgramme:
    if school is None or school.pk not in access.managing_school_ids(actor):
        raise PermissionDenied
    _check_programme(school=school, title=title, kind=kind, hours=hours, required_share=required_share, fee=fee,
                     capacity=capacity, starts_on=starts_on, ends_on=ends_on, status=status, achievement=achievement)
    programme = TrainingProgramme.objects.create(
        school=school, title=title.strip(), kind=kind, major=major, description=(description or "").strip(),
        hours=hours, required_share=required_share, fee=fee, capacity=capacity, starts_on=starts_on,
        ends_on=ends_on, status=status, achievement=achievement, created_by=actor)
    if skills:
        programme.skills.set(skills)
    record_event("employee_training.programme_offered", instance=programme, actor=actor,
                 details={"kind": kind, "capacity": capacity})
    return programme


@transaction.atomic
def programme_update(*, programme: TrainingProgramme, actor: User, title: str, kind: str, hours: int, fee: Decimal,
                     capacity: int, starts_on: date, ends_on: date, major=None, skills=None, description: str = "",
                     required_share: int = 80, status: str = ProgrammeStatus.OPEN,
                     achievement=None) -> TrainingProgramme:
    programme = TrainingProgramme.objects.select_for_update().select_related("school").get(pk=programme.pk)
    if not access.can_manage(actor, programme):
        raise PermissionDenied
    _check_programme(school=programme.school, title=title, kind=kind, hours=hours, required_share=required_share,
                     fee=fee, capacity=capacity, starts_on=starts_on, ends_on=ends_on, status=status,
                     achievement=achievement, programme=programme)
    programme.achievement = achievement
    programme.title, programme.kind, programme.major, programme.description = title.strip(), kind, major, description
    programme.hours, programme.required_share, programme.fee, programme.capacity = hours, required_share, fee, capacity
    programme.starts_on, programme.ends_on, programme.status = starts_on, ends_on, status
    programme.save()
    if skills is not None:
        programme.skills.set(skills)
    for enrolment in programme.enrolments.filter(status=EnrolmentStatus.ENROLLED, passed=True):
        _refresh_completion(enrolment, programme, actor)
    return programme


@transaction.atomic
def session_create(*, programme: TrainingProgramme, actor: User, date: date, hours: int, topic: str) -> ProgrammeSession:
    programme = TrainingProgramme.objects.select_for_update().get(pk=programme.pk)
    if not access.can_manage(actor, programme):
        raise PermissionDenied
    errors = {}
    if not (topic or "").strip():
        errors["topic"] = [_("Give the session's topic.")]
    if hours is None or not 0 < hours <= 24:
        errors["hours"] = [_("Give the session's hours, from 1 to 24.")]
    if date is None or not programme.starts_on <= date <= programme.ends_on:
        errors["date"] = [_("Choose a day from %(start)s to %(end)s.") % {
            "start": programme.starts_on, "end": programme.ends_on}]
    if errors:
        raise ValidationError(errors)
    session = ProgrammeSession(programme=programme, date=date, hours=hours, topic=topic.strip())
    try:
        with transaction.atomic():
            session.save()
    except IntegrityError:
        raise ValidationError({"topic": [_("The programme already has a session with this topic on this day.")]}) from None
    return session


def enterprise_choices(actor):
    return Organization.objects.filter(pk__in=access.enrolling_enterprise_ids(actor), kind=OrganizationKind.ENTERPRISE,
                                       status=OrganizationStatus.ACTIVE).order_by("name_zh")


def account_choices(enterprise_ids):
    """The portal accounts an enrolment may name: active people of the enrolling enterprises."""
    return User.objects.filter(is_active=True, pk__in=Membership.objects.active().filter(
        organization_id__in=enterprise_ids).values("user_id")).order_by("full_name", "username")


@transaction.atomic
def enrol(*, programme: TrainingProgramme, actor: User, enterprise: Organization, name: str, employee_number: str,
          account: User | None = None) -> EmployeeEnrolment:
    """An enterprise enrols one employee. The programme's row is locked while its places are counted."""
    programme = TrainingProgramme.objects.select_for_update().get(pk=programme.pk)
    if enterprise is None or enterprise.pk not in access.enrolling_enterprise_ids(actor):
        raise PermissionDenied
    if programme.status != ProgrammeStatus.OPEN:
        raise ValidationError(_("The programme is not open for enrolment."))
    errors = {}
    if not (name or "").strip():
        errors["name"] = [_("Give the employee's name.")]
    if not (employee_number or "").strip():
        errors["employee_number"] = [_("Give the employee number.")]
    if account is not None and not account_choices([enterprise.pk]).filter(pk=account.pk).exists():
        errors["account"] = [_("Choose a portal account of a person of %(enterprise)s.") % {
            "enterprise": enterprise.name_zh}]
    live = programme.enrolments.exclude(status=EnrolmentStatus.WITHDRAWN)
    if employee_number and live.filter(enterprise=enterprise, employee_number=employee_number.strip()).exists():
        errors["employee_number"] = [_("This employee is already enrolled in the programme.")]
    if account is not None and live.filter(account=account).exists():
        errors["account"] = [_("This person is already enrolled in the programme.")]
    if errors:
        raise ValidationError(errors)
    if live.count() >= programme.capacity:
        raise ValidationError(_("The programme is full: all %(capacity)s places are taken.") % {
            "capacity": programme.capacity})
    enrolment = EmployeeEnrolment(programme=programme, enterprise=enterprise, name=name.strip(),
                                  employee_number=employee_number.strip(), account=account, enrolled_by=actor)
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError:
        raise ValidationError({"employee_number": [_("This employee is already enrolled in the programme.")]}) from None
    record_event("employee_training.enrolled", instance=enrolment, actor=actor,
                 details={"programme": programme.pk, "enterprise": enterprise.pk})
    return enrolment


@transaction.atomic
def enrolment_withdraw(*, enrolment: EmployeeEnrolment, actor: User) -> EmployeeEnrolment:
    enrolment = EmployeeEnrolment.objects.select_for_update().select_related("programme").get(pk=enrolment.pk)
    if not access.can_withdraw(actor, enrolment):
        raise PermissionDenied
    if enrolment.status != EnrolmentStatus.ENROLLED:
        raise ValidationError(_("Only an enrolment in progress can be withdrawn."))
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.save(update_fields=["status"])
    record_event("employee_training.withdrawn", instance=enrolment, actor=actor)
    return enrolment


def required_hours(programme: TrainingProgramme) -> Decimal:
    return Decimal(programme.hours * programme.required_share) / 100


def _refresh_completion(enrolment: EmployeeEnrolment, programme: TrainingProgramme, actor) -> None:
    """Completed when the hours attended reach the required share and the assessment is passed."""
    if enrolment.status != EnrolmentStatus.ENROLLED:
        return
    if enrolment.passed and enrolment.attended_hours >= required_hours(programme):
        enrolment.status, enrolment.completed_at = EnrolmentStatus.COMPLETED, timezone.now()
        enrolment.save(update_fields=["status", "completed_at"])
        record_event("employee_training.completed", instance=enrolment, actor=actor,
                     details={"hours": enrolment.attended_hours, "score": str(enrolment.score)})


def _attended_hours(enrolment_id: int) -> int:
    return SessionAttendance.objects.filter(enrolment_id=enrolment_id).aggregate(
        total=Sum("session__hours"))["total"] or 0


@transaction.atomic
def attendance_record(*, session: ProgrammeSession, actor: User, present) -> ProgrammeSession:
    """The school records who attended ``session`` (the enrolments ``present``; the others absent).
    A completed enrolment keeps its attendance."""
    programme = TrainingProgramme.objects.select_for_update().get(pk=session.programme_id)
    if not access.can_manage(actor, programme):
        raise PermissionDenied
    present_ids = {e.pk for e in present}
    enrolments = {e.pk: e for e in programme.enrolments.select_for_update().exclude(status=EnrolmentStatus.WITHDRAWN)}
    if present_ids - set(enrolments):
        raise ValidationError({"present": [_("Choose employees enrolled in this programme.")]})
    before = set(SessionAttendance.objects.filter(session=session).values_list("enrolment_id", flat=True))
    changeable = {pk for pk, e in enrolments.items() if e.status == EnrolmentStatus.ENROLLED}
    removed = (before - present_ids) & changeable
    added = (present_ids - before) & changeable
    for row in SessionAttendance.objects.filter(session=session, enrolment_id__in=removed):
        row.delete()
    for pk in sorted(added):
        SessionAttendance.objects.create(session=session, enrolment_id=pk, recorded_by=actor)
    for pk in sorted(added | removed):
        enrolment = enrolments[pk]
        enrolment.attended_hours = _attended_hours(pk)
        enrolment.save(update_fields=["attended_hours"])
        _refresh_completion(enrolment, programme, actor)
    if added or removed:
        record_event("employee_training.attendance", instance=session, actor=actor,
                     details={"present": len(present_ids & set(enrolments)), "added": len(added),
                              "removed": len(removed)})
    return session


@transaction.atomic
def enrolment_assess(*, enrolment: EmployeeEnrolment, actor: User, score: Decimal | None,
                     passed: bool) -> EmployeeEnrolment:
    enrolment = EmployeeEnrolment.objects.select_for_update().select_related("programme").get(pk=enrolment.pk)
    if not access.can_manage(actor, enrolment.programme):
        raise PermissionDenied
    if enrolment.status != EnrolmentStatus.ENROLLED:
        raise ValidationError(_("Only an enrolment in progress can be assessed."))
    if score is not None and not 0 <= score <= 100:
        raise ValidationError({"score": [_("Give a score from 0 to 100.")]})
    enrolment.score, enrolment.passed = score, bool(passed)
    enrolment.save(update_fields=["score", "passed"])
    record_event("employee_training.assessed", instance=enrolment, actor=actor,
                 details={"score": str(score) if score is not None else "", "passed": bool(passed)})
    _refresh_completion(enrolment, enrolment.programme, actor)
    return enrolment


def achievement_choices(school_ids):
    """The employee-training certificates the schools issue (for a programme's completion)."""
    from credentials.models import Achievement

    return Achievement.objects.filter(issuer_id__in=school_ids, kind=AchievementKind.EMPLOYEE_TRAINING,
                                      is_active=True).order_by("name")


def can_issue(enrolment: EmployeeEnrolment) -> bool:
    """Completed, with a portal account, under a programme that names its certificate, not yet issued."""
    return (enrolment.status == EnrolmentStatus.COMPLETED and enrolment.account_id is not None
            and enrolment.credential_id is None and enrolment.programme.achievement_id is not None)


@transaction.atomic
def enrolment_issue_credential(*, enrolment: EmployeeEnrolment, actor: User) -> EmployeeEnrolment:
    """The school issues the programme's employee-training certificate to a completed enrolment's
    portal account (once), through ``credentials``: signed, stored and logged there."""
    from credentials import services as credentials

    enrolment = (EmployeeEnrolment.objects.select_for_update(of=("self",))
                 .select_related("programme__achievement__issuer", "account").get(pk=enrolment.pk))
    if not access.can_manage(actor, enrolment.programme):
        raise PermissionDenied
    if not can_issue(enrolment):
        raise ValidationError(_("A credential is issued once, to a completed enrolment with a portal account, "
                                "under a programme that names its certificate."))
    credential = credentials.issue_credential(achievement=enrolment.programme.achievement, holder=enrolment.account,
                                              actor=actor)
    enrolment.credential = credential
    enrolment.save(update_fields=["credential"])
    record_event("employee_training.credential_issued", instance=enrolment, actor=actor,
                 details={"credential": str(credential.uuid)})
    return enrolment
