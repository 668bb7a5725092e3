"""The pathways pages the accessibility test opens, from the demo data: demo login -> [(label, address)]."""

from django.urls import reverse


def pages() -> dict[str, list[tuple[str, str]]]:
    from training.models import Pathway, PathwayEnrolment, PathwayStatus, StageResult

    found = {
        "school_admin": [("pathway list", reverse("training:pathways")),
                         ("pathway incoming", reverse("training:pathway_incoming")),
                         ("pathway students", reverse("training:pathway_enrolments") + "?outcome=passed")],
        "secretariat": [("pathway new", reverse("training:pathway_create"))],
        "teacher": [("pathway incoming filtered", reverse("training:pathway_incoming") + "?outcome=failed")],
        "student": [("pathway students own", reverse("training:pathway_enrolments"))],
    }
    active = Pathway.objects.filter(status=PathwayStatus.ACTIVE).order_by("pk").first()
    if active is not None:
        found["school_admin"].append(("pathway detail", reverse("training:pathway", args=[active.pk])))
        found["secretariat"].append(("pathway enrol", reverse("training:pathway_enrol", args=[active.pk])))
        found["student"].append(("pathway detail own", reverse("training:pathway", args=[active.pk])))
    pending = Pathway.objects.filter(status=PathwayStatus.PENDING).order_by("pk").first()
    if pending is not None:
        found["school_admin"].append(("pathway confirm", reverse("training:pathway_confirm", args=[pending.pk])))
        found["secretariat"].append(("pathway stage edit", reverse("training:pathway_stage_edit",
                                                                   args=[pending.stages.get(order=1).pk])))
    passed = StageResult.objects.filter(passed=True, transferred_at__isnull=True, enrolment__stage__order=1).first()
    if passed is not None:
        found["school_admin"] += [
            ("pathway student incoming", reverse("training:pathway_enrolment", args=[passed.enrolment_id])),
            ("pathway transfer", reverse("training:pathway_transfer", args=[passed.enrolment_id]))]
    mine = PathwayEnrolment.objects.filter(student__username="student").first()
    if mine is not None:
        found["student"].append(("pathway results own", reverse("training:pathway_enrolment", args=[mine.pk])))
        found["school_admin"].append(("pathway result entry", reverse("training:pathway_result", args=[mine.pk])))
    return found
