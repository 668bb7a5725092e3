"""Who may do what with teachers' training records and 双师型 applications (built on the base
rules in access/__init__.py).

* A teacher (the TEACHER role at a school) keeps their own records and applications.
* The PROVIDER organisation of a record signs it off or returns it: its administrators, HR and
  engineers, once the record is submitted.
* A school's administrators (its committee) read the records and the five-year overview of
  the school's teachers and decide their 双师型 applications; the secretariat reads everything.
"""

from django.db.models import Q, QuerySet

from members.models import Membership, Role, SCHOOL_KINDS
from training import access as base
from training.models import DualTeacherApplication, TeacherTrainingRecord, TrainingRecordStatus

SIGNER_ROLES = {Role.ORG_ADMIN, Role.HR, Role.ENGINEER}


def teaching_school_ids(user) -> set[int]:
    """The schools where this person teaches."""
    if not user.is_authenticated or base.is_api_key(user):
        return set()
    p = base.profile(user)
    return {org for org in p.orgs_with_role(Role.TEACHER) if p.kind_by_org.get(org) in SCHOOL_KINDS}


def is_teacher(user) -> bool:
    return bool(teaching_school_ids(user))


def signer_org_ids(user) -> set[int]:
    """The organisations whose provided training this person signs off (an organisation's API key
    reads what its administrator reads)."""
    return base.org_ids_with_roles(user, SIGNER_ROLES)


def committee_school_ids(user) -> set[int]:
    """The schools whose teachers' overview and 双师型 decisions are this person's."""
    return base.admin_school_ids(user)


def can_see_overview(user) -> bool:
    return base.is_secretariat(user) or bool(committee_school_ids(user))


def overview_school_ids(user):
    """None: every school (the secretariat)."""
    if base.is_secretariat(user):
        return None
    return committee_school_ids(user)


def can_use_records(user) -> bool:
    """Anyone with a reason to open the records pages."""
    return base.can_use_training(user) and (is_teacher(user) or bool(signer_org_ids(user))
                                            or can_see_overview(user))


def records_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = TeacherTrainingRecord.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return qs.none()
    if base.is_secretariat(user):
        return qs
    seen = Q(teacher_id=user.pk) if is_teacher(user) else Q(pk__in=[])
    signers = signer_org_ids(user)
    if signers:
        seen |= Q(provider_id__in=signers) & ~Q(status=TrainingRecordStatus.DRAFT)
    committee = committee_school_ids(user)
    if committee:
        seen |= Q(school_id__in=committee) & ~Q(status=TrainingRecordStatus.DRAFT)
    return qs.filter(seen)


def can_edit(user, record: TeacherTrainingRecord) -> bool:
    return record.teacher_id == user.pk and record.is_editable and record.school_id in teaching_school_ids(user)


def can_sign(user, record: TeacherTrainingRecord) -> bool:
    return record.status == TrainingRecordStatus.SUBMITTED and record.provider_id in signer_org_ids(user)


def sign_off_queue(user) -> QuerySet:
    return TeacherTrainingRecord.objects.filter(provider_id__in=signer_org_ids(user),
                                                status=TrainingRecordStatus.SUBMITTED)


def applications_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = DualTeacherApplication.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return qs.none()
    if base.is_secretariat(user):
        return qs
    return qs.filter(Q(teacher_id=user.pk) | Q(school_id__in=committee_school_ids(user)))


def can_decide(user, application: DualTeacherApplication) -> bool:
    return application.school_id in committee_school_ids(user) and application.teacher_id != user.pk


def teacher_ids_of(school_ids) -> QuerySet:
    """The active teachers of these schools (None: every school), as a subquery of user ids."""
    memberships = Membership.objects.active().filter(role=Role.TEACHER)
    if school_ids is not None:
        memberships = memberships.filter(organization_id__in=school_ids)
    return memberships.values("user_id")
