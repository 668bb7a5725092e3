"""Plans: the secretariat writes a plan and its items and adopts it (with the resolution that
adopted it, if any); the owners of an item update its status and completion. Every write:
keyword-only, one transaction, permission checked inside, audited."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from consortium.governance.access import plans as access
from consortium.governance.models import Plan, PlanItem, PlanItemStatus, PlanKind, PlanStatus, Resolution
from core.audit import record_event
from members.models import Organization, OrganizationStatus, User

PLAN_FIELDS = ("year", "kind", "title", "description", "is_public")
PLAN_ITEM_FIELDS = ("title", "owner", "due_on", "status", "percent", "resolution", "project")


def _check_plan(*, year: int, kind: str, title: str, plan: Plan | None = None) -> None:
    errors = {}
    if not (title or "").strip():
        errors["title"] = [_("Give the plan a title.")]
    if year is None or not 2000 <= year <= 2100:
        errors["year"] = [_("Give a year from 2000 to 2100.")]
    if kind not in PlanKind.values:
        errors["kind"] = [_("Choose the kind of plan.")]
    elif year is not None and Plan.objects.filter(year=year, kind=kind).exclude(pk=getattr(plan, "pk", None)).exists():
        errors["kind"] = [_("There is already a %(kind)s for %(year)s.") % {"kind": PlanKind(kind).label, "year": year}]
    if errors:
        raise ValidationError(errors)


def _save_unique(obj, field: str, message: str) -> None:
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:  # a concurrent request took the same place first
        raise ValidationError({field: [message]}) from None


@transaction.atomic
def plan_create(*, actor: User, year: int, kind: str, title: str, description: str = "",
                is_public: bool = False) -> Plan:
    if not access.can_manage_plans(actor):
        raise PermissionDenied
    _check_plan(year=year, kind=kind, title=title)
    plan = Plan(year=year, kind=kind, title=title.strip(), description=description.strip(), is_public=is_public,
                created_by=actor)
    _save_unique(plan, "kind", _("There is already such a plan for this year."))
    record_event("plan.created", instance=plan, actor=actor, details={"year": year, "kind": kind})
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, actor: User, year: int, kind: str, title: str, description: str = "",
                is_public: bool = False) -> Plan:
    if not access.can_manage_plans(actor):
        raise PermissionDenied
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _check_plan(year=year, kind=kind, title=title, plan=plan)
    plan.year, plan.kind, plan.title, plan.description, plan.is_public = (
        year, kind, title.strip(), description.strip(), is_public)
    _save_unique(plan, "kind", _("There is already such a plan for this year."))
    return plan


@transaction.atomic
def plan_adopt(*, plan: Plan, actor: User, resolution: Resolution | None = None) -> Plan:
    """Adopted, the plan is read by everyone in governance and its owners report on their items."""
    if not access.can_manage_plans(actor):
        raise PermissionDenied
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status == PlanStatus.ADOPTED:
        raise ValidationError(_("The plan is already adopted."))
    if not plan.items.exists():
        raise ValidationError(_("A plan without items cannot be adopted; add its items first."))
    plan.status, plan.adopted_at, plan.resolution = PlanStatus.ADOPTED, timezone.now(), resolution
    plan.save(update_fields=["status", "adopted_at", "resolution"])
    record_event("plan.adopted", instance=plan, actor=actor,
                 details={"resolution": resolution.number if resolution else ""})
    return plan


def _check_item(*, title: str, owner: Organization, status: str, percent: int) -> None:
    errors = {}
    if not (title or "").strip():
        errors["title"] = [_("Give the item a title.")]
    if owner is None or owner.status != OrganizationStatus.ACTIVE:
        errors["owner"] = [_("Choose an active member organisation.")]
    _check_progress(errors, status=status, percent=percent)
    if errors:
        raise ValidationError(errors)


def _check_progress(errors: dict, *, status: str, percent: int) -> None:
    if status not in PlanItemStatus.values:
        errors["status"] = [_("Choose a status.")]
    if percent is None or not 0 <= percent <= 100:
        errors["percent"] = [_("Give a percentage from 0 to 100.")]


@transaction.atomic
def plan_item_create(*, plan: Plan, actor: User, title: str, owner: Organization, due_on: date | None = None,
                     status: str = PlanItemStatus.PLANNED, percent: int = 0,
                     resolution: Resolution | None = None, project=None) -> PlanItem:
    """A new item at the end of the plan (the plan is locked while its place is taken)."""
    if not access.can_manage_plans(actor):
        raise PermissionDenied
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    percent = 100 if status == PlanItemStatus.DONE else percent
    _check_item(title=title, owner=owner, status=status, percent=percent)
    position = (plan.items.aggregate(last=Max("position"))["last"] or 0) + 1
    return PlanItem.objects.create(plan=plan, position=position, title=title.strip(), owner=owner, due_on=due_on,
                                   status=status, percent=percent, resolution=resolution, project=project)


@transaction.atomic
def plan_item_update(*, item: PlanItem, actor: User, title: str, owner: Organization, due_on: date | None,
                     status: str, percent: int, resolution: Resolution | None = None, project=None) -> PlanItem:
    """The secretariat's edit of every field of an item."""
    if not access.can_manage_plans(actor):
        raise PermissionDenied
    item = PlanItem.objects.select_for_update().get(pk=item.pk)
    percent = 100 if status == PlanItemStatus.DONE else percent
    _check_item(title=title, owner=owner, status=status, percent=percent)
    before = item.status
    item.title, item.owner, item.due_on, item.status, item.percent, item.resolution, item.project = (
        title.strip(), owner, due_on, status, percent, resolution, project)
    item.save()
    if before != status:
        record_event("plan.item_status", instance=item, actor=actor, details={"from": before, "to": status})
    return item


@transaction.atomic
def plan_item_progress(*, item: PlanItem, actor: User, status: str, percent: int) -> PlanItem:
    """An owner (or the secretariat) reports an item's status and completion."""
    item = PlanItem.objects.select_for_update().select_related("plan").get(pk=item.pk)
    if not access.can_update_item(actor, item):
        raise PermissionDenied
    percent = 100 if status == PlanItemStatus.DONE else percent
    errors = {}
    _check_progress(errors, status=status, percent=percent)
    if errors:
        raise ValidationError(errors)
    before = item.status
    item.status, item.percent = status, percent
    item.save(update_fields=["status", "percent", "updated_at"])
    if before != status:
        record_event("plan.item_status", instance=item, actor=actor, details={"from": before, "to": status})
    return item
