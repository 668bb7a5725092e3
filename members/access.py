"""Who may see and do what: the one place the portal's access rules are written.

Pages, the API and the admin console all call these functions. Two kinds:

* scoping functions (``organizations_for`` …) narrow a queryset to the rows a viewer may
  see; objects outside it answer 404 wherever they are looked up;
* permission checks (``can_*``) answer whether a viewer may take an action on an object.

A person's roles are read once per request and kept on the user object.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from core.caching import get_versioned, keep_versioned

from members.models import (
    PUBLIC_BODY_KINDS,
    SCHOOL_KINDS,
    ApiKey,
    Membership,
    MembershipApplication,
    Invitation,
    Organization,
    OrganizationKind,
    OrganizationStatus,
    Role,
    User,
)

_CACHE_ATTR = "_access_profile"


@dataclass(frozen=True)
class AccessProfile:
    """A person's standing: their organisations and roles, read once."""

    # organisation id -> roles, for memberships in organisations of any status
    roles_by_org: dict[int, frozenset[str]] = field(default_factory=dict)
    status_by_org: dict[int, str] = field(default_factory=dict)
    kind_by_org: dict[int, str] = field(default_factory=dict)
    superuser: bool = False

    @property
    def organization_ids(self) -> set[int]:
        return set(self.roles_by_org)

    @property
    def active_organization_ids(self) -> set[int]:
        return {org for org, status in self.status_by_org.items() if status == OrganizationStatus.ACTIVE}

    def roles(self, *, active_only: bool = True) -> set[str]:
        ids = self.active_organization_ids if active_only else self.organization_ids
        return {role for org in ids for role in self.roles_by_org[org]}

    def orgs_with_role(self, *roles: str) -> set[int]:
        return {org for org in self.active_organization_ids if self.roles_by_org[org] & set(roles)}

    def kinds(self) -> set[str]:
        return {self.kind_by_org[org] for org in self.active_organization_ids}


ANONYMOUS = AccessProfile()


# Cached profiles are stale once the person's memberships or account change (their own
# version) or any organisation's status or kind does (everyone's): see members.signals.
PROFILES = "access:profiles"
PROFILE_TIMEOUT = 3600


def person_version_name(user_id) -> str:
    return f"access:person:{user_id}"


def person_versions(user_id) -> tuple[str, str]:
    """The versions a person's cached account and profile depend on."""
    return person_version_name(user_id), PROFILES


def profile_key(user_id) -> str:
    return f"access:profile:{user_id}"


def remember(user, result: AccessProfile) -> None:
    """Keep a profile on the user object for the rest of the request."""
    setattr(user, _CACHE_ATTR, result)


def profile(user) -> AccessProfile:
    """The viewer's organisations and roles: kept on the user object for the request, and in
    the cache between requests until their memberships, their account or an organisation
    changes. Signing in through members.auth fetches it with the person, in the same round trip."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    current, (result,) = get_versioned(person_versions(user.pk), [profile_key(user.pk)])
    if result is None:
        result = _profile_from_database(user)
        keep_versioned(profile_key(user.pk), current, result, PROFILE_TIMEOUT)
    remember(user, result)
    return result


def _profile_from_database(user) -> AccessProfile:
    roles: dict[int, set[str]] = {}
    status: dict[int, str] = {}
    kinds: dict[int, str] = {}
    rows = (
        Membership.objects.active()
        .filter(user_id=user.pk)
        .values_list("organization_id", "role", "organization__status", "organization__kind")
    )
    for org_id, role, org_status, kind in rows:
        roles.setdefault(org_id, set()).add(role)
        status[org_id] = org_status
        kinds[org_id] = kind
    return AccessProfile(
        roles_by_org={org: frozenset(r) for org, r in roles.items()},
        status_by_org=status,
        kind_by_org=kinds,
        superuser=user.is_superuser,
    )


def act_for_organization(principal, organization: Organization) -> None:
    """Give a principal that is not a person (an API key) the standing of an administrator
    of this one organisation and nothing more: no secretariat, no council seat, no other
    organisation, whoever created the key. Every rule below then treats it as such."""
    setattr(
        principal,
        _CACHE_ATTR,
        AccessProfile(
            roles_by_org={organization.pk: frozenset({Role.ORG_ADMIN})},
            status_by_org={organization.pk: organization.status},
            kind_by_org={organization.pk: organization.kind},
        ),
    )


def is_api_key(user) -> bool:
    """A request made with an API key, not by a person."""
    return getattr(user, "is_api_key", False)


def forget(user) -> None:
    """Drop the cached profile after the user's memberships changed."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


