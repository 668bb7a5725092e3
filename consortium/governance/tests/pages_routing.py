"""The routing pages the accessibility test opens, from the demo data: demo login -> [(label, address)]."""

from django.urls import reverse


def pages() -> dict[str, list[tuple[str, str]]]:
    from consortium.governance.models import Matter, MatterStatus

    drafting = Matter.objects.filter(status=MatterStatus.IN_PROGRESS).first()
    executing = Matter.objects.filter(status=MatterStatus.EXECUTION).first()
    found = {"secretariat": [("matters", reverse("governance:matters")),
                             ("matters filtered", reverse("governance:matters") + "?status=in_progress&level=coordination"),
                             ("matter new", reverse("governance:matter_create")),
                             ("governance settings", reverse("governance:routing_settings"))],
             "council": [("matters for a seat", reverse("governance:matters"))]}
    if drafting is not None:
        found["secretariat"] += [("matter", reverse("governance:matter", args=[drafting.pk])),
                                 ("matter withdraw", reverse("governance:matter_withdraw", args=[drafting.pk]))]
        found["council"] += [("matter forward", reverse("governance:matter_forward", args=[drafting.pk]))]
    if executing is not None:
        found["secretariat"] += [("matter in execution", reverse("governance:matter", args=[executing.pk])),
                                 ("matter execute", reverse("governance:matter_execute", args=[executing.pk]))]
    return found
