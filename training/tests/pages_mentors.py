"""The mentors pages the accessibility test opens, from the demo data: demo login -> [(label, address)]."""

from django.urls import reverse


def pages() -> dict[str, list[tuple[str, str]]]:
    from training.models import MentorAppointment, MentorStatus

    found = {
        "school_admin": [("mentors", reverse("training:mentors")), ("mentor new", reverse("training:mentor_create"))],
        "secretariat": [("mentors filtered", reverse("training:mentors") + "?status=completed")],
        "teacher": [("mentors", reverse("training:mentors"))],
    }
    accepted = MentorAppointment.objects.filter(status=MentorStatus.ACCEPTED, school__memberships__user__username=
                                                "school_admin").order_by("pk").first()
    if accepted is not None:
        found["school_admin"] += [("mentor", reverse("training:mentor", args=[accepted.pk])),
                                  ("mentor hours", reverse("training:mentor_hours", args=[accepted.pk])),
                                  ("mentor withdraw", reverse("training:mentor_withdraw", args=[accepted.pk]))]
    proposed = MentorAppointment.objects.filter(status=MentorStatus.PROPOSED).order_by("pk").first()
    if proposed is not None:
        found["council"] = [("mentors", reverse("training:mentors")),
                            ("mentor decide", reverse("training:mentor_decide", args=[proposed.pk]))]
    return found
