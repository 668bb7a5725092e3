"""Who may do what with industry mentors (built on the base rules in access/__init__.py).

- A school's staff (administrators, teachers, staff) see its mentors; its administrators
  appoint, record the hours taught, complete or withdraw an appointment.
- An enterprise's administrators and HR see the appointments of its engineers; its
  administrators accept or decline them.
- The mentor sees their own appointments; the secretariat sees them all (and writes nothing)."""

from django.db.models import Q, QuerySet

from members.models import Membership, OrganizationKind, OrganizationStatus, Role
from training.access import (
    admin_ids, admin_school_ids, can_use_training, enterprise_ids, is_secretariat, org_ids_with_roles, school_ids,
)
from training.models import MentorAppointment

SCHOOL_STAFF = {Role.ORG_ADMIN, Role.TEACHER, Role.STAFF}
ENTERPRISE_STAFF = {Role.ORG_ADMIN, Role.HR}
# Who may be appointed: the engineers — or HR people, administrators — of a member enterprise.
MENTOR_ROLES = (Role.ENGINEER, Role.HR, Role.ORG_ADMIN)


def staff_school_ids(user) -> set[int]:
    return school_ids(user) & org_ids_with_roles(user, SCHOOL_STAFF)


def appointing_school_ids(user) -> set[int]:
    """The schools whose mentors this person appoints: those they administer."""
    return admin_school_ids(user)


def staff_enterprise_ids(user) -> set[int]:
    return enterprise_ids(user) & org_ids_with_roles(user, ENTERPRISE_STAFF)


def deciding_enterprise_ids(user) -> set[int]:
    return enterprise_ids(user) & admin_ids(user)


def can_read_mentors(user) -> bool:
    if not can_use_training(user):
        return False
    return (is_secretariat(user) or bool(staff_school_ids(user)) or bool(staff_enterprise_ids(user))
            or MentorAppointment.objects.filter(mentor_id=user.pk).exists())


def can_appoint(user) -> bool:
    return bool(appointing_school_ids(user))


def appointments_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = MentorAppointment.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if is_secretariat(user):
        return qs
    return qs.filter(Q(school_id__in=staff_school_ids(user)) | Q(enterprise_id__in=staff_enterprise_ids(user))
                     | Q(mentor_id=user.pk))


def can_manage(user, appointment: MentorAppointment) -> bool:
    """Hours, completion, withdrawal: the school's administrators."""
    return appointment.school_id in appointing_school_ids(user)


def can_decide(user, appointment: MentorAppointment) -> bool:
    return appointment.enterprise_id in deciding_enterprise_ids(user)


def mentor_memberships() -> QuerySet:
    """Whom a school may appoint: engineers, HR people and administrators of active member enterprises."""
    return (Membership.objects.active()
            .filter(role__in=MENTOR_ROLES, user__is_active=True, organization__kind=OrganizationKind.ENTERPRISE,
                    organization__status=OrganizationStatus.ACTIVE))
