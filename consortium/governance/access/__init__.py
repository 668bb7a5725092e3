"""Who may use the governance app, and the standing every part's rules build on: the seats a
person holds (as principal or alternate), the organisations they act for, the secretariat.
Each part keeps its own rules in ``access/<part>.py``; pages, API and admin console call those."""

from django.db.models import Q
from django.utils import timezone

from members import access as members_access
from members.models import Role

# Members of an active organisation who take part in governance (students do not).
GOVERNANCE_ROLES = frozenset(set(Role.values) - {Role.STUDENT})


def is_secretariat(user) -> bool:
    return user.is_authenticated and members_access.is_secretariat(user)


def can_use_governance(user) -> bool:
    """理事会 in the menu: the secretariat, and every person of an active member organisation
    except students (what each sees is decided part by part)."""
    if not user.is_authenticated or members_access.is_api_key(user):
        return False
    return is_secretariat(user) or bool(members_access.profile(user).roles() & GOVERNANCE_ROLES)


def organization_ids(user) -> set[int]:
    """The active member organisations this person acts for in governance."""
    if not user.is_authenticated:
        return set()
    p = members_access.profile(user)
    return {org for org in p.active_organization_ids if p.roles_by_org[org] & GOVERNANCE_ROLES}


def admin_organization_ids(user) -> set[int]:
    """The organisations whose administrator this person is (they follow their seats' business)."""
    if not user.is_authenticated:
        return set()
    return members_access.profile(user).orgs_with_role(Role.ORG_ADMIN)


_SEATS_ATTR = "_governance_seat_ids"


def seat_ids(user) -> frozenset[int]:
    """The seats this person holds now, as principal or alternate (read once per request)."""
    if not user.is_authenticated or members_access.is_api_key(user):
        return frozenset()
    cached = getattr(user, _SEATS_ATTR, None)
    if cached is None:
        from consortium.governance.models import Seat

        cached = frozenset(
            Seat.objects.current().filter(Q(principal=user) | Q(alternate=user)).values_list("pk", flat=True)
        )
        setattr(user, _SEATS_ATTR, cached)
    return cached


def forget_seats(user) -> None:
    if hasattr(user, _SEATS_ATTR):
        delattr(user, _SEATS_ATTR)


def today():
    return timezone.localdate()
