"""The plans pages the accessibility test opens, from the demo data: demo login -> [(label, address)]."""

from django.urls import reverse


def pages() -> dict[str, list[tuple[str, str]]]:
    from consortium.governance.models import Plan, PlanItem, PlanKind

    found = {
        "secretariat": [("plans", reverse("governance:plans")), ("plan new", reverse("governance:plan_create"))],
        "teacher": [("plans filtered", reverse("governance:plans") + "?kind=training")],
    }
    plan = Plan.objects.filter(kind=PlanKind.WORK).order_by("-year").first()
    if plan is not None:
        found["secretariat"] += [("plan", reverse("governance:plan", args=[plan.pk])),
                                 ("plan edit", reverse("governance:plan_edit", args=[plan.pk])),
                                 ("plan item new", reverse("governance:plan_item_create", args=[plan.pk]))]
        item = PlanItem.objects.filter(plan=plan, owner__memberships__user__username="school_admin").first()
        if item is not None:
            found["secretariat"].append(("plan item edit", reverse("governance:plan_item_edit", args=[item.pk])))
            found["school_admin"] = [("plan", reverse("governance:plan", args=[plan.pk])),
                                     ("plan item update", reverse("governance:plan_item_edit", args=[item.pk]))]
    return found