# --- standing ------------------------------------------------------------------------


def is_secretariat(user) -> bool:
    p = profile(user)
    return p.superuser or Role.SECRETARIAT in p.roles()


def is_member(user) -> bool:
    """Belongs to at least one active member organisation (or is the secretariat)."""
    return bool(profile(user).active_organization_ids) or is_secretariat(user)


def has_role(user, *roles: str) -> bool:
    return bool(profile(user).roles() & set(roles))


def in_kind(user, kinds) -> bool:
    return bool(profile(user).kinds() & set(kinds))


def is_school_member(user) -> bool:
    return in_kind(user, SCHOOL_KINDS)


def is_enterprise_member(user) -> bool:
    return in_kind(user, {OrganizationKind.ENTERPRISE})


def is_public_body_member(user) -> bool:
    return in_kind(user, PUBLIC_BODY_KINDS)


def primary_organization_id(user) -> int | None:
    """The organisation a person acts for by default: the first active one, else any."""
    p = profile(user)
    ids = sorted(p.active_organization_ids) or sorted(p.organization_ids)
    return ids[0] if ids else None


# --- scoping -------------------------------------------------------------------------


def organizations_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """Active members are public; applicants and former members are seen by their own
    people and the secretariat."""
    qs = Organization.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return qs
    own = profile(user).organization_ids
    return qs.filter(Q(status=OrganizationStatus.ACTIVE) | Q(pk__in=own))


def directory_scope(user) -> str:
    """Names the set of organisations ``organizations_for`` gives this viewer, so that
    viewers who see the same set can share one rendering of the directory."""
    if is_secretariat(user):
        return "all"
    p = profile(user)
    own_inactive = sorted(org for org, status in p.status_by_org.items() if status != OrganizationStatus.ACTIVE)
    return "active+" + ",".join(map(str, own_inactive)) if own_inactive else "active"


def managed_organizations(user, queryset: QuerySet | None = None) -> QuerySet:
    """Organisations whose people and details the user administers."""
    qs = Organization.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return qs
    return qs.filter(pk__in=profile(user).orgs_with_role(Role.ORG_ADMIN))


def memberships_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """Administrators see their organisations' people; everyone sees their own memberships."""
    qs = Membership.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return qs
    if not user.is_authenticated:
        return qs.none()
    admin_of = profile(user).orgs_with_role(Role.ORG_ADMIN)
    return qs.filter(Q(organization_id__in=admin_of) | Q(user_id=user.pk))


def users_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = User.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return qs
    if not user.is_authenticated:
        return qs.none()
    admin_of = profile(user).orgs_with_role(Role.ORG_ADMIN)
    visible = Membership.objects.filter(organization_id__in=admin_of).values("user_id")
    return qs.filter(Q(pk=user.pk) | Q(pk__in=visible))


def applications_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = MembershipApplication.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return qs
    if not user.is_authenticated:
        return qs.none()
    # An application is its organisation's administrators' business, whatever the organisation's status.
    p = profile(user)
    admin_of = [org for org, roles in p.roles_by_org.items() if Role.ORG_ADMIN in roles]
    return qs.filter(Q(applicant_id=user.pk) | Q(organization_id__in=admin_of))


def api_keys_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """An organisation's API keys are seen by those who manage them: its administrators
    while it is active, and the secretariat. A key sees no keys."""
    qs = ApiKey.objects.all() if queryset is None else queryset
    if is_api_key(user):
        return qs.none()
    if is_secretariat(user):
        return qs
    return qs.filter(organization_id__in=profile(user).orgs_with_role(Role.ORG_ADMIN))


def invitations_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Invitation.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return qs
    return qs.filter(organization_id__in=profile(user).orgs_with_role(Role.ORG_ADMIN))


# --- actions -------------------------------------------------------------------------


def can_manage_people(user, organization: Organization) -> bool:
    """Invite and remove people: the organisation's administrators, while it is active,
    and the secretariat."""
    if is_secretariat(user):
        return True
    return organization.is_active_member and organization.pk in profile(user).orgs_with_role(Role.ORG_ADMIN)


def can_edit_organization(user, organization: Organization) -> bool:
    return can_manage_people(user, organization)


