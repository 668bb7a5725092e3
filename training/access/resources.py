"""Who may do what in the resources part (built on the base rules in access/__init__.py).

Everyone in training reads the shared resources of every member, and an organisation's people its
unshared ones too; members' API keys read as their organisation's administrator would. The people
of a school or an enterprise (students excepted) add resources for it; the one who added a
resource, the owner's administrators and the secretariat edit and delete it."""

from django.db.models import Q, QuerySet

from members.models import Organization, OrganizationStatus, Role
from training import access as base
from training.models import TeachingResource

CONTRIBUTOR_ROLES = frozenset(set(Role.values) - {Role.STUDENT})


def contributor_org_ids(user) -> set[int]:
    """The schools and enterprises this person adds resources for."""
    if not user.is_authenticated:
        return set()
    return base.org_ids_with_roles(user, CONTRIBUTOR_ROLES) & (base.school_ids(user) | base.enterprise_ids(user))


def can_read_resources(user) -> bool:
    if not user.is_authenticated:
        return False
    if base.is_api_key(user):
        return bool(base.member_ids(user))
    return base.can_use_training(user)


def can_add_resources(user) -> bool:
    return user.is_authenticated and (base.is_secretariat(user) or bool(contributor_org_ids(user)))


def resources_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """The resources this person sees: every shared one, and their own organisations' others."""
    qs = TeachingResource.objects.all() if queryset is None else queryset
    if not can_read_resources(user):
        return qs.none()
    if base.is_secretariat(user):
        return qs
    return qs.filter(Q(is_shared=True) | Q(owner_id__in=base.member_ids(user)))


def can_edit_resource(user, resource: TeachingResource) -> bool:
    if not user.is_authenticated:
        return False
    if base.is_secretariat(user) or resource.owner_id in base.admin_ids(user):
        return True
    if user.pk is None or resource.created_by_id != user.pk:
        return False
    return resource.owner_id in contributor_org_ids(user)


def owner_choices(user) -> QuerySet:
    qs = Organization.objects.filter(status=OrganizationStatus.ACTIVE)
    if base.is_secretariat(user):
        from members.models import SCHOOL_KINDS, OrganizationKind

        return qs.filter(kind__in=SCHOOL_KINDS | {OrganizationKind.ENTERPRISE})
    return qs.filter(pk__in=contributor_org_ids(user))
