"""The projects pages the accessibility test opens, from the demo data: demo login -> [(label, address)]."""

from django.urls import reverse


def pages() -> dict[str, list[tuple[str, str]]]:
    from consortium.governance.models import Project

    college = Project.objects.filter(code="CJ-2026-01").first()
    proposed = Project.objects.filter(code="PX-2026-04").first()
    if college is None or proposed is None:
        return {}
    partner = college.partners.first()
    return {
        "secretariat": [
            ("projects", reverse("governance:projects")),
            ("projects filtered", reverse("governance:projects") + "?kind=industry_college&q=产业学院"),
            ("project new", reverse("governance:project_create")),
            ("project", reverse("governance:project", args=[college.pk])),
            ("project edit", reverse("governance:project_edit", args=[college.pk])),
            ("project approval", reverse("governance:project_approval", args=[proposed.pk])),
            ("project partners", reverse("governance:project_partners", args=[college.pk])),
            ("project partner remove", reverse("governance:project_partner_remove", args=[college.pk, partner.pk])),
            ("budget line new", reverse("governance:project_line_create", args=[college.pk])),
            ("milestone new", reverse("governance:project_milestone_create", args=[college.pk])),
            ("project assessment", reverse("governance:project_assess", args=[college.pk])),
        ],
        "school_admin": [
            ("projects I take part in", reverse("governance:projects_mine")),
            ("project (partner)", reverse("governance:project", args=[college.pk])),
            ("expense new", reverse("governance:project_expense_create", args=[college.pk])),
        ],
        "officer": [("proposed project", reverse("governance:project", args=[proposed.pk]))],
    }
