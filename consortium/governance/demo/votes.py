"""Governance demo data: motions, votes and resolutions of the council (idempotent, through the
services). Motions go on the agenda items of the council's meetings when the meetings part made
some, else they are written votes. The council sees three adopted resolutions (2026-理-001…, one
public, one with a declared conflict of interest), a rejected motion, and an open written vote on a
charter change where ``council`` and ``school_admin`` still have to vote (``admin_bachelor`` has)."""

from datetime import timedelta

from django.utils import timezone

from consortium.governance import access as base
from consortium.governance.models import AgendaItem, MatterKind, Motion, MotionStatus, Seat, VotingMode
from consortium.governance.services import votes as services
from members.models import User

# title, matter, {user name: choice}, recused user name and reason, public
DECIDED = [
    ("2026年度联合体工作计划", MatterKind.PLAN,
     {"officer": "for", "council": "for", "school_admin": "for", "admin_bachelor": "abstain"}, None, True),
    ("智能制造产业学院建设项目立项", MatterKind.PROJECT,
     {"officer": "for", "school_admin": "for", "admin_bachelor": "against"},
     ("council", "恒远精密是该产业学院的共建企业，存在利益关联。"), False),
    ("理事会议事规则", MatterKind.GENERAL,
     {"officer": "for", "council": "for", "school_admin": "against"}, None, False),
    ("取消年度职业技能大赛", MatterKind.GENERAL,
     {"officer": "against", "council": "for", "school_admin": "against", "admin_bachelor": "against"}, None, False),
]
OPEN_TITLE = "章程修订：增设副理事长单位"
TEXT = "提请理事会审议：{title}。具体方案见会议材料。"


def _vote(motion, users, username, choice):
    user = users[username]
    base.forget_seats(user)
    seat = Seat.objects.current().get(body=motion.body, principal=user)
    services.cast_vote(actor=user, motion=motion, seat=seat, choice=choice)


def seed(context) -> None:
    council = context.get("governance_bodies", {}).get("理")
    users = {u.username: u for u in User.objects.filter(
        username__in=["secretariat", "officer", "council", "school_admin", "admin_bachelor"])}
    if council is None or len(users) < 5:
        return
    secretariat = users["secretariat"]
    items = list(AgendaItem.objects.filter(meeting__body=council).exclude(motions__isnull=False)
                 .order_by("meeting__starts_at", "position"))
    for title, matter, choices, recusal, public in DECIDED:
        if Motion.objects.filter(body=council, title=title).exists():
            continue
        item = items.pop(0) if items else None
        motion = services.propose_motion(
            actor=secretariat, body=council, title=title, text=TEXT.format(title=title), matter=matter,
            agenda_item=item, mode=VotingMode.MEETING if item else VotingMode.WRITTEN,
            deadline=None if item else timezone.now() + timedelta(days=7))
        motion = services.open_voting(actor=secretariat, motion=motion)
        if recusal:
            username, reason = recusal
            services.declare_conflict(actor=users[username], motion=motion, reason=reason,
                                      seat=Seat.objects.current().get(body=council, principal=users[username]))
        for username, choice in choices.items():
            _vote(motion, users, username, choice)
        # The council's other seats vote with the majority of the named ones.
        majority = max(("for", "against"), key=lambda c: sum(v == c for v in choices.values()))
        named = set(choices) | ({recusal[0]} if recusal else set())
        for seat in Seat.objects.current().filter(body=council).exclude(principal__username__in=named).select_related("principal"):
            base.forget_seats(seat.principal)
            services.cast_vote(actor=seat.principal, motion=motion, seat=seat, choice=majority)
        motion = services.close_motion(actor=secretariat, motion=motion)
        if public and motion.status == MotionStatus.ADOPTED:
            services.set_resolution_public(actor=secretariat, resolution=motion.resolution, public=True)
    if not Motion.objects.filter(body=council, title=OPEN_TITLE).exists():
        motion = services.propose_motion(
            actor=secretariat, body=council, title=OPEN_TITLE, text=TEXT.format(title=OPEN_TITLE),
            matter=MatterKind.CHARTER, mode=VotingMode.WRITTEN, deadline=timezone.now() + timedelta(days=10))
        motion = services.open_voting(actor=secretariat, motion=motion)
        _vote(motion, users, "admin_bachelor", "for")


def pass_by_every_seat(motion, actor) -> Motion:
    """The demo's way a motion another part puts to the body passes: every current seat's principal
    votes for it, and the secretariat closes the vote (the resolution and log entry follow)."""
    for seat in Seat.objects.current().filter(body=motion.body).select_related("principal"):
        base.forget_seats(seat.principal)
        services.cast_vote(actor=seat.principal, motion=motion, seat=seat, choice="for")
    return services.close_motion(actor=actor, motion=motion)