# An organisation's contact details: for its own people and the secretariat only.
CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_email")
# Every field of an organisation the secretariat may set; its own administrators may change
# the descriptive ones, while kind, code and standing stay the secretariat's.
ORGANIZATION_FIELDS = (
    "kind", "name_zh", "name_en", "credit_code", "industry", "region", "is_lead_member",
    "description", "website", "address", "contact_name", "contact_phone", "contact_email",
)
SELF_EDITABLE_FIELDS = (
    "name_en", "industry", "region", "description", "website", "address",
    "contact_name", "contact_phone", "contact_email",
)


def can_see_contacts(user, organization: Organization) -> bool:
    return is_secretariat(user) or organization.pk in profile(user).organization_ids


def editable_organization_fields(user, organization: Organization) -> tuple[str, ...]:
    """The fields of the organisation this person may change (none if they may not edit it)."""
    if not can_edit_organization(user, organization):
        return ()
    return ORGANIZATION_FIELDS if is_secretariat(user) else SELF_EDITABLE_FIELDS


def can_create_organization(user) -> bool:
    return is_secretariat(user)


def can_decide_applications(user) -> bool:
    return is_secretariat(user)


def can_view_audit(user) -> bool:
    return is_secretariat(user)


def can_use_admin_console(user) -> bool:
    return user.is_authenticated and user.is_active and is_secretariat(user)


def can_manage_api_keys(user, organization: Organization) -> bool:
    """Create and revoke an organisation's API keys: its administrators while it is active,
    and the secretariat. A key never manages keys, not even its own organisation's."""
    if is_api_key(user):
        return False
    if is_secretariat(user):
        return True
    return organization.is_active_member and organization.pk in profile(user).orgs_with_role(Role.ORG_ADMIN)


def can_manage_any_api_keys(user) -> bool:
    """Whether the API entry of the menu concerns this person: they manage some organisation's keys."""
    if is_api_key(user) or not user.is_authenticated:
        return False
    return is_secretariat(user) or bool(profile(user).orgs_with_role(Role.ORG_ADMIN))


def can_apply_to_join(user) -> bool:
    """Anyone not yet in an organisation may apply on behalf of a new one."""
    return not user.is_authenticated or not profile(user).organization_ids


# Standing in the consortium is never granted as an organisation role: secretariat staff are
# appointed by the secretariat (members.services.secretariat_appoint); a council representative
# is whoever holds their organisation's council seat, as principal or alternate
# (consortium.governance.services.bodies, through members.services.seat_role_sync).
STANDING_ROLES = frozenset({Role.SECRETARIAT, Role.COUNCIL_REP})
# The standing that follows from a seat and is given or ended by nobody by hand.
SEAT_ROLES = frozenset({Role.COUNCIL_REP})
# Roles whose invitation only the invited address may take up.
PRIVILEGED_ROLES = STANDING_ROLES | {Role.ORG_ADMIN}


def roles_of_kind(organization: Organization) -> list[str]:
    """The organisation roles that make sense in an organisation of this kind."""
    common = [Role.ORG_ADMIN, Role.STAFF]
    if organization.kind in SCHOOL_KINDS:
        return common + [Role.TEACHER, Role.STUDENT]
    if organization.kind == OrganizationKind.ENTERPRISE:
        return common + [Role.HR, Role.ENGINEER]
    if organization.kind in PUBLIC_BODY_KINDS:
        return common + [Role.OFFICER]
    if organization.kind == OrganizationKind.RESEARCH_INSTITUTE:
        return common + [Role.RESEARCHER, Role.ENGINEER]
    return common


def grantable_roles(actor, organization: Organization) -> list[str]:
    """The roles this person may give in this organisation: those of its kind, and only if
    they may delegate them there — the organisation's own administrators while it is an
    active member, and the secretariat. Never a standing role: see STANDING_ROLES."""
    if not can_manage_people(actor, organization):
        return []
    return roles_of_kind(organization)


def can_grant_role(actor, organization: Organization, role: str) -> bool:
    return role in grantable_roles(actor, organization)


def can_appoint_standing(actor, organization: Organization, role: str) -> bool:
    """Secretariat staff serve in a lead member or a public body, appointed by the secretariat.
    A council representative is appointed by no one: the role follows from a council seat."""
    if not is_secretariat(actor) or role != Role.SECRETARIAT or not organization.is_active_member:
        return False
    return organization.is_lead_member or organization.kind in PUBLIC_BODY_KINDS
