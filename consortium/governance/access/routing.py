"""Who may do what with routed matters (built on the base rules in access/__init__.py).

The secretariat opens matters, sees them all, puts them to the vote, records their execution
and the governance settings. The people of an organisation holding a current seat in a body the
matter has passed through (or is at) follow it; a representative of a seat in the body where the
matter is now records that body's outcome and forwards it."""

from django.db.models import Exists, OuterRef

from consortium.governance import access
from consortium.governance.models import Matter, MatterStatus, MatterStep, Seat


def can_manage_matters(user) -> bool:
    return access.is_secretariat(user)


def matters_for(user, qs=None):
    qs = Matter.objects.all() if qs is None else qs
    if not access.can_use_governance(user):
        return qs.none()
    if access.is_secretariat(user):
        return qs
    orgs = access.organization_ids(user)
    if not orgs:
        return qs.none()
    seated = Seat.objects.current().filter(organization__in=orgs, body=OuterRef("body"))
    steps = MatterStep.objects.filter(matter=OuterRef("pk")).filter(Exists(seated))
    return qs.filter(Exists(steps))


def can_forward(user, matter: Matter) -> bool:
    """The body where the matter is drafts or reviews it: its representatives, or the secretariat."""
    step = matter.current_step
    if matter.status != MatterStatus.IN_PROGRESS or step is None or step.action == "decide":
        return False
    if access.is_secretariat(user):
        return True
    return step.body_id is not None and Seat.objects.filter(pk__in=access.seat_ids(user),
                                                            body_id=step.body_id).exists()
