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


def _own(user, field: str = "student_id") -> Q:
    """Rows of the person's own profile. An API key acts for its organisation and has no profile
    of its own: its pk is None, which must never read as "rows with no student" (the
    de-identified ones), so it owns nothing."""
    return Q(**{field: user.pk}) if user.pk is not None else Q(pk__in=[])


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
    visible = _own(user)
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
    if student_profile.student_id is None or user.pk is None:
        return False
    return student_profile.student_id == user.pk or student_profile.school_id in school_ids(user)


def can_change_consent(user, student_profile) -> bool:
    return student_profile.student_id is not None and student_profile.student_id == user.pk


def is_enterprise_viewer(user, student_profile) -> bool:
    """Looks at the profile as an enterprise (so the access is recorded for the student)."""
    return bool(enterprise_ids(user)) and student_profile.student_id != user.pk and (
        student_profile.school_id not in school_ids(user)
    ) and not is_secretariat(user)


# --- supply ---------------------------------------------------------------------------------
# Supply and demand (供需预警) shows de-identified counts only. Public bodies, the secretariat and
# the people who act for schools and enterprises on the platform see the figures and warnings;
# the exposure report shows every school to public bodies and the secretariat, and a school's
# people their own schools beside the consortium's average. Only the secretariat sets thresholds.


def can_view_supply_demand(user) -> bool:
    if is_secretariat(user):
        return True
    return bool(profile(user).kinds() & PUBLIC_BODY_KINDS) or bool(school_ids(user)) or bool(enterprise_ids(user))


def exposure_school_scope(user) -> set[int] | None:
    """The schools whose exposure ``user`` sees: None for every school, else a set (empty: none)."""
    if is_secretariat(user) or profile(user).kinds() & PUBLIC_BODY_KINDS:
        return None
    return school_ids(user)


def can_view_exposure(user) -> bool:
    return exposure_school_scope(user) != set()


def can_set_supply_thresholds(user) -> bool:
    return is_secretariat(user)
# --- profiles: schools, enterprises' access records, the secretariat's settings ------------------


def can_manage_school_profiles(user, school) -> bool:
    """Lists, edits and imports the profiles of a school's students: its administrators and
    teachers, and the secretariat."""
    return is_secretariat(user) or school.pk in school_ids(user)


def can_set_retention(user) -> bool:
    """How long profiles of students who left are kept is the secretariat's to set."""
    return is_secretariat(user)


def covering_enterprise(user, student_profile) -> int | None:
    """The viewer's enterprise whose view of the profile the student's consent covers (the one an
    access is recorded for), or None."""
    from talent_matching.models import StudentProfile

    for organization_id in sorted(enterprise_ids(user)):
        if StudentProfile.objects.filter(pk=student_profile.pk).filter(consent_covers([organization_id])).exists():
            return organization_id
    return None


def has_profile_page(user) -> bool:
    """Keeps a job profile (学生求职档案): a student of a member school."""
    return user.is_authenticated and is_student(user)


def has_school_profiles(user) -> bool:
    return user.is_authenticated and bool(school_ids(user))
# --- applications ----------------------------------------------------------------------


def can_apply(user) -> bool:
    """Students apply to postings (with a profile someone may see)."""
    return is_student(user)


def can_view_received_applications(user) -> bool:
    """An enterprise's administrators and HR follow the applications to its postings."""
    return bool(enterprise_ids(user))


def is_placement_officer(user) -> bool:
    """A school's administrators and teachers, who follow their students' applications (the menu
    entry; the secretariat reaches the same page without it)."""
    return bool(school_ids(user))


def can_view_school_applications(user) -> bool:
    """A school's administrators and teachers read their students' applications; the secretariat
    reads every application, to run the platform."""
    return bool(school_ids(user)) or is_secretariat(user)


