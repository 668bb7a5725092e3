"""The minutes pages the accessibility test opens, from the demo data: demo login -> [(label, address)]."""

from django.urls import reverse


def pages() -> dict[str, list[tuple[str, str]]]:
    from consortium.governance.models import Minutes

    minutes = Minutes.objects.select_related("meeting").first()
    if minutes is None:
        return {}
    draft = minutes.versions.filter(status="draft").order_by("-number").first()
    detail = reverse("governance:minutes_detail", args=[minutes.pk])
    found = {
        "secretariat": [("minutes", reverse("governance:minutes_list")),
                        ("minutes filtered", reverse("governance:minutes_list") + "?q=会议&status=approved"),
                        ("minutes detail", detail),
                        ("minutes version 1", detail + "?v=1"),
                        ("minutes compare", reverse("governance:minutes_compare", args=[minutes.pk])),
                        ("minutes correct", reverse("governance:minutes_correct", args=[minutes.pk])),
                        ("minutes publish", reverse("governance:minutes_publish", args=[minutes.pk]))],
        "council": [("minutes for a seat", detail)],
        "teacher": [("minutes list for a member", reverse("governance:minutes_list"))],
    }
    if draft is not None:
        found["secretariat"] += [("minutes edit", reverse("governance:minutes_edit", args=[draft.pk])),
                                 ("minutes vote", reverse("governance:minutes_vote", args=[draft.pk]))]
    return found
