"""Who may use the talent platform and what they may see and do there, built on the viewer's
access profile from ``members``.

- Enterprises (their administrators and HR) write postings for their own enterprise; a published
  posting is seen by everyone on the platform, a draft or closed one by its enterprise only.
- A student keeps their own profile and alone decides who sees it (consent). Their school's
  administrators and teachers see and help keep the profiles of the school's students.
- An enterprise sees a profile only while the student's consent covers it: 'enterprises of the
  consortium', or 'enterprises I apply to' and the student has applied to one of its postings.
  Withdrawing consent hides the profile at once, everywhere (pages, results, exports, API).
- Public bodies see de-identified figures only. The secretariat sees everything, to run the
  platform, and never acts as an enterprise.

Everything else answers 404."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from members.access import is_secretariat, profile
from members.models import PUBLIC_BODY_KINDS, SCHOOL_KINDS, OrganizationKind, OrganizationStatus, Role

USER_KINDS = SCHOOL_KINDS | PUBLIC_BODY_KINDS | {OrganizationKind.ENTERPRISE}

# Roles through which an enterprise's people act on postings and candidates.
ENTERPRISE_ROLES = (Role.ORG_ADMIN, Role.HR)
# Roles through which a school's people look after its students' profiles and placements.
SCHOOL_ROLES = (Role.ORG_ADMIN, Role.TEACHER)


def can_use_talent_platform(user) -> bool:
    """人才供需平台: people of schools, enterprises and public bodies, and the secretariat."""
    return is_secretariat(user) or bool(profile(user).kinds() & USER_KINDS)


def _orgs_of_kind(user, kinds, roles) -> set[int]:
    p = profile(user)
    return {org for org in p.orgs_with_role(*roles) if p.kind_by_org.get(org) in kinds}


def enterprise_ids(user) -> set[int]:
    """The enterprises whose postings and candidates ``user`` handles."""
    return _orgs_of_kind(user, {OrganizationKind.ENTERPRISE}, ENTERPRISE_ROLES)


def school_ids(user) -> set[int]:
    """The schools whose students' profiles ``user`` looks after."""
    return _orgs_of_kind(user, SCHOOL_KINDS, SCHOOL_ROLES)


def is_student(user) -> bool:
    p = profile(user)
    return any(p.kind_by_org.get(org) in SCHOOL_KINDS for org in p.orgs_with_role(Role.STUDENT))


def student_school_ids(user) -> set[int]:
    p = profile(user)
    return {org for org in p.orgs_with_role(Role.STUDENT) if p.kind_by_org.get(org) in SCHOOL_KINDS}


# --- postings --------------------------------------------------------------------------


def can_manage_postings(user, organization=None) -> bool:
    """Writes postings: for ``organization`` (an enterprise), or for any enterprise at all."""
    if organization is None:
        return bool(enterprise_ids(user))
    return (
        organization.kind == OrganizationKind.ENTERPRISE
        and organization.status == OrganizationStatus.ACTIVE
        and organization.pk in enterprise_ids(user)
    )


def can_edit_posting(user, posting) -> bool:
    return can_manage_postings(user, posting.organization)


def postings_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """Published postings of active members for everyone on the platform; an enterprise's own
    postings in every state for its people; all of them for the secretariat."""
    from talent_matching.models import Posting, PostingStatus

    qs = Posting.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return qs
    if not can_use_talent_platform(user):
        return qs.none()
    published = Q(status=PostingStatus.PUBLISHED, organization__status=OrganizationStatus.ACTIVE)
    return qs.filter(published | Q(organization_id__in=enterprise_ids(user)))


# --- profiles --------------------------------------------------------------------------


def consent_covers(organization_ids) -> Q:
    """Profiles whose consent covers an enterprise among ``organization_ids``: shown to the
    consortium's enterprises, or only to those the student applied to and did not withdraw from.
    De-identified profiles are never shown to enterprises."""
    from talent_matching.models import Application, ApplicationOrigin, ApplicationStage, Visibility

    applied = Application.objects.filter(
        profile=OuterRef("pk"), posting__organization_id__in=organization_ids,
    ).filter(
        Q(origin=ApplicationOrigin.APPLIED) | ~Q(stage=ApplicationStage.INVITED)
    ).exclude(stage=ApplicationStage.WITHDRAWN)
    return Q(student__isnull=False, deidentified_at__isnull=True) & (
        Q(visibility=Visibility.CONSORTIUM) | (Q(visibility=Visibility.APPLIED) & Exists(applied))
    )


