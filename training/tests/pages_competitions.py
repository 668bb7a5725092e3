"""The competitions pages the accessibility test opens, from the demo data: demo login -> [(label, address)]."""

from django.urls import reverse


def pages() -> dict[str, list[tuple[str, str]]]:
    from training.models import Competition, CompetitionLevel

    found = {
        "secretariat": [("competitions", reverse("training:competitions")),
                        ("competition new", reverse("training:competition_create"))],
        "student": [("my competitions", reverse("training:my_competitions"))],
        "hr": [("competitions filtered", reverse("training:competitions") + "?level=2")],
    }
    city = Competition.objects.filter(level=CompetitionLevel.CITY, results_published_at__isnull=False).first()
    if city is not None:
        found["student"].append(("competition with results", reverse("training:competition", args=[city.pk])))
        found["council"] = [("competition results public", reverse("training:competition", args=[city.pk]))]
    school = Competition.objects.filter(level=CompetitionLevel.SCHOOL, results_published_at__isnull=True).first()
    if school is not None:
        category = school.categories.order_by("name").first()
        found["school_admin"] = [("competition school level", reverse("training:competition", args=[school.pk])),
                                 ("competition category new",
                                  reverse("training:competition_category_create", args=[school.pk]))]
        if category is not None:
            found["teacher"] = [("competition team register",
                                 reverse("training:competition_team_register", args=[category.pk]))]
    return found
