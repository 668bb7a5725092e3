"""Who may use the training area, and the standing every part's rules build on: the schools and
enterprises a person acts for, in which role. Each part keeps its own rules in
``access/<part>.py``; pages, API and admin console call those."""

from members.access import is_api_key, is_secretariat, profile
from members.models import SCHOOL_KINDS, OrganizationKind, Role

__all__ = ["is_api_key", "is_secretariat", "profile"]

# Industry associations keep standards (the standards part) beside the schools and enterprises.
USER_KINDS = SCHOOL_KINDS | {OrganizationKind.ENTERPRISE, OrganizationKind.INDUSTRY_ASSOCIATION}


def can_use_training(user) -> bool:
    """培训 in the menu: people of schools, enterprises and industry associations, and the secretariat."""
    if not user.is_authenticated or is_api_key(user):
        return False
    return is_secretariat(user) or bool(profile(user).kinds() & USER_KINDS)


def org_ids_with_roles(user, roles) -> set[int]:
    """The active member organisations where this person holds one of ``roles``."""
    if not user.is_authenticated:
        return set()
    p = profile(user)
    return p.orgs_with_role(*roles)


def school_ids(user) -> set[int]:
    """The schools this person belongs to (any role)."""
    if not user.is_authenticated:
        return set()
    p = profile(user)
    return {org for org in p.active_organization_ids if p.kind_by_org.get(org) in SCHOOL_KINDS}


def enterprise_ids(user) -> set[int]:
    """The enterprises this person belongs to (any role)."""
    if not user.is_authenticated:
        return set()
    p = profile(user)
    return {org for org in p.active_organization_ids if p.kind_by_org.get(org) == OrganizationKind.ENTERPRISE}


def admin_ids(user) -> set[int]:
    """The organisations whose administrator this person is."""
    return org_ids_with_roles(user, {Role.ORG_ADMIN})


def admin_school_ids(user) -> set[int]:
    """The schools whose administrator this person is (each part names what they decide there)."""
    return admin_ids(user) & school_ids(user)


def member_ids(user) -> set[int]:
    """Every active organisation this person belongs to."""
    if not user.is_authenticated:
        return set()
    return set(profile(user).active_organization_ids)