def enterprise_sees_application(organization_ids) -> Q:
    """The applications to the postings of ``organization_ids`` their people see: while the
    student's consent covers the enterprise; and, whatever the consent says now, an application
    the student made (or an invitation they accepted) while the student keeps it open — applying
    showed the profile to that enterprise for that application, and withdrawing it hides it."""
    from talent_matching.models import CLOSED_STAGES
    from talent_matching.models.applications import SHARED_WITH_ENTERPRISE

    covered = Exists(
        _profiles_covered(organization_ids).filter(pk=OuterRef("profile_id"))
    )
    kept_open = SHARED_WITH_ENTERPRISE & ~Q(stage__in=CLOSED_STAGES) & Q(profile__student__isnull=False)
    return Q(posting__organization_id__in=organization_ids) & (kept_open | Q(covered))


def _profiles_covered(organization_ids):
    from talent_matching.models import StudentProfile

    return StudentProfile.objects.filter(consent_covers(organization_ids))


def applications_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """The one place that decides which applications a viewer sees: a student their own; an
    enterprise's people those to its postings (see ``enterprise_sees_application``); a school's
    administrators and teachers those of its students; the secretariat all of them."""
    from talent_matching.models import Application

    qs = Application.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return qs
    if not user.is_authenticated:
        return qs.none()
    visible = _own(user, "profile__student_id")
    schools = school_ids(user)
    if schools:
        visible |= Q(profile__school_id__in=schools)
    enterprises = enterprise_ids(user)
    if enterprises:
        visible |= enterprise_sees_application(enterprises)
    return qs.filter(visible)


def application_side(user, application) -> str | None:
    """How ``user`` takes part in an application: "student", "enterprise", "school" (reads
    only; the secretariat too) or None."""
    if user.pk is not None and application.profile.student_id == user.pk:
        return "student"
    if application.posting.organization_id in enterprise_ids(user):
        return "enterprise"
    if application.profile.school_id in school_ids(user) or is_secretariat(user):
        return "school"
    return None
# --- matching ------------------------------------------------------------------------------


def can_run_matching(user) -> bool:
    """Full matching runs are started and followed by the secretariat."""
    return is_secretariat(user)


def can_see_candidates(user, posting) -> bool:
    """A posting's ranked candidates: its enterprise's people, and the secretariat."""
    return is_secretariat(user) or posting.organization_id in enterprise_ids(user)


def has_recommendations(user) -> bool:
    """'Postings for me': a student of a member school."""
    return user.is_authenticated and is_student(user)


def match_results_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """The pairs of the current matching run ``user`` may see: the candidates of an
    enterprise's own postings whose profiles the enterprise may see now (consent, read at this
    moment), a student's own recommended postings among those open to them, a school's
    students' recommendations for its staff; everything for the secretariat."""
    from talent_matching.models import MatchResult, MatchRun

    qs = MatchResult.objects.all() if queryset is None else queryset
    run = MatchRun.objects.current()
    if run is None or not user.is_authenticated:
        return qs.none()
    qs = qs.filter(run=run)
    if is_secretariat(user):
        return qs
    visible = Q(pk__in=[])
    enterprises = enterprise_ids(user)
    if enterprises:
        visible |= Q(posting_rank__isnull=False, posting__organization_id__in=enterprises,
                     profile__in=profiles_for(user))
    schools = school_ids(user)
    own = _own(user, "profile__student_id")
    if schools:
        own |= Q(profile__school_id__in=schools)
    visible |= Q(own, profile_rank__isnull=False, posting__in=postings_for(user))
    return qs.filter(visible)


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
    visible = _own(user, "profile__student_id")
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
    student_profile = StudentProfile.objects.filter(_own(user), deidentified_at__isnull=True).first()
    if student_profile is None or not placement_round.schools.filter(pk=student_profile.school_id).exists():
        return None
    return student_profile


def can_rank(user, placement_round) -> bool:
    """A student of a school taking part, while the round takes preferences."""
    return placement_round.is_open and own_round_profile(user, placement_round) is not None


def can_refuse(user, placement_round, posting) -> bool:
    """An enterprise's people, for their own posting in the round, while it takes preferences."""
    return placement_round.is_open and posting.organization_id in enterprise_ids(user)
