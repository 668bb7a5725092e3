"""What the votes tests share: a council with weighted seats held by the personas' organisations,
a meeting with an agenda item, and helpers to propose, open and vote."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone

from consortium.governance.models import (
    AgendaItem,
    Attendance,
    Body,
    BodyKind,
    Level,
    MatterKind,
    Meeting,
    MeetingSeat,
    Motion,
    MotionStatus,
    QuorumRule,
    Resolution,
    Seat,
    SeatRole,
    VotingMode,
)
from consortium.governance.services import votes as services
from members.models import Role
from members.tests.factories import OrganizationFactory, person


@dataclass
class Council:
    body: Body
    chair: Seat  # the government's seat, weight 2: officer (principal)
    seat_a: Seat  # enterprise A: admin_a (principal), member_a (alternate)
    seat_school: Seat  # the school: teacher (principal)
    seat_c: Seat  # a third enterprise, weight 1
    meeting: Meeting
    item: AgendaItem


def make_body(*, name="测试理事会", code="测", kind=BodyKind.COUNCIL, quorum=QuorumRule.MORE_THAN_HALF) -> Body:
    return Body.objects.create(name=name, name_en="Test council", kind=kind, level=Level.DECISION, code=code,
                               quorum_rule=quorum)


def make_seat(body, organization, principal, *, alternate=None, role=SeatRole.MEMBER, weight=1) -> Seat:
    return Seat.objects.create(body=body, organization=organization, principal=principal, alternate=alternate,
                               role=role, weight=weight, term_start=timezone.localdate() - timedelta(days=30))


def make_meeting(body) -> tuple[Meeting, AgendaItem]:
    start = timezone.now() + timedelta(hours=1)
    meeting = Meeting.objects.create(body=body, title="第一次全体会议", starts_at=start, ends_at=start + timedelta(hours=2))
    return meeting, AgendaItem.objects.create(meeting=meeting, position=1, title="年度工作计划")


@pytest.fixture(name="council")
def council_fixture(government, org_a, school, officer, admin_a, member_a, teacher) -> Council:
    body = make_body()
    org_c = OrganizationFactory(name_zh="丙企业有限公司")
    chair = make_seat(body, government, officer, role=SeatRole.CHAIR, weight=2)
    seat_a = make_seat(body, org_a, admin_a, alternate=member_a)
    seat_school = make_seat(body, school, teacher)
    seat_c = make_seat(body, org_c, person(org_c, Role.ORG_ADMIN, username="admin_c"))
    meeting, item = make_meeting(body)
    for seat in (chair, seat_a, seat_school, seat_c):
        MeetingSeat.objects.create(meeting=meeting, seat=seat)
    return Council(body, chair, seat_a, seat_school, seat_c, meeting, item)


def propose(council: Council, actor, *, matter=MatterKind.GENERAL, written=False, open_it=True, title="年度工作计划"):
    if written:
        motion = services.propose_motion(actor=actor, body=council.body, title=title, text="同意年度工作计划。",
                                         matter=matter, mode=VotingMode.WRITTEN,
                                         deadline=timezone.now() + timedelta(days=3))
    else:
        motion = services.propose_motion(actor=actor, body=council.body, title=title, text="同意年度工作计划。",
                                         matter=matter, agenda_item=council.item)
    if open_it:
        motion = services.open_voting(actor=actor, motion=motion)
    return motion


def attend(council: Council, seat: Seat, attendance=Attendance.PRINCIPAL) -> None:
    MeetingSeat.objects.filter(meeting=council.meeting, seat=seat).update(attendance=attendance)


def register(body, n, *, year=2026, title="决议", matter="general"):
    """n adopted motions and their resolutions, written straight to the tables."""
    motions = Motion.objects.bulk_create([
        Motion(body=body, title=f"{title}{i}", text="正文", matter=matter, rule="votes_cast", mode="meeting",
               status=MotionStatus.ADOPTED, for_weight=3, against_weight=1, abstain_weight=0, seats_weight=5,
               recused_weight=0, present_weight=4, quorum_met=True) for i in range(n)])
    return Resolution.objects.bulk_create([
        Resolution(number=f"{year}-{body.code}-{i + 1:03d}", body=body, year=year, sequence=i + 1, motion=m,
                   title=m.title, text=m.text, adopted_on=date(year, 1 + i % 12, 1 + i % 28))
        for i, m in enumerate(motions)])
