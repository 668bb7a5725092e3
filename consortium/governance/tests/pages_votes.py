"""The votes pages the accessibility test opens, from the demo data (demo/votes.py): demo login ->
[(label, address)]."""

from django.urls import reverse


def pages() -> dict[str, list[tuple[str, str]]]:
    from consortium.governance.models import Motion, MotionStatus, Resolution

    open_vote = Motion.objects.filter(status=MotionStatus.OPEN, body__code="理").order_by("pk").first()
    rejected = Motion.objects.filter(status=MotionStatus.REJECTED).order_by("pk").first()
    recused = Motion.objects.filter(recusals__isnull=False).order_by("pk").first()
    resolution = Resolution.objects.filter(body__code="理").order_by("number").first()
    assert open_vote and rejected and recused and resolution, "the demo's motions and resolutions"
    return {
        "council": [("motions and votes due", reverse("governance:motions")),
                    ("open motion with my vote form", reverse("governance:motion", args=[open_vote.pk])),
                    ("declare a conflict", reverse("governance:motion_recuse", args=[open_vote.pk])),
                    ("resolution register", reverse("governance:resolutions")),
                    ("resolution register filtered", reverse("governance:resolutions") + "?q=计划&matter=plan"),
                    ("resolution", reverse("governance:resolution", args=[resolution.pk]))],
        "school_admin": [("motion with a recusal", reverse("governance:motion", args=[recused.pk]))],
        "secretariat": [("propose a motion", reverse("governance:motion_create")),
                        ("live count", reverse("governance:motion", args=[open_vote.pk])),
                        ("close the vote", reverse("governance:motion_action", args=[open_vote.pk, "close"])),
                        ("rejected motion", reverse("governance:motion", args=[rejected.pk])),
                        ("disclose", reverse("governance:resolution_disclose", args=[resolution.pk]))],
    }
