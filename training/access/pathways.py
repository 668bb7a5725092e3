"""Who may do what with through-training pathways (built on the base rules in access/__init__.py).

* A pathway is seen by the administrators and teachers of its schools, by the students enrolled
  in it, and by the secretariat; enterprises and other schools find nothing (404).
* The administrator of a secondary vocational school (or the secretariat) creates a pathway; the
  administrator of each stage's school confirms its stage; the first-stage school's administrator
  (or the secretariat) edits a stage's courses and assessment while the pathway awaits confirmation.
* An enrolment is seen by the student, by the secretariat and by the administrators and teachers
  of the schools of its pathway's stages up to one after the student's current stage — the school
  of the next stage sees who is coming, a later stage's school not yet.
* The first-stage school's administrator enrols its students; the current stage's school records
  the results; the current or the next stage's school transfers a student who passed."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from members.models import OrganizationKind, Role
from training import access as base
from training.models import PathwayEnrolmentStatus, Pathway, PathwayEnrolment, PathwayStage, PathwayStatus

STAFF_ROLES = {Role.ORG_ADMIN, Role.TEACHER}


def staff_school_ids(user) -> set[int]:
    """The schools where this person is an administrator or a teacher."""
    return base.org_ids_with_roles(user, STAFF_ROLES) & base.school_ids(user)


def admin_school_ids(user) -> set[int]:
    return base.admin_school_ids(user)


def can_use_pathways(user) -> bool:
    """People of schools and the secretariat (enterprises have no pathways)."""
    return base.can_use_training(user) and (base.is_secretariat(user) or bool(base.school_ids(user)))


def can_create_pathway(user) -> bool:
    if not base.can_use_training(user):
        return False
    if base.is_secretariat(user):
        return True
    p = base.profile(user)
    return any(p.kind_by_org.get(org) == OrganizationKind.SECONDARY_VOCATIONAL for org in admin_school_ids(user))


def pathways_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Pathway.objects.all() if queryset is None else queryset
    if not can_use_pathways(user):
        return qs.none()
    if base.is_secretariat(user):
        return qs
    staff = staff_school_ids(user)
    mine = PathwayStage.objects.filter(pathway=OuterRef("pk"), school_id__in=staff)
    enrolled = PathwayEnrolment.objects.filter(pathway=OuterRef("pk"), student=user)
    return qs.filter(Exists(mine) | Exists(enrolled))


def enrolments_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = PathwayEnrolment.objects.all() if queryset is None else queryset
    if not can_use_pathways(user):
        return qs.none()
    if base.is_secretariat(user):
        return qs
    reach = PathwayStage.objects.filter(pathway=OuterRef("pathway"), school_id__in=staff_school_ids(user),
                                        order__lte=OuterRef("stage__order") + 1)
    return qs.filter(Q(student=user) | Exists(reach))


def incoming_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """The active enrolments whose next stage is at one of this person's schools."""
    qs = PathwayEnrolment.objects.all() if queryset is None else queryset
    if not can_use_pathways(user):
        return qs.none()
    nxt = PathwayStage.objects.filter(pathway=OuterRef("pathway"), order=OuterRef("stage__order") + 1)
    if not base.is_secretariat(user):
        nxt = nxt.filter(school_id__in=staff_school_ids(user))
    return qs.filter(Exists(nxt), status=PathwayEnrolmentStatus.ACTIVE)


def can_manage_incoming(user) -> bool:
    return base.is_secretariat(user) or bool(staff_school_ids(user))


def is_lead(user, pathway: Pathway) -> bool:
    return base.is_secretariat(user) or pathway.lead_school_id in admin_school_ids(user)


def can_edit_stage(user, stage: PathwayStage) -> bool:
    """Courses and the transfer assessment: while the pathway awaits confirmation."""
    return stage.pathway.status == PathwayStatus.PENDING and is_lead(user, stage.pathway)


def confirmable_stages(user, pathway: Pathway) -> list[PathwayStage]:
    """The stages this person confirms now: their school's, unconfirmed, of a pending pathway."""
    if pathway.status != PathwayStatus.PENDING:
        return []
    schools = admin_school_ids(user)
    return [s for s in pathway.stages.all() if s.confirmed_at is None and s.school_id in schools]


def can_enrol(user, pathway: Pathway) -> bool:
    return pathway.status == PathwayStatus.ACTIVE and is_lead(user, pathway)


def _admin_of(user, school_id) -> bool:
    return base.is_secretariat(user) or school_id in admin_school_ids(user)


def can_record_result(user, enrolment: PathwayEnrolment, next_stage: PathwayStage | None) -> bool:
    """The current stage's school, while the student is active and has a next stage to move to."""
    return (enrolment.status == PathwayEnrolmentStatus.ACTIVE and next_stage is not None
            and _admin_of(user, enrolment.stage.school_id))


def can_transfer(user, enrolment: PathwayEnrolment, next_stage: PathwayStage | None) -> bool:
    return (enrolment.status == PathwayEnrolmentStatus.ACTIVE and next_stage is not None
            and (_admin_of(user, enrolment.stage.school_id) or _admin_of(user, next_stage.school_id)))


def recordable_enrolments(user) -> QuerySet:
    """Active enrolments whose current stage is at a school this person administers (and not the last)."""
    qs = PathwayEnrolment.objects.filter(status=PathwayEnrolmentStatus.ACTIVE).filter(
        Exists(PathwayStage.objects.filter(pathway=OuterRef("pathway"), order=OuterRef("stage__order") + 1)))
    if base.is_secretariat(user):
        return qs
    return qs.filter(stage__school_id__in=admin_school_ids(user))

