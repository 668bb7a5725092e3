"""The resources pages the accessibility test opens, from the demo data: demo login -> [(label, address)]."""

from django.urls import reverse


def pages() -> dict[str, list[tuple[str, str]]]:
    from training.models import TeachingResource

    found = {
        "student": [("resources", reverse("training:resources"))],
        "hr": [("resources filtered", reverse("training:resources") + "?kind=case"),
               ("resource new", reverse("training:resource_create"))],
    }
    own = TeachingResource.objects.filter(created_by__username="teacher").order_by("pk").first()
    if own is not None:
        found["teacher"] = [("resource", reverse("training:resource", args=[own.pk])),
                            ("resource edit", reverse("training:resource_edit", args=[own.pk])),
                            ("resource delete", reverse("training:resource_delete", args=[own.pk]))]
    return found
