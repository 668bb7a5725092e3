"""The bases pages the accessibility test opens, from the demo data: demo login -> [(label, address)]."""

from django.urls import reverse


def pages() -> dict[str, list[tuple[str, str]]]:
    from training.models import BaseBooking, BookingStatus, IndustryCollege, TrainingBase

    found = {
        "teacher": [("training bases", reverse("training:bases")), ("training bookings mine", reverse("training:my_bookings"))],
        "hr": [("training colleges", reverse("training:colleges") + "?q=智能")],
        "school_admin": [("training booking queue", reverse("training:booking_queue")),
                         ("training base new", reverse("training:base_create")),
                         ("training college new", reverse("training:college_create"))],
    }
    college = IndustryCollege.objects.order_by("pk").first()
    if college is not None:
        found["hr"].append(("training college", reverse("training:college", args=[college.pk])))
    base = TrainingBase.objects.order_by("pk").first()
    if base is not None:
        found["teacher"] += [("training base", reverse("training:base", args=[base.pk])),
                             ("training base calendar", reverse("training:base_calendar", args=[base.pk])),
                             ("training booking new", reverse("training:booking_create", args=[base.pk]))]
        found["school_admin"].append(("training base edit", reverse("training:base_edit", args=[base.pk])))
    pending = BaseBooking.objects.filter(status=BookingStatus.PENDING).order_by("pk").first()
    if pending is not None:
        found["school_admin"] += [("training booking decline", reverse("training:booking_decline", args=[pending.pk])),
                                  ("training booking accept", reverse("training:booking_accept", args=[pending.pk]))]
    return found
