"""Who may do what in the standards part (built on the base rules in access/__init__.py).

Standards are kept by the organisations that publish or adopt them: enterprises and industry
associations (their administrators, engineers and staff) and the secretariat, which keeps them for
everyone. Everyone in training reads every standard, its competences and its past versions; so do
the keepers (an association's people are not otherwise in training) and members' API keys. Past
versions are kept as they were: only the current version is edited."""

from django.db.models import QuerySet

from members.models import Organization, OrganizationKind, OrganizationStatus, Role
from training import access as base
from training.models import Standard

KEEPER_KINDS = frozenset({OrganizationKind.ENTERPRISE, OrganizationKind.INDUSTRY_ASSOCIATION})
KEEPER_ROLES = frozenset({Role.ORG_ADMIN, Role.ENGINEER, Role.STAFF})


def keeper_org_ids(user) -> set[int]:
    """The enterprises and associations whose standards this person keeps."""
    if not user.is_authenticated:
        return set()
    p = base.profile(user)
    return {org for org in base.org_ids_with_roles(user, KEEPER_ROLES) if p.kind_by_org.get(org) in KEEPER_KINDS}


def can_read_standards(user) -> bool:
    if not user.is_authenticated:
        return False
    if base.is_api_key(user):
        return bool(base.member_ids(user))
    return base.can_use_training(user) or bool(keeper_org_ids(user))


def can_keep_standards(user) -> bool:
    """Adds standards (for one of their organisations; the secretariat for any keeper)."""
    return user.is_authenticated and (base.is_secretariat(user) or bool(keeper_org_ids(user)))


def can_edit_standard(user, standard: Standard) -> bool:
    """Edits a standard, its competences, and publishes its next version: the current version only."""
    if not standard.is_current or not user.is_authenticated:
        return False
    return base.is_secretariat(user) or standard.owner_id in keeper_org_ids(user)


def standards_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Standard.objects.all() if queryset is None else queryset
    return qs if can_read_standards(user) else qs.none()


def owner_choices(user) -> QuerySet:
    """The organisations this person adds standards for."""
    qs = Organization.objects.filter(status=OrganizationStatus.ACTIVE)
    if base.is_secretariat(user):
        own = base.member_ids(user)
        return qs.filter(kind__in=KEEPER_KINDS) | qs.filter(pk__in=own)
    return qs.filter(pk__in=keeper_org_ids(user))
