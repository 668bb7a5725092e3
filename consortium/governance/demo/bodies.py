"""Governance demo data: the governing bodies and their seats (idempotent)."""

from django.utils import timezone

from consortium.governance.models import Body, BodyKind, Level, QuorumRule, Seat, SeatRole
from members.models import User

BODIES = [
    # name, English name, kind, level, mark, quorum
    ("常州市域产教联合体理事会", "Council of the Changzhou Industry–Education Consortium", BodyKind.COUNCIL,
     Level.DECISION, "理", QuorumRule.MORE_THAN_HALF),
    ("指导委员会", "Steering committee", BodyKind.STEERING, Level.DECISION, "指", QuorumRule.TWO_THIRDS),
    ("议事组", "Discussion group", BodyKind.DISCUSSION_GROUP, Level.COORDINATION, "议", QuorumRule.MORE_THAN_HALF),
    ("评估办公室", "Assessment office", BodyKind.ASSESSMENT_OFFICE, Level.COORDINATION, "评", QuorumRule.MORE_THAN_HALF),
]
# body mark, organisation key, principal, alternate, office, weight
SEATS = [
    ("理", "park", "officer", None, SeatRole.CHAIR, 2),
    ("理", "hengyuan", "council", "hr", SeatRole.VICE_CHAIR, 1),
    ("理", "college", "school_admin", "teacher", SeatRole.VICE_CHAIR, 1),
    ("理", "bachelor", "admin_bachelor", None, SeatRole.MEMBER, 1),
    ("议", "hengyuan", "council", None, SeatRole.CHAIR, 1),
    ("议", "college", "school_admin", None, SeatRole.MEMBER, 1),
    ("评", "park", "officer", None, SeatRole.CHAIR, 1),
]


def seed(context) -> None:
    bodies = {}
    for name, name_en, kind, level, mark, quorum in BODIES:
        bodies[mark], _created = Body.objects.get_or_create(
            code=mark, defaults={"name": name, "name_en": name_en, "kind": kind, "level": level, "quorum_rule": quorum})
    orgs = context["organizations"]
    users = {u.username: u for u in User.objects.filter(username__in={s[2] for s in SEATS} | {s[3] for s in SEATS if s[3]})}
    start = timezone.localdate().replace(month=1, day=1)
    for mark, org_key, principal, alternate, role, weight in SEATS:
        if principal not in users:
            continue
        Seat.objects.get_or_create(
            body=bodies[mark], organization=orgs[org_key], ended_at=None,
            defaults={"principal": users[principal], "alternate": users.get(alternate), "role": role,
                      "weight": weight, "term_start": start, "term_end": start.replace(year=start.year + 3)})
    context["governance_bodies"] = bodies
