"""Governance demo data: minutes (idempotent). The council's past held meeting (the meetings part's;
one is made here when there is none) gets minutes: version 1 drafted, approved by the council's vote
and public, and a correction, version 2, drafted with a council representative's comment on it."""

from datetime import timedelta

from django.utils import timezone

from consortium.governance.models import (
    Attendance,
    BodyKind,
    Meeting,
    MeetingSeat,
    MeetingStatus,
    Minutes,
    MinutesVersion,
)
from consortium.governance.services import minutes as services
from members.models import User

FALLBACK_TITLE = "理事会第一次全体会议"


def held_meeting(council) -> Meeting:
    meeting = (Meeting.objects.filter(body=council, status=MeetingStatus.HELD).order_by("starts_at").first())
    if meeting is None:
        start = (timezone.now() - timedelta(days=30)).replace(hour=9, minute=0, second=0, microsecond=0)
        meeting = Meeting.objects.create(body=council, title=FALLBACK_TITLE, starts_at=start,
                                         ends_at=start + timedelta(hours=3), location="常州市教育局三楼会议室",
                                         status=MeetingStatus.HELD)
        for seat in council.seats.current():
            MeetingSeat.objects.create(meeting=meeting, seat=seat, attendance=Attendance.PRINCIPAL)
    return meeting


def adopt(version: MinutesVersion, actor) -> None:
    """The council's written vote on the version, passed by every seat: adoption locks the version."""
    from consortium.governance.demo.votes import pass_by_every_seat

    motion = services.version_put_to_vote(actor=actor, version=version, deadline=timezone.now() + timedelta(days=7))
    pass_by_every_seat(motion, actor)


def seed(context) -> None:
    bodies = context.get("governance_bodies") or {}
    council = bodies.get("理")
    secretariat = User.objects.filter(username="secretariat").first()
    if council is None or council.kind != BodyKind.COUNCIL or secretariat is None:
        return
    meeting = held_meeting(council)
    if Minutes.objects.filter(meeting=meeting).exists():
        return
    minutes = services.minutes_draft(actor=secretariat, meeting=meeting)
    v1 = minutes.versions.get()
    services.version_edit(actor=secretariat, version=v1, text=v1.text + (
        "会议听取了秘书处关于联合体年度工作的报告，审议通过年度工作计划，"
        "同意由秘书处牵头推进智能制造产业学院建设。"))
    adopt(v1, secretariat)
    services.minutes_set_public(actor=secretariat, minutes=minutes, public=True)
    v2 = services.correction_start(actor=secretariat, minutes=minutes)
    services.version_edit(actor=secretariat, version=v2, text=v2.text.replace(
        "同意由秘书处牵头", "同意由秘书处会同常州智造职业技术学院牵头"))
    council_rep = User.objects.filter(username="council").first()
    if council_rep is not None:
        services.comment_add(actor=council_rep, version=v2,
                             text="更正内容与会议记录一致，同意提交理事会审议。")
