"""Who may use the credentials area and what they may do there, built on the viewer's access
profile from ``members``.

Issuers are the administrators of member schools (for their own school) and the secretariat
(for any school). A holder sees their own credentials."""

from django.db.models import Q, QuerySet

from members.access import is_member, is_secretariat, profile
from members.models import SCHOOL_KINDS, Membership, Organization, OrganizationKind, OrganizationStatus, Role, User

# The kinds of organisation that issue credentials.
ISSUING_KINDS = SCHOOL_KINDS


def can_use_credentials(user) -> bool:
    """可信凭证: every person of an active member organisation, and the secretariat."""
    return is_member(user)


def issuing_organization_ids(user) -> set[int]:
    """The organisations whose credentials ``user`` issues (not for the secretariat: see
    ``issuing_organizations``)."""
    p = profile(user)
    return {org for org in p.orgs_with_role(Role.ORG_ADMIN) if p.kind_by_org.get(org) in ISSUING_KINDS}


def issuing_organizations(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Organization.objects.all() if queryset is None else queryset
    qs = qs.filter(kind__in=ISSUING_KINDS, status=OrganizationStatus.ACTIVE)
    if is_secretariat(user):
        return qs
    return qs.filter(pk__in=issuing_organization_ids(user))


def is_issuer(user) -> bool:
    """Sees the issuing pages: a school's administrator, or the secretariat."""
    return is_secretariat(user) or bool(issuing_organization_ids(user))


def can_issue(user, organization) -> bool:
    if organization is None or organization.kind not in ISSUING_KINDS:
        return False
    if organization.status != OrganizationStatus.ACTIVE:
        return False
    return is_secretariat(user) or organization.pk in issuing_organization_ids(user)


def can_manage_achievements(user, organization) -> bool:
    return can_issue(user, organization)


def can_manage_keys(user, organization) -> bool:
    return can_issue(user, organization)


def can_change_status(user, credential) -> bool:
    return can_issue(user, credential.issuer)


def achievements_for(user, queryset: QuerySet | None = None) -> QuerySet:
    from credentials.models import Achievement

    qs = Achievement.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return qs
    return qs.filter(issuer_id__in=issuing_organization_ids(user))


def issued_credentials_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """Credentials an issuer manages: those of their school (all, for the secretariat)."""
    from credentials.models import Credential

    qs = Credential.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return qs
    return qs.filter(issuer_id__in=issuing_organization_ids(user))


def credentials_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """Credentials a viewer may see: their own, and those their school issued."""
    from credentials.models import Credential

    qs = Credential.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    return qs.filter(Q(issuer_id__in=issuing_organization_ids(user)) | Q(holder_id=user.pk))


def eligible_holders(achievement) -> QuerySet:
    """Who may receive a credential of ``achievement``: the students of its school; for a
    teacher-training certificate, the teachers of any active member; for an employee-training
    certificate, the people of any active member enterprise."""
    from credentials.models import AchievementKind

    if achievement.kind == AchievementKind.TEACHER_TRAINING:
        memberships = Membership.objects.active().filter(
            role=Role.TEACHER, organization__status=OrganizationStatus.ACTIVE
        )
    elif achievement.kind == AchievementKind.EMPLOYEE_TRAINING:
        memberships = Membership.objects.active().filter(
            organization__kind=OrganizationKind.ENTERPRISE, organization__status=OrganizationStatus.ACTIVE
        )
    else:
        memberships = Membership.objects.active().filter(organization_id=achievement.issuer_id, role=Role.STUDENT)
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))


# --- holders: the wallet (我的凭证) ------------------------------------------------------------


def may_hold_credentials(user) -> bool:
    """我的凭证: students (diplomas, skill certificates, awards …) and teachers (training
    certificates) of active member organisations."""
    return bool(profile(user).roles() & {Role.STUDENT, Role.TEACHER})


def can_open_wallet(user) -> bool:
    """Those who may hold credentials, and anyone who holds some (a student who left keeps
    what was issued to them)."""
    from credentials.models import Credential

    if not getattr(user, "is_authenticated", False):
        return False
    return may_hold_credentials(user) or Credential.objects.filter(holder_id=user.pk).exists()


def wallet_of(user) -> QuerySet:
    """The credentials a person holds: their own, and no one else's."""
    from credentials.models import Credential

    if not getattr(user, "is_authenticated", False):
        return Credential.objects.none()
    return Credential.objects.filter(holder_id=user.pk)
def school_students(organization) -> QuerySet:
    """Whom the issuing pages offer: the school's students, and the members' teachers when the
    school issues teacher-training certificates (each credential is checked against its
    achievement by ``eligible_holders``)."""
    from credentials.models import Achievement, AchievementKind

    memberships = Q(organization=organization, role=Role.STUDENT)
    if Achievement.objects.filter(issuer=organization, kind=AchievementKind.TEACHER_TRAINING, is_active=True).exists():
        memberships |= Q(role=Role.TEACHER, organization__status=OrganizationStatus.ACTIVE)
    return User.objects.filter(is_active=True, pk__in=Membership.objects.active().filter(memberships).values("user_id"))


# --- the credit bank (学分银行) -------------------------------------------------------------


def can_manage_credit_rules(user) -> bool:
    """The consortium's conversion rules are written and published by the secretariat alone."""
    return is_secretariat(user)


def has_credit_account(user) -> bool:
    """学分银行: the students of active member schools."""
    p = profile(user)
    return any(p.kind_by_org.get(org) in ISSUING_KINDS for org in p.orgs_with_role(Role.STUDENT))


def recognising_school_ids(user) -> set[int]:
    """The schools whose recognition requests ``user`` decides: those they administer."""
    return issuing_organization_ids(user)


def can_recognise(user) -> bool:
    """学分互认: a member school's administrators see the requests addressed to their school."""
    return bool(recognising_school_ids(user))


def can_decide_recognition(user, request) -> bool:
    return request.school_id in recognising_school_ids(user)


def recognition_requests_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """The requests a school's administrators decide (those addressed to their school)."""
    from credentials.models import RecognitionRequest

    qs = RecognitionRequest.objects.all() if queryset is None else queryset
    return qs.filter(school_id__in=recognising_school_ids(user))


def recognition_schools(user) -> QuerySet:
    """The member schools a student may ask: active schools other than their own."""
    return Organization.objects.filter(kind__in=ISSUING_KINDS, status=OrganizationStatus.ACTIVE).exclude(
        pk__in=profile(user).organization_ids
    )


def credit_movements_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """Credit movements the viewer may read: their own, those counted at a school they
    administer (an API key: its school), every one for the secretariat."""
    from credentials.models import CreditMovement

    qs = CreditMovement.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    return qs.filter(Q(account__holder_id=user.pk) | Q(school_id__in=recognising_school_ids(user)))
