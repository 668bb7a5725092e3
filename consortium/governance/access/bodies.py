"""Who may do what with governing bodies and seats (built on the base rules in access/__init__.py).

Everyone who may use governance sees the active bodies, their current seats and seat history;
the secretariat also sees deactivated bodies and alone sets up bodies and appoints seats. A
seat's principal may hand the vote to the alternate (and take it back), as may the secretariat."""

from django.db.models import QuerySet

from consortium.governance import access as base
from consortium.governance.models import Body, Seat
from members import access as members_access


def can_manage_bodies(user) -> bool:
    return base.is_secretariat(user)


def can_read_bodies(user) -> bool:
    """Everyone in governance; and an organisation's API key, which reads what the organisation's
    administrator reads (bodies and seats are every member's to know)."""
    if members_access.is_api_key(user):
        return bool(members_access.profile(user).roles() & base.GOVERNANCE_ROLES)
    return base.can_use_governance(user)


def bodies_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Body.objects.all() if queryset is None else queryset
    if not can_read_bodies(user):
        return qs.none()
    if base.is_secretariat(user):
        return qs
    return qs.filter(is_active=True)


def seats_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """Seats (current and ended) of the bodies the person sees."""
    qs = Seat.objects.all() if queryset is None else queryset
    if not can_read_bodies(user):
        return qs.none()
    if base.is_secretariat(user):
        return qs
    return qs.filter(body__is_active=True)


def can_delegate(user, seat: Seat) -> bool:
    """Hand the seat's vote to its alternate, or take it back: the principal, and the secretariat."""
    if not user.is_authenticated or seat.ended_at is not None:
        return False
    return base.is_secretariat(user) or (not members_access.is_api_key(user) and seat.principal_id == user.pk)


def my_seats(user) -> QuerySet:
    """The seats the person holds now, as principal or alternate."""
    return Seat.objects.current().filter(pk__in=base.seat_ids(user))
