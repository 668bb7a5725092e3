"""The governance rules in the security matrix: motions, votes and resolutions.

The world: a council (理事会) whose chair seat is the government's (officer), with seats of
enterprise A (member_a, principal) and of the school (teacher, principal); a discussion group
where only enterprise A holds a seat (member_a). The secretariat and the chair manage the
council's motions; every governance user reads council motions and the resolution register;
a discussion-group motion is read by A's people (seat holder and administrator), the officer and
the secretariat; a draft only by those who manage it. Seat holders vote for their own seats and
declare conflicts for them; the secretariat discloses resolutions. Students find nothing."""

from datetime import timedelta

from django.utils import timezone

from consortium.governance.models import (
    Body,
    BodyKind,
    Level,
    MatterKind,
    Motion,
    Recusal,
    Resolution,
    Seat,
    SeatRole,
    Vote,
    VotingMode,
)
from tests.matrix import api, page, personas, signed_in


def _body(code, name, kind):
    body, _created = Body.objects.get_or_create(code=code, defaults={
        "name": name, "kind": kind, "level": Level.DECISION})
    return body


def _seat(body, org, principal, role=SeatRole.MEMBER, weight=1):
    seat, _created = Seat.objects.get_or_create(body=body, organization=org, ended_at=None, defaults={
        "principal": principal, "role": role, "weight": weight, "term_start": timezone.localdate() - timedelta(days=10)})
    return seat


def _council(w):
    body = _body("矩票", "矩阵表决理事会", BodyKind.COUNCIL)
    _seat(body, w.orgs["government"], w.users["officer"], SeatRole.CHAIR, 2)
    _seat(body, w.orgs["org_a"], w.users["member_a"])
    _seat(body, w.orgs["school"], w.users["teacher"])
    return body


def _group(w):
    body = _body("矩议", "矩阵表决议事组", BodyKind.DISCUSSION_GROUP)
    _seat(body, w.orgs["government"], w.users["officer"], SeatRole.CHAIR)
    _seat(body, w.orgs["org_a"], w.users["member_a"])
    return body


def _motion(w, body, title, *, open_it=True):
    from consortium.governance.services import votes as services

    motion = Motion.objects.filter(body=body, title=title).first()
    if motion is None:
        motion = services.propose_motion(
            actor=w.users["secretariat"], body=body, title=title, text="矩阵测试动议。", matter=MatterKind.GENERAL,
            mode=VotingMode.WRITTEN, deadline=timezone.now() + timedelta(days=3))
        if open_it:
            motion = services.open_voting(actor=w.users["secretariat"], motion=motion)
    return motion


def _resolution(w) -> Resolution:
    from consortium.governance import access as base
    from consortium.governance.services import votes as services

    resolution = Resolution.objects.filter(body__code="矩票").first()
    if resolution is None:
        body = _council(w)
        motion = _motion(w, body, "矩阵已通过动议")
        for persona in ("officer", "member_a"):
            user = w.users[persona]
            base.forget_seats(user)
            services.cast_vote(actor=user, motion=motion, seat=Seat.objects.get(body=body, principal=user),
                               choice="for")
        resolution = services.close_motion(actor=w.users["secretariat"], motion=motion).resolution
    return resolution


def with_council(w, t):
    _council(w)
    return {}


def open_motion(w, t):
    return {"pk": _motion(w, _council(w), "矩阵动议").pk}


def draft_motion(w, t):
    return {"pk": _motion(w, _council(w), "矩阵草案", open_it=False).pk}


def group_motion(w, t):
    return {"pk": _motion(w, _group(w), "矩阵议事组动议").pk}


def closing(w, t):
    return {**open_motion(w, t), "action": "close"}


def a_resolution(w, t):
    return {"pk": _resolution(w).pk}


def a_vote(w, t):
    return {"pk": Vote.objects.filter(motion=_resolution(w).motion).order_by("pk").first().pk}


def csv_export(w, t):
    _resolution(w)
    return {"fmt": "csv"}


def motions(w, t):
    return list(Motion.objects.values_list("pk", "status"))


def votes(w, t):
    return list(Vote.objects.values_list("pk", "seat_id", "choice"))


def recusals(w, t):
    return list(Recusal.objects.values_list("pk", "seat_id"))


def disclosure(w, t):
    return list(Resolution.objects.values_list("pk", "is_public"))


GOVERNANCE = personas(200, anonymous=302, student=404)
MANAGERS = personas(404, anonymous=302, secretariat=200, officer=200)
SEAT_HOLDERS = personas(404, anonymous=302, member_a=200, teacher=200, officer=200, secretariat=200)
API_READERS = personas(200, anonymous=401, student=404)

RULES = {
    "governance:motions": (page(expect={"any": GOVERNANCE}),),
    "governance:motion_create": (
        page(kwargs=with_council, expect={"any": MANAGERS}),
        page(kwargs=with_council, method="post", data={"title": ""}, state=motions, expect={"any": MANAGERS}),
    ),
    "governance:motion": (
        page(kwargs=open_motion, expect={"any": GOVERNANCE}),
        page(kwargs=draft_motion, expect={"any": MANAGERS}),
        page(kwargs=group_motion, expect={"any": personas(404, anonymous=302, member_a=200, admin_a=200,
                                                          officer=200, secretariat=200)}),
    ),
    "governance:motion_vote": (
        page(kwargs=open_motion, expect={"any": personas(405, anonymous=302)}),
        page(kwargs=open_motion, method="post", data={"seat": "", "choice": "for"}, state=votes,
             expect={"any": personas(404, anonymous=302, member_a=302, teacher=302, officer=302)}),
    ),
    "governance:motion_recuse": (
        page(kwargs=open_motion, expect={"any": SEAT_HOLDERS}),
        page(kwargs=open_motion, method="post", data={"seat": "", "reason": ""}, state=recusals,
             expect={"any": SEAT_HOLDERS}),
    ),
    "governance:motion_action": (
        page(kwargs=closing, expect={"any": MANAGERS}),
        page(kwargs=closing, method="post", state=motions,
             expect={"any": personas(404, anonymous=302, secretariat=302, officer=302)}),
    ),
    "governance:resolutions": (page(expect={"any": GOVERNANCE}),),
    "governance:resolutions_export": (page(kwargs=csv_export, expect={"any": GOVERNANCE}),),
    "governance:resolution": (page(kwargs=a_resolution, expect={"any": GOVERNANCE}),),
    "governance:resolution_disclose": (
        page(kwargs=a_resolution, expect={"any": personas(404, anonymous=302, secretariat=200)}),
        page(kwargs=a_resolution, method="post", state=disclosure,
             expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "governance-motion-list": (api(expect={"any": signed_in(200, anonymous=401)}),),
    "governance-motion-detail": (
        api(kwargs=open_motion, expect={"any": API_READERS}),
        api(kwargs=group_motion, expect={"any": personas(404, anonymous=401, member_a=200, admin_a=200, officer=200,
                                                         secretariat=200)}),
    ),
    "governance-vote-list": (
        api(expect={"any": signed_in(200, anonymous=401)}),
        api(method="post", data={"motion": 999999, "seat": 999999, "choice": "for"}, state=votes,
            expect={"any": signed_in(404, anonymous=401)}),
    ),
    "governance-vote-detail": (api(kwargs=a_vote, expect={"any": API_READERS}),),
    "governance-resolution-list": (api(expect={"any": signed_in(200, anonymous=401)}),),
    "governance-resolution-detail": (api(kwargs=a_resolution, expect={"any": API_READERS}),),
}
