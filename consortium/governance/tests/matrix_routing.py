"""The governance rules in the security matrix: routing of matters.

The secretariat opens, puts to the vote, records the execution of and withdraws matters, and keeps
the governance settings. The people of an organisation seated in a body on a matter's path follow
it, and the representatives of the body where it is forward it (here enterprise B's working body:
admin_b the principal, outsider the alternate); everyone else finds nothing."""

from consortium.governance.models import GovernanceSettings, Matter, MatterStep, StepAction
from consortium.governance.tests.matrix_minutes import SECRETARIAT_ONLY, SECRETARIAT_WRITES, body_b
from tests.matrix import api, page, personas

SEATED_B = personas(404, anonymous=302, admin_b=200, outsider=200, secretariat=200)


def _matter(w) -> Matter:
    from django.utils import timezone

    matter = Matter.objects.filter(title="矩阵事项").first()
    if matter is None:
        matter = Matter.objects.create(title="矩阵事项", description="矩阵事项说明")
        step = MatterStep.objects.create(matter=matter, position=1, body=body_b(w), level=body_b(w).level,
                                         action=StepAction.DRAFT, entered_on=timezone.localdate())
        matter.current_step = step
        matter.save(update_fields=["current_step"])
    return matter


def a_matter(w, t):
    return {"pk": _matter(w).pk}


def matters(w, t):
    return list(Matter.objects.values_list("pk", "status", "current_step")) + list(
        MatterStep.objects.values_list("pk", "outcome", "decided_on"))


def the_settings(w, t):
    return list(GovernanceSettings.objects.values_list("admission_needs_council_vote"))


RULES = {
    "governance:matters": (page(expect={"any": personas(200, anonymous=302, student=404)}),),
    "governance:matter_create": (
        page(expect={"any": SECRETARIAT_ONLY}),
        page(method="post", data={"title": ""}, state=matters, expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance:routing_settings": (
        page(expect={"any": SECRETARIAT_ONLY}),
        page(method="post", data={"admission_needs_council_vote": "on"}, state=the_settings,
             expect={"any": SECRETARIAT_WRITES}),
    ),
    "governance:matter": (page(kwargs=a_matter, expect={"any": SEATED_B}),),
    "governance:matter_forward": (
        page(kwargs=a_matter, expect={"any": SEATED_B}),
        page(kwargs=a_matter, method="post", data={}, state=matters, expect={"any": SEATED_B}),
    ),
    "governance:matter_vote": (
        page(kwargs=a_matter, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_matter, method="post", data={}, state=matters, expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance:matter_execute": (
        page(kwargs=a_matter, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_matter, method="post", data={}, state=matters, expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance:matter_withdraw": (
        page(kwargs=a_matter, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_matter, method="post", data={"reason": "合并处理"}, state=matters,
             expect={"any": SECRETARIAT_WRITES}),
    ),
    "governance-matter-list": (api(expect={"any": personas(200, anonymous=401)}),),
    "governance-matter-detail": (api(kwargs=a_matter, expect={"any": personas(404, anonymous=401, admin_b=200,
                                                                              outsider=200, secretariat=200)}),),
}
