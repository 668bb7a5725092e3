"""Who may do what with enterprise employee training (built on the base rules in access/__init__.py).

- A school's staff see its programmes and their enrolments; its administrators offer
  programmes, write their sessions, record attendance and assessments.
- The administrators and HR of member enterprises see every open programme (and those they
  enrolled employees in), enrol their employees and see their own enrolments only.
- An employee with a portal account sees their own enrolment; the secretariat sees everything.
- The report (training hours and income): a school's administrators for it, the secretariat for all."""

from django.db.models import Q, QuerySet

from members.models import Role
from training.access import (
    admin_school_ids, can_use_training, enterprise_ids, is_secretariat, org_ids_with_roles, school_ids,
)
from training.models import EmployeeEnrolment, ProgrammeStatus, TrainingProgramme

SCHOOL_STAFF = {Role.ORG_ADMIN, Role.TEACHER, Role.STAFF}
ENTERPRISE_STAFF = {Role.ORG_ADMIN, Role.HR}


def staff_school_ids(user) -> set[int]:
    return school_ids(user) & org_ids_with_roles(user, SCHOOL_STAFF)


def managing_school_ids(user) -> set[int]:
    return admin_school_ids(user)


def enrolling_enterprise_ids(user) -> set[int]:
    return enterprise_ids(user) & org_ids_with_roles(user, ENTERPRISE_STAFF)


def can_read_programmes(user) -> bool:
    if not can_use_training(user):
        return False
    return (is_secretariat(user) or bool(staff_school_ids(user)) or bool(enrolling_enterprise_ids(user))
            or EmployeeEnrolment.objects.filter(account_id=user.pk).exists())


def can_offer(user) -> bool:
    return bool(managing_school_ids(user))


def can_enrol(user) -> bool:
    return bool(enrolling_enterprise_ids(user))


def can_read_report(user) -> bool:
    return is_secretariat(user) or bool(managing_school_ids(user))


def programmes_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = TrainingProgramme.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if is_secretariat(user):
        return qs
    scope = Q(school_id__in=staff_school_ids(user)) | Q(enrolments__account_id=user.pk)
    enterprises = enrolling_enterprise_ids(user)
    if enterprises:
        scope |= Q(status=ProgrammeStatus.OPEN) | Q(enrolments__enterprise_id__in=enterprises)
    return qs.filter(pk__in=TrainingProgramme.objects.filter(scope).values("pk"))


def enrolments_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = EmployeeEnrolment.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if is_secretariat(user):
        return qs
    return qs.filter(Q(programme__school_id__in=staff_school_ids(user))
                     | Q(enterprise_id__in=enrolling_enterprise_ids(user)) | Q(account_id=user.pk))


def can_manage(user, programme: TrainingProgramme) -> bool:
    return programme.school_id in managing_school_ids(user)


def can_enrol_in(user, programme: TrainingProgramme, enterprise) -> bool:
    return (programme.status == ProgrammeStatus.OPEN and enterprise is not None
            and enterprise.pk in enrolling_enterprise_ids(user))


def can_withdraw(user, enrolment: EmployeeEnrolment) -> bool:
    return enrolment.enterprise_id in enrolling_enterprise_ids(user) or can_manage(user, enrolment.programme)


def report_school_ids(user) -> set[int] | None:
    """The schools whose figures this person reads (None: every school)."""
    return None if is_secretariat(user) else managing_school_ids(user)
