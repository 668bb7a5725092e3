"""What the meetings tests build on: a council of three seats (A's weighing 2, with an alternate;
B's; the school's) and a working group where A alone holds a seat, and meetings of them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consortium.governance.models import Body, BodyKind, Level, QuorumRule, Seat, SeatRole
from consortium.governance.services import meetings as services


def body(name="理事会", kind=BodyKind.COUNCIL, code="理", quorum=QuorumRule.MORE_THAN_HALF) -> Body:
    return Body.objects.create(name=name, kind=kind, level=Level.DECISION, code=code, quorum_rule=quorum)


def seat(of_body, organization, principal, alternate=None, *, weight=1, role=SeatRole.MEMBER) -> Seat:
    return Seat.objects.create(body=of_body, organization=organization, principal=principal, alternate=alternate,
                               weight=weight, role=role, term_start=timezone.localdate())


def later(days=7, hours=2):
    start = (timezone.now() + timedelta(days=days)).replace(microsecond=0, second=0)
    return start, start + timedelta(hours=hours)


@pytest.fixture
def council(org_a, org_b, school, member_a, admin_a, admin_b, teacher):
    c = body()
    seat(c, org_a, member_a, admin_a, weight=2, role=SeatRole.CHAIR)
    seat(c, org_b, admin_b)
    seat(c, school, teacher)
    return c


@pytest.fixture
def group(org_a, member_a):
    g = body("工作组", BodyKind.WORKING_GROUP, "工")
    seat(g, org_a, member_a)
    return g


@pytest.fixture
def meeting(council, secretariat):
    start, end = later()
    return services.meeting_schedule(actor=secretariat, body=council, title="第二次理事会会议", starts_at=start,
                                     ends_at=end, location="三楼会议室")


@pytest.fixture
def group_meeting(group, secretariat):
    start, end = later()
    return services.meeting_schedule(actor=secretariat, body=group, title="工作组例会", starts_at=start, ends_at=end)


def started(meeting):
    """Move the meeting so it began an hour ago (attendance is recorded from its start)."""
    from consortium.governance.models import Meeting

    start = timezone.now() - timedelta(hours=1)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=start, ends_at=start + timedelta(hours=2))
    meeting.refresh_from_db()
    return meeting
