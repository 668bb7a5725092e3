"""Reads of members data that depend on who is looking, built on ``members.access``."""

from django.db.models import Prefetch, Q, QuerySet

from members import access
from members.models import (
    ApplicationStatus,
    Membership,
    MembershipApplication,
    Organization,
    OrganizationStatus,
    Role,
    User,
)


# The cache version of everything the public directory shows (see core.caching).
DIRECTORY = "members:directory"


def organization_directory(viewer, *, q: str = "", kind: str = "", status: str = "") -> QuerySet:
    """The member directory as this viewer may see it, searched and filtered."""
    organizations = access.organizations_for(viewer, Organization.objects.select_related("industry", "region"))
    if q:
        organizations = organizations.filter(
            Q(name_zh__icontains=q) | Q(name_en__icontains=q) | Q(credit_code__iexact=q.strip())
        )
    if kind:
        organizations = organizations.filter(kind=kind)
    if status:
        organizations = organizations.filter(status=status)
    return organizations.order_by("-is_lead_member", "name_zh")


def organization_people(viewer, organization: Organization, *, q: str = "", role: str = "") -> QuerySet:
    """An organisation's people, each once, with their active roles in it (``roles_here``),
    for a viewer who administers it; narrowed by a search and by one role."""
    memberships = access.memberships_for(viewer, Membership.objects.active()).filter(organization=organization)
    if role:
        people = memberships.filter(role=role).values("user_id")
    else:
        people = memberships.values("user_id")
    users = User.objects.filter(pk__in=people).prefetch_related(
        Prefetch("memberships", queryset=memberships.order_by("role"), to_attr="roles_here")
    ).order_by("full_name", "username")
    q = q.strip()
    if q:
        users = users.filter(Q(full_name__icontains=q) | Q(username__icontains=q) | Q(email__icontains=q))
    return users


def people_of(viewer, organization: Organization) -> QuerySet:
    """Each person with an active role in the organisation, once, for a viewer who administers it."""
    ids = access.memberships_for(viewer, Membership.objects.active()).filter(organization=organization)
    return User.objects.filter(pk__in=ids.values("user_id"), is_active=True).order_by("full_name", "username")


def open_invitations(viewer, organization: Organization) -> QuerySet:
    return access.invitations_for(viewer).filter(
        organization=organization, accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("invited_by")


def own_memberships(user) -> QuerySet:
    return Membership.objects.active().filter(user_id=user.pk).select_related("organization")


def own_applications(user) -> QuerySet:
    return MembershipApplication.objects.filter(applicant_id=user.pk).select_related("organization")


def latest_application_of(user) -> MembershipApplication | None:
    """The newest application of an organisation the person belongs to while it applies."""
    applying = [
        org for org, status in access.profile(user).status_by_org.items() if status == OrganizationStatus.APPLICANT
    ]
    if not applying:
        return None
    return MembershipApplication.objects.filter(organization_id__in=applying).order_by("-submitted_at", "-id").first()


def _digits(value: str) -> str:
    """A phone number's digits, without the country code 86 of a mainland mobile number."""
    digits = "".join(ch for ch in value if ch.isdigit())
    return digits[2:] if len(digits) == 13 and digits.startswith("86") else digits


def application_by_reference(reference: str, contact: str) -> MembershipApplication | None:
    """进度查询 without an account: the application with this reference number, if the
    e-mail address or phone number given is the applicant's or the contact's."""
    application = (
        MembershipApplication.objects.filter(reference=reference)
        .select_related("organization", "applicant")
        .prefetch_related("events")
        .first()
    )
    if application is None:
        return None
    contact = contact.strip().lower()
    addresses = {application.applicant.email.lower(), application.organization.contact_email.lower()} - {""}
    phones = {_digits(application.applicant.phone), _digits(application.organization.contact_phone)} - {""}
    if contact in addresses or (len(_digits(contact)) >= 7 and _digits(contact) in phones):
        return application
    return None


def pending_application_count() -> int:
    return MembershipApplication.objects.filter(status=ApplicationStatus.PENDING).count()


def administered_organizations(user) -> QuerySet:
    """Active organisations the person administers as its own administrator."""
    return Organization.objects.filter(pk__in=access.profile(user).orgs_with_role(Role.ORG_ADMIN)).order_by("name_zh")
