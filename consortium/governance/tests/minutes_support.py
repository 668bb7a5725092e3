"""What the minutes and routing tests build on: a council with seats, a held meeting, and the votes
contract (``services.votes.propose_motion`` / ``open_voting``, and a motion's decision announced by
``events.motion_decided``).

Until the votes part is merged beside this one, ``votes_contract`` gives ``services.votes`` the two
functions with the contract's signatures, creating real motions; once merged, the real ones are used.
``decide`` closes a motion the way ``services.votes`` does: status set, then ``motion_decided``."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consortium.governance.events import motion_decided
from consortium.governance.models import (
    RULE_OF_MATTER,
    Attendance,
    Body,
    BodyKind,
    Level,
    Meeting,
    MeetingSeat,
    MeetingStatus,
    Motion,
    MotionStatus,
    Seat,
)
from consortium.governance.services import votes as votes_services


def _propose_motion(*, actor, body, title, text, matter, subject=None, mode, deadline=None, agenda_item=None):
    motion = Motion(body=body, title=title, text=text, matter=matter, rule=RULE_OF_MATTER[matter], mode=mode,
                    deadline=deadline, proposed_by=actor, agenda_item=agenda_item)
    if subject is not None:
        motion.subject = subject
    motion.save()
    return motion


def _open_voting(*, actor, motion):
    motion.status, motion.opened_at = MotionStatus.OPEN, timezone.now()
    motion.save(update_fields=["status", "opened_at"])
    return motion


@pytest.fixture
def votes_contract(monkeypatch):
    if not hasattr(votes_services, "propose_motion"):
        monkeypatch.setattr(votes_services, "propose_motion", _propose_motion, raising=False)
        monkeypatch.setattr(votes_services, "open_voting", _open_voting, raising=False)


def decide(motion: Motion, status: str = MotionStatus.ADOPTED) -> Motion:
    motion.refresh_from_db()
    motion.status, motion.closed_at = status, timezone.now()
    motion.for_weight, motion.against_weight, motion.abstain_weight = (3, 0, 0) if status == "adopted" else (0, 3, 0)
    motion.save()
    motion_decided.send(sender=Motion, motion=motion)
    return motion


def body(code="理", kind=BodyKind.COUNCIL, level=Level.DECISION, name=None) -> Body:
    found, _created = Body.objects.get_or_create(
        code=code, defaults={"name": name or f"测试{code}", "name_en": f"Test body {code}", "kind": kind,
                             "level": level})
    return found


def seat(body: Body, organization, principal, alternate=None) -> Seat:
    return Seat.objects.create(body=body, organization=organization, principal=principal, alternate=alternate,
                               term_start=timezone.localdate() - timedelta(days=30))


def held_meeting(body: Body, *, title="第一次理事会会议") -> Meeting:
    start = timezone.now() - timedelta(days=7)
    meeting = Meeting.objects.create(body=body, title=title, starts_at=start, ends_at=start + timedelta(hours=2),
                                     location="第一会议室", status=MeetingStatus.HELD)
    for s in body.seats.current():
        MeetingSeat.objects.create(meeting=meeting, seat=s, attendance=Attendance.PRINCIPAL)
    return meeting


def in_a_week():
    return timezone.now() + timedelta(days=7)
