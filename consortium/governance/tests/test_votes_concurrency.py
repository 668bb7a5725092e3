"""Two votes at the same moment, on PostgreSQL with real transactions: both seats' votes are
kept; the same seat voting twice at once keeps one vote; a vote racing the close either lands
before the count or is refused; two closings of a body's motions never take the same number.
Also: closing a motion of a 200-seat council (with recusals) stays fast."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from consortium.governance import access as base
from consortium.governance.models import Attendance, MeetingSeat, Motion, MotionStatus, Recusal, Resolution, Vote
from consortium.governance.services import votes as services
from consortium.governance.tests.votes_support import (  # noqa: F401
    attend, council_fixture, make_body, make_meeting, make_seat, propose,
)
from members.models import Role
from members.tests.factories import OrganizationFactory, person


def in_threads(*calls):
    """Run the calls at once, each in its own thread and connection; their results or errors."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as error:  # noqa: BLE001 — the test inspects what each call raised
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def voter(user, motion, seat, choice):
    def call():
        base.forget_seats(user)
        return services.cast_vote(actor=user, motion=motion, seat=seat, choice=choice)
    return call


@pytest.mark.django_db(transaction=True)
def test_two_seats_voting_at_once_both_count(council, secretariat, admin_a, teacher):
    motion = propose(council, secretariat)
    results = in_threads(voter(admin_a, motion, council.seat_a, "for"), voter(teacher, motion, council.seat_school, "against"))
    assert all(isinstance(r, Vote) for r in results), results
    assert Vote.objects.filter(motion=motion).count() == 2


@pytest.mark.django_db(transaction=True)
def test_principal_and_alternate_voting_at_once_leave_one_vote(council, secretariat, admin_a, member_a):
    motion = propose(council, secretariat)
    attend(council, council.seat_a, Attendance.ALTERNATE)
    results = in_threads(voter(admin_a, motion, council.seat_a, "for"), voter(member_a, motion, council.seat_a, "against"))
    assert all(isinstance(r, Vote) for r in results), results
    assert Vote.objects.filter(motion=motion, seat=council.seat_a).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_vote_racing_the_close_is_counted_or_refused(council, secretariat, admin_a, officer):
    motion = propose(council, secretariat)
    attend(council, council.seat_school)
    services.cast_vote(actor=officer, motion=motion, seat=council.chair, choice="for")
    results = in_threads(voter(admin_a, motion, council.seat_a, "against"),
                         lambda: services.close_motion(actor=secretariat, motion=motion))
    motion.refresh_from_db()
    voted = Vote.objects.filter(motion=motion, seat=council.seat_a).exists()
    assert motion.against_weight == (1 if voted else 0)
    assert voted or isinstance(results[0], ValidationError)


@pytest.mark.django_db(transaction=True)
def test_two_closings_at_once_take_consecutive_numbers(council, secretariat, officer):
    motions = []
    for title in ("甲", "乙"):
        motion = propose(council, secretariat, title=title)
        attend(council, council.seat_a)
        services.cast_vote(actor=officer, motion=motion, seat=council.chair, choice="for")
        motions.append(motion)
    results = in_threads(*[(lambda m=m: services.close_motion(actor=secretariat, motion=m)) for m in motions])
    assert all(isinstance(r, Motion) for r in results), results
    year = timezone.localdate().year
    assert sorted(Resolution.objects.values_list("number", flat=True)) == [f"{year}-测-001", f"{year}-测-002"]


@pytest.mark.django_db
def test_closing_a_vote_of_200_weighted_seats_with_recusals_is_fast(secretariat, django_assert_max_num_queries):
    body = make_body(name="大理事会", code="大")
    seats = []
    people = []
    for i in range(200):
        org = OrganizationFactory(name_zh=f"成员单位{i:03d}")
        people.append(person(org, Role.ORG_ADMIN, username=f"rep{i:03d}"))
        seats.append(make_seat(body, org, people[-1], weight=1 + i % 3))
    meeting, item = make_meeting(body)
    MeetingSeat.objects.bulk_create([MeetingSeat(meeting=meeting, seat=s, attendance=Attendance.PRINCIPAL)
                                     for s in seats[::2]])
    motion = services.open_voting(actor=secretariat, motion=services.propose_motion(
        actor=secretariat, body=body, title="章程修订", text="修订章程。", matter="charter", agenda_item=item))
    Recusal.objects.bulk_create([Recusal(motion=motion, seat=s, reason="关联") for s in seats[1::20]])
    recused = {s.pk for s in seats[1::20]}
    Vote.objects.bulk_create([Vote(motion=motion, seat=s, choice="for" if i % 5 else "against", weight=s.weight)
                              for i, s in enumerate(seats) if s.pk not in recused and i % 4])
    start = time.perf_counter()
    with django_assert_max_num_queries(30):
        motion = services.close_motion(actor=secretariat, motion=motion)
    elapsed = time.perf_counter() - start
    assert motion.status in (MotionStatus.ADOPTED, MotionStatus.REJECTED)
    assert motion.recused_weight == sum(s.weight for s in seats if s.pk in recused)
    assert elapsed < 0.5  # the lead's benchmark holds it to 50 ms; the test database is slower to start
    start = time.perf_counter()
    services.count_motion(motion)
    assert time.perf_counter() - start < 0.05


