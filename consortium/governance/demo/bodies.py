"""Governance demo data: the governing bodies and their seats, through the services as the
secretariat would set them up (idempotent). Holding a council seat makes the demo logins
``officer``, ``council``, ``school_admin``, ``hr``, ``teacher`` and ``admin_bachelor`` council
representatives; one earlier council seat has ended and shows in the seat history."""

from datetime import timedelta

from django.utils import timezone

from consortium.governance.models import Body, BodyKind, Level, QuorumRule, Seat, SeatRole
from consortium.governance.services import bodies as services
from members.models import OrganizationKind as K
from members.models import Role, User

BODIES = [
    # name, English name, kind, level, mark, quorum, quotas
    ("常州市域产教联合体理事会", "Council of the Changzhou Industry–Education Consortium", BodyKind.COUNCIL,
     Level.DECISION, "理", QuorumRule.MORE_THAN_HALF,
     {K.GOVERNMENT: 1, K.INDUSTRIAL_PARK: 1, K.ENTERPRISE: 4, K.HIGHER_VOCATIONAL: 1, K.SECONDARY_VOCATIONAL: 1,
      K.VOCATIONAL_BACHELOR: 1, K.RESEARCH_INSTITUTE: 1, K.INDUSTRY_ASSOCIATION: 1}),
    ("指导委员会", "Steering committee", BodyKind.STEERING, Level.DECISION, "指", QuorumRule.TWO_THIRDS,
     {K.GOVERNMENT: 1, K.INDUSTRIAL_PARK: 1, K.INDUSTRY_ASSOCIATION: 1}),
    ("议事组", "Discussion group", BodyKind.DISCUSSION_GROUP, Level.COORDINATION, "议", QuorumRule.MORE_THAN_HALF, {}),
    ("评估办公室", "Assessment office", BodyKind.ASSESSMENT_OFFICE, Level.COORDINATION, "评", QuorumRule.MORE_THAN_HALF,
     {}),
]
# body mark, organisation key, principal, alternate, office, weight
SEATS = [
    ("理", "park", "officer", None, SeatRole.CHAIR, 2),
    ("理", "hengyuan", "council", "hr", SeatRole.VICE_CHAIR, 1),
    ("理", "college", "school_admin", "teacher", SeatRole.VICE_CHAIR, 1),
    ("理", "bachelor", "admin_bachelor", None, SeatRole.MEMBER, 1),
    ("理", "secondary", "admin_secondary", None, SeatRole.MEMBER, 1),
    ("理", "xinghe", "admin_xinghe", None, SeatRole.MEMBER, 1),
    ("理", "institute", "admin_institute", None, SeatRole.MEMBER, 1),
    ("指", "edu_bureau", "admin_edu_bureau", None, SeatRole.CHAIR, 1),
    ("指", "park", "officer", None, SeatRole.MEMBER, 1),
    ("指", "association", "admin_association", None, SeatRole.MEMBER, 1),
    ("议", "hengyuan", "council", None, SeatRole.CHAIR, 1),
    ("议", "college", "school_admin", None, SeatRole.MEMBER, 1),
    ("议", "kangning", "admin_kangning", None, SeatRole.MEMBER, 1),
    ("评", "park", "officer", None, SeatRole.CHAIR, 1),
]
# A seat of the first term that has ended: (mark, organisation key, principal, reason).
ENDED = [("理", "xinyuan", "admin_xinyuan", "第一届理事会任期届满，该单位未再当选")]


def _secretariat() -> User | None:
    return User.objects.filter(memberships__role=Role.SECRETARIAT, memberships__ended_at__isnull=True,
                               username="secretariat").first()


def seed(context) -> None:
    actor = _secretariat()
    orgs = context["organizations"]
    bodies = {}
    for name, name_en, kind, level, mark, quorum, quotas in BODIES:
        body = Body.objects.filter(code=mark).first()
        if body is None:
            body = services.create_body(actor=actor, name=name, name_en=name_en, kind=kind, level=level, code=mark,
                                        quorum_rule=quorum, quotas=quotas)
        bodies[mark] = body
    wanted = {s[2] for s in SEATS} | {s[3] for s in SEATS if s[3]} | {e[2] for e in ENDED}
    users = {u.username: u for u in User.objects.filter(username__in=wanted)}
    start = timezone.localdate().replace(month=1, day=1)
    end = start.replace(year=start.year + 3) - timedelta(days=1)
    for mark, org_key, principal, reason in ENDED:
        body, organization = bodies[mark], orgs[org_key]
        if principal in users and not Seat.objects.filter(body=body, organization=organization).exists():
            earlier = start.replace(year=start.year - 3)
            seat = services.appoint_seat(actor=actor, body=body, organization=organization, principal=users[principal],
                                         term_start=earlier, term_end=start - timedelta(days=1))
            services.end_seat(actor=actor, seat=seat, reason=reason)
    for mark, org_key, principal, alternate, role, weight in SEATS:
        body, organization = bodies[mark], orgs[org_key]
        if principal not in users or Seat.objects.current().filter(body=body, organization=organization).exists():
            continue
        services.appoint_seat(actor=actor, body=body, organization=organization, principal=users[principal],
                              alternate=users.get(alternate), role=role, weight=weight, term_start=start,
                              term_end=end)
    context["governance_bodies"] = bodies
