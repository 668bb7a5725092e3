"""理事会事务 on the home page: what waits for each person in the demo consortium — the council
representative's meeting to answer and vote due, the enterprise's action items and credits — and
nothing for a student; the panel costs a fixed number of queries."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from members.models import User
from tests.fixtures import client_for
from tests.pages import part

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())


def _panel(username):
    home = client_for(User.objects.get(username=username)).get(reverse("home"))
    sections = part(home, "home-sections")
    return sections.text, sections.links


def test_the_council_representative_sees_what_waits_for_them(demo):
    text, links = _panel("council")
    assert "理事会事务" in text
    assert "待表决 1 项" in text  # the open written charter vote
    assert "逾期" in text  # 恒远精密's overdue action item
    assert "教育责任积分余额" in text
    assert reverse("governance:motions") in links and reverse("governance:actions_mine") in links


def test_a_vote_cast_leaves_the_panel(demo):
    from consortium.governance.models import Motion, MotionStatus, Seat
    from consortium.governance.services import votes

    council = User.objects.get(username="council")
    motion = Motion.objects.get(status=MotionStatus.OPEN, body__code="理")
    seat = Seat.objects.current().get(body=motion.body, principal=council)
    votes.cast_vote(actor=council, motion=motion, seat=seat, choice="for")
    text, _links = _panel("council")
    assert "待表决" not in text


def test_a_student_has_no_council_panel(demo):
    text, _links = _panel("student")
    assert "理事会事务" not in text


def test_the_panel_costs_the_same_queries_however_much_waits(demo, django_assert_max_num_queries):
    client = client_for(User.objects.get(username="council"))
    client.get(reverse("home"))
    with django_assert_max_num_queries(30):
        assert client.get(reverse("home")).status_code == 200
