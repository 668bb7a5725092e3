"""The bodies pages the accessibility test opens, from the demo data: demo login -> [(label, address)]."""

from django.urls import reverse


def pages() -> dict[str, list[tuple[str, str]]]:
    from consortium.governance.models import Body, Seat

    council = Body.objects.get(code="理")
    seat = Seat.objects.current().get(body=council, principal__username="school_admin")
    ended = Seat.objects.ended().filter(body=council).first()
    secretariat = [
        ("bodies", reverse("governance:body_list")),
        ("body new", reverse("governance:body_create")),
        ("body", reverse("governance:body_detail", args=[council.pk])),
        ("body edit", reverse("governance:body_edit", args=[council.pk])),
        ("body deactivate", reverse("governance:body_active", args=[council.pk])),
        ("seat appoint", reverse("governance:seat_create", args=[council.pk])),
        ("seat appoint people", reverse("governance:seat_create", args=[council.pk]) + f"?organization={seat.organization_id}"),
        ("seat representatives", reverse("governance:seat_representatives", args=[seat.pk])),
        ("seat edit", reverse("governance:seat_edit", args=[seat.pk])),
        ("seat end", reverse("governance:seat_end", args=[seat.pk])),
    ]
    found = {
        "secretariat": secretariat,
        "teacher": [("bodies", reverse("governance:body_list")),
                    ("body", reverse("governance:body_detail", args=[council.pk])),
                    ("seat", reverse("governance:seat_detail", args=[seat.pk]))],
        "school_admin": [("seat delegate", reverse("governance:seat_delegate", args=[seat.pk]))],
    }
    if ended is not None:
        found["teacher"] += [("seat history", reverse("governance:body_history", args=[council.pk])),
                             ("ended seat", reverse("governance:seat_detail", args=[ended.pk]))]
    return found