def profiles_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """The one place that decides whose profiles a viewer sees (see the module's rules)."""
    from talent_matching.models import StudentProfile

    qs = StudentProfile.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return qs
    if not user.is_authenticated:
        return qs.none()
    visible = Q(student_id=user.pk)
    schools = school_ids(user)
    if schools:
        visible |= Q(school_id__in=schools)
    enterprises = enterprise_ids(user)
    if enterprises:
        visible |= consent_covers(enterprises)
    return qs.filter(visible)


def can_edit_profile(user, student_profile) -> bool:
    """The student, or their school's administrators and teachers (who keep it in bulk). Only the
    student decides who sees it: see ``can_change_consent``."""
    if student_profile.student_id is None:
        return False
    return student_profile.student_id == user.pk or student_profile.school_id in school_ids(user)


def can_change_consent(user, student_profile) -> bool:
    return student_profile.student_id is not None and student_profile.student_id == user.pk


def is_enterprise_viewer(user, student_profile) -> bool:
    """Looks at the profile as an enterprise (so the access is recorded for the student)."""
    return bool(enterprise_ids(user)) and student_profile.student_id != user.pk and (
        student_profile.school_id not in school_ids(user)
    ) and not is_secretariat(user)


# --- placement ---------------------------------------------------------------------------
# Placement rounds (实习 / 订单班 / 2+1): the secretariat runs them. Once a round is open, the
# students of the schools taking part, those schools' administrators and teachers, and the
# enterprises with a posting in it see it; a draft is the secretariat's alone. An enterprise
# sees the students who ranked its postings only where the student's consent covers it
# (``profiles_for``); the others are counted, not named. A confirmed placement is seen by its
# student, their school and the enterprise that receives them.


def can_manage_placement(user) -> bool:
    """Creates, opens, runs and confirms placement rounds: the secretariat."""
    return is_secretariat(user)


def rounds_for(user, queryset: QuerySet | None = None) -> QuerySet:
    from talent_matching.models import PlacementRound, RoundStatus

    qs = PlacementRound.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return qs
    if not user.is_authenticated or not can_use_talent_platform(user):
        return qs.none()
    schools = school_ids(user) | student_school_ids(user)
    enterprises = enterprise_ids(user)
    visible = Q(pk__in=[])
    if schools:
        visible |= Q(schools__in=schools)
    if enterprises:
        visible |= Q(round_postings__posting__organization_id__in=enterprises)
    return qs.exclude(status=RoundStatus.DRAFT).filter(
        pk__in=PlacementRound.objects.filter(visible).values("pk")
    )


def placements_for(user, queryset: QuerySet | None = None) -> QuerySet:
    from talent_matching.models import Placement

    qs = Placement.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return qs
    if not user.is_authenticated:
        return qs.none()
    visible = Q(profile__student_id=user.pk)
    schools = school_ids(user)
    if schools:
        visible |= Q(profile__school_id__in=schools)
    enterprises = enterprise_ids(user)
    if enterprises:
        visible |= Q(posting__organization_id__in=enterprises)
    return qs.filter(visible)


def own_round_profile(user, placement_round):
    """The student's profile through which they take part in the round (None if they do not:
    no profile, or their school is not taking part)."""
    from talent_matching.models import StudentProfile

    if not user.is_authenticated:
        return None
    student_profile = StudentProfile.objects.filter(student_id=user.pk, deidentified_at__isnull=True).first()
    if student_profile is None or not placement_round.schools.filter(pk=student_profile.school_id).exists():
        return None
    return student_profile


def can_rank(user, placement_round) -> bool:
    """A student of a school taking part, while the round takes preferences."""
    return placement_round.is_open and own_round_profile(user, placement_round) is not None


def can_refuse(user, placement_round, posting) -> bool:
    """An enterprise's people, for their own posting in the round, while it takes preferences."""
    return placement_round.is_open and posting.organization_id in enterprise_ids(user)
