"""The standards pages the accessibility test opens, from the demo data: demo login -> [(label, address)]."""

from django.urls import reverse


def pages() -> dict[str, list[tuple[str, str]]]:
    from training.models import Standard

    found = {
        "teacher": [("standards", reverse("training:standards"))],
        "student": [("standards filtered", reverse("training:standards") + "?kind=occupational&current=all")],
        "council": [("standard new", reverse("training:standard_create"))],
    }
    current = Standard.objects.filter(is_current=True, replaces__isnull=False).first()
    if current is not None:
        found["teacher"] += [("standard", reverse("training:standard", args=[current.pk])),
                             ("standard compare", reverse("training:standard_compare", args=[current.pk]))]
        found["secretariat"] = [("standard edit", reverse("training:standard_edit", args=[current.pk])),
                                ("standard new version", reverse("training:standard_new_version", args=[current.pk])),
                                ("competence new", reverse("training:competence_create", args=[current.pk]))]
        competence = current.competences.first()
        if competence is not None:
            found["secretariat"] += [("competence edit", reverse("training:competence_edit", args=[competence.pk])),
                                     ("competence delete", reverse("training:competence_delete",
                                                                   args=[competence.pk]))]
    return found
