"""The governance rules in the security matrix: plans.

Everyone in governance reads the adopted plans (the student finds nothing; the visitor signs
in); drafts are the secretariat's, which writes plans and items. The administrator of an item's
owner organisation (here admin_a: the item is enterprise A's) updates its status and completion."""

from django.utils import timezone

from consortium.governance.models import Plan, PlanItem, PlanItemStatus, PlanKind, PlanStatus
from tests.matrix import api, page, personas, signed_in


def _plan(w, *, kind=PlanKind.WORK, status=PlanStatus.ADOPTED) -> Plan:
    plan = Plan.objects.filter(year=2031, kind=kind).first()
    if plan is None:
        plan = Plan.objects.create(year=2031, kind=kind, title=f"矩阵计划 {kind}", status=status,
                                   adopted_at=timezone.now() if status == PlanStatus.ADOPTED else None,
                                   created_by=w.users["secretariat"])
        PlanItem.objects.create(plan=plan, position=1, title="矩阵计划事项", owner=w.orgs["org_a"],
                                status=PlanItemStatus.IN_PROGRESS, percent=30)
    return plan


def an_adopted_plan(w, t):
    return {"pk": _plan(w).pk}


def a_draft_plan(w, t):
    return {"pk": _plan(w, kind=PlanKind.TRAINING, status=PlanStatus.DRAFT).pk}


def an_item(w, t):
    return {"pk": _plan(w).items.get().pk}


def plans(w, t):
    return list(Plan.objects.values_list("pk", "year", "kind", "title", "status", "resolution_id"))


def plan_items(w, t):
    return list(PlanItem.objects.values_list("pk", "plan_id", "position", "title", "status", "percent"))


READERS = personas(200, anonymous=302, student=404)
SECRETARIAT_ONLY = personas(404, anonymous=302, secretariat=200)

RULES = {
    "governance:plans": (page(expect={"any": READERS}),),
    "governance:plan_create": (
        page(expect={"any": SECRETARIAT_ONLY}),
        page(method="post", data={"year": "2032", "kind": "work", "title": ""}, state=plans,
             expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance:plan": (
        page(kwargs=an_adopted_plan, expect={"any": READERS}),
        page(kwargs=a_draft_plan, expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance:plan_edit": (
        page(kwargs=an_adopted_plan, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=an_adopted_plan, method="post", data={"title": ""}, state=plans, expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance:plan_adopt": (
        page(kwargs=a_draft_plan, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_draft_plan, method="post", data={}, state=plans,
             expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "governance:plan_item_create": (
        page(kwargs=an_adopted_plan, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=an_adopted_plan, method="post", data={"title": ""}, state=plan_items,
             expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance:plan_item_edit": (
        page(kwargs=an_item, expect={"any": personas(404, anonymous=302, admin_a=200, secretariat=200)}),
        # The owner's report is saved; the secretariat's full form lacks the title and owner: shown again.
        page(kwargs=an_item, method="post", data={"status": "in_progress", "percent": "60"}, state=plan_items,
             expect={"any": personas(404, anonymous=302, admin_a=302, secretariat=200)}),
    ),
    "governance-plan-list": (api(expect={"any": signed_in(200, anonymous=401)}),),
    "governance-plan-detail": (api(kwargs=an_adopted_plan, expect={"any": personas(200, anonymous=401, student=404)}),),
}
