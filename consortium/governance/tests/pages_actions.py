"""The actions pages the accessibility test opens, from the demo data: demo login -> [(label, address)].
Without a resolution in the demo there are no action items: only the lists are opened then."""

from django.urls import reverse


def pages() -> dict[str, list[tuple[str, str]]]:
    from consortium.governance.models import PENDING_STATUSES, ActionItem, ActionStatus, Resolution

    found = {
        "secretariat": [("action items", reverse("governance:actions")),
                        ("action items overdue", reverse("governance:actions") + "?overdue=on")],
        "council": [("my action items", reverse("governance:actions_mine"))],
    }
    resolution = Resolution.objects.order_by("pk").first()
    if resolution is not None:
        found["secretariat"].append(("action item new", f"{reverse('governance:action_create')}?resolution={resolution.pk}"))
    # 恒远精密's overdue item, whose administrator is the demo's council representative.
    item = ActionItem.objects.filter(status__in=PENDING_STATUSES, owner__memberships__user__username="council",
                                     owner__memberships__ended_at__isnull=True).order_by("due_on").first()
    if item is not None:
        found["secretariat"] += [("action item edit", reverse("governance:action_edit", args=[item.pk])),
                                 ("action item cancel", reverse("governance:action_cancel", args=[item.pk]))]
        found["council"] += [("action item", reverse("governance:action", args=[item.pk])),
                             ("action item note", reverse("governance:action_note", args=[item.pk])),
                             ("action item done", reverse("governance:action_done", args=[item.pk]))]
    closed = ActionItem.objects.filter(status=ActionStatus.DONE).first()
    if closed is not None:
        found["secretariat"].append(("action item reopen", reverse("governance:action_reopen", args=[closed.pk])))
    return found
