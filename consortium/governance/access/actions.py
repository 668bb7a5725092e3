"""Who may do what with action items (built on the base rules in access/__init__.py).

Everyone in governance (and the government officers) reads every action item; the secretariat
creates, edits, cancels and reopens them; the owner organisation's administrators, and its
people who hold one of its seats, add progress notes and mark the item done (the secretariat
may too). An item outside the viewer's reach answers 404."""

from django.db.models import QuerySet

from consortium.governance import access as base
from consortium.governance.models import ActionItem, ActionNote, Seat
from members import access as members_access

_OWNED_ATTR = "_governance_action_orgs"


def can_read_actions(user) -> bool:
    """Everyone in governance; in the API, an organisation's key too (as its administrator would)."""
    return base.can_use_governance(user) or (members_access.is_api_key(user) and bool(base.organization_ids(user)))


def can_manage_actions(user) -> bool:
    return base.is_secretariat(user)


def owner_organization_ids(user) -> frozenset[int]:
    """The organisations whose action items this person answers for: those they administer,
    and those whose seat they hold (principal or alternate) — read once per request."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, _OWNED_ATTR, None)
    if cached is None:
        seats = base.seat_ids(user)
        seat_orgs = set(Seat.objects.filter(pk__in=seats).values_list("organization_id", flat=True)) if seats else set()
        cached = frozenset(base.admin_organization_ids(user) | (seat_orgs & base.organization_ids(user)))
        setattr(user, _OWNED_ATTR, cached)
    return cached


def action_items_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = ActionItem.objects.all() if queryset is None else queryset
    return qs if can_read_actions(user) else qs.none()


def notes_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = ActionNote.objects.all() if queryset is None else queryset
    return qs if can_read_actions(user) else qs.none()


def is_owner(user, item: ActionItem) -> bool:
    return item.owner_id in owner_organization_ids(user)


def can_edit_action(user, item: ActionItem) -> bool:
    return can_manage_actions(user) and item.is_pending


def can_report_on(user, item: ActionItem) -> bool:
    """Add a progress note or mark the item done: its owners and the secretariat, while pending."""
    return item.is_pending and (is_owner(user, item) or can_manage_actions(user))


def can_reopen(user, item: ActionItem) -> bool:
    return can_manage_actions(user) and not item.is_pending
