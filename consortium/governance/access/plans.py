"""Who may do what with plans (built on the base rules in access/__init__.py).

The secretariat writes plans and their items and sees drafts; everyone in governance (the
government officers included) reads the adopted plans; the administrators of an item's owner
organisation update its status and completion while the plan is adopted."""

from django.db.models import QuerySet

from consortium.governance import access as base
from consortium.governance.models import Plan, PlanItem, PlanStatus
from members import access as members_access


def can_read_plans(user) -> bool:
    """Everyone in governance; in the API, an organisation's key too (as its administrator would)."""
    return base.can_use_governance(user) or (members_access.is_api_key(user) and bool(base.organization_ids(user)))


def can_manage_plans(user) -> bool:
    return base.is_secretariat(user)


def plans_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Plan.objects.all() if queryset is None else queryset
    if can_manage_plans(user):
        return qs
    if can_read_plans(user):
        return qs.filter(status=PlanStatus.ADOPTED)
    return qs.none()


def plan_items_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = PlanItem.objects.all() if queryset is None else queryset
    return qs.filter(plan__in=plans_for(user))


def can_update_item(user, item: PlanItem) -> bool:
    """Status and completion: the owner organisation's administrators (adopted plans), the secretariat."""
    if can_manage_plans(user):
        return True
    return item.plan.status == PlanStatus.ADOPTED and item.owner_id in base.admin_organization_ids(user)


def editable_plan_items(user) -> QuerySet:
    """The items whose status this person updates."""
    if can_manage_plans(user):
        return PlanItem.objects.all()
    return PlanItem.objects.filter(plan__status=PlanStatus.ADOPTED, owner_id__in=base.admin_organization_ids(user))
