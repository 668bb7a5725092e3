"""The courses pages the accessibility test opens, from the demo data: demo login -> [(label, address)]."""

from django.urls import reverse


def pages() -> dict[str, list[tuple[str, str]]]:
    from training.models import Course, CourseStatus, VersionStatus

    found = {
        "secretariat": [("courses", reverse("training:courses"))],
        "council": [("courses needing review", reverse("training:courses") + "?needs_review=on"),
                    ("course coverage", reverse("training:course_coverage"))],
        "school_admin": [("course propose", reverse("training:course_propose"))],
        "hr": [("courses", reverse("training:courses"))],
        "student": [("courses", reverse("training:courses"))],
    }
    in_review = Course.objects.filter(status=CourseStatus.IN_REVIEW, title="工业机器人系统集成").first()
    if in_review is not None:
        found["council"] += [("course review", reverse("training:course_review", args=[in_review.pk]))]
        found["hr"] += [("course in review", reverse("training:course", args=[in_review.pk]))]
    drafting = Course.objects.filter(title="智能产线电气控制").first()
    if drafting is not None:
        draft = drafting.versions.filter(status=VersionStatus.DRAFT).first()
        found["teacher"] = [("course compare", reverse("training:course_compare", args=[drafting.pk]))]
        if draft is not None:
            unit = draft.units.order_by("order").first()
            found["teacher"] += [
                ("course draft", reverse("training:course_version", args=[drafting.pk, draft.number])),
                ("course unit new", reverse("training:course_unit_create", args=[drafting.pk])),
                ("course chapter new", reverse("training:course_chapter_create", args=[drafting.pk])),
                ("course resources", reverse("training:course_resources", args=[drafting.pk])),
            ]
            if unit is not None:
                found["teacher"] += [("course unit edit", reverse("training:course_unit_edit", args=[unit.pk])),
                                     ("course case new", reverse("training:course_case_create", args=[unit.pk]))]
    flagged = Course.objects.filter(needs_review=True).first()
    if flagged is not None:
        found["school_admin"] += [("course flagged", reverse("training:course", args=[flagged.pk])),
                                  ("course edit", reverse("training:course_edit", args=[flagged.pk])),
                                  ("course retire", reverse("training:course_retire", args=[flagged.pk])),
                                  ("course new version", reverse("training:course_new_version", args=[flagged.pk]))]
    approved = Course.objects.filter(status=CourseStatus.APPROVED).first()
    if approved is not None:
        found["school_admin"] += [("course use", reverse("training:course_use", args=[approved.pk]))]
        found["student"] += [("course approved", reverse("training:course", args=[approved.pk]))]
    return found
