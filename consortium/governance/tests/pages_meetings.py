"""The meetings pages the accessibility test opens, from the demo data: demo login -> [(label, address)]."""

from django.urls import reverse


def pages() -> dict[str, list[tuple[str, str]]]:
    from consortium.governance.demo.meetings import NEXT_TITLE, PAST_TITLE
    from consortium.governance.models import Meeting

    upcoming = Meeting.objects.filter(title=NEXT_TITLE).first()
    past = Meeting.objects.filter(title=PAST_TITLE).first()
    if upcoming is None or past is None:
        return {}
    seat = upcoming.invited.filter(seat__principal__username="council").values_list("seat_id", flat=True).first()
    item = upcoming.agenda_items.order_by("position").first()
    found = {
        "secretariat": [
            ("meetings", reverse("governance:meetings")),
            ("past meetings", reverse("governance:meetings") + "?when=past"),
            ("meeting", reverse("governance:meeting", args=[upcoming.pk])),
            ("held meeting", reverse("governance:meeting", args=[past.pk])),
            ("schedule a meeting", reverse("governance:meeting_create")),
            ("edit a meeting", reverse("governance:meeting_edit", args=[upcoming.pk])),
            ("invited seats", reverse("governance:meeting_invited", args=[upcoming.pk])),
            ("cancel a meeting", reverse("governance:meeting_cancel", args=[upcoming.pk])),
            ("attendance", reverse("governance:meeting_attendance", args=[past.pk])),
            ("add an agenda item", reverse("governance:agenda_item_create", args=[upcoming.pk])),
            ("add a document", reverse("governance:meeting_document_upload", args=[upcoming.pk])),
        ],
        "council": [
            ("my meetings", reverse("governance:meetings") + "?scope=mine"),
            ("notifications", reverse("governance:notifications")),
            ("notification e-mails", reverse("governance:notification_settings")),
        ],
    }
    if item is not None:
        found["secretariat"] += [("edit an agenda item", reverse("governance:agenda_item_edit", args=[upcoming.pk, item.pk])),
                                 ("take an item off", reverse("governance:agenda_item_delete", args=[upcoming.pk, item.pk]))]
    if seat is not None:
        found["council"].append(("answer for a seat", reverse("governance:meeting_rsvp", args=[upcoming.pk, seat])))
    return found
