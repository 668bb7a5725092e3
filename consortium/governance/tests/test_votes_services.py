"""Motions, votes, recusals and resolutions through the services: who may do what, the alternate's
rules, every majority rule with weights, numbering, the transparency log, the written-vote job."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from consortium.governance import access as base
from consortium.governance.events import motion_decided
from consortium.governance.models import (
    Attendance,
    MajorityRule,
    MatterKind,
    Motion,
    MotionStatus,
    Resolution,
    Rsvp,
    MeetingSeat,
    Vote,
    VotingMode,
)
from consortium.governance.services import votes as services
from consortium.governance.tests.votes_support import attend, council_fixture, propose  # noqa: F401
from core.models import AuditEvent
from transparency.models import LogEntry

pytestmark = pytest.mark.django_db


def vote(motion, seat, user, choice):
    base.forget_seats(user)
    return services.cast_vote(actor=user, motion=motion, seat=seat, choice=choice)


# --- proposing and managing ---------------------------------------------------------------------


def test_the_rule_follows_from_the_matter(council, secretariat):
    motion = propose(council, secretariat, matter=MatterKind.CHARTER, open_it=False)
    assert motion.rule == MajorityRule.TWO_THIRDS
    assert propose(council, secretariat, matter=MatterKind.PROJECT, open_it=False).rule == MajorityRule.ABSOLUTE
    assert propose(council, secretariat, matter=MatterKind.GENERAL, open_it=False).rule == MajorityRule.VOTES_CAST
    assert AuditEvent.objects.filter(event="motion.proposed").count() == 3


def test_the_chair_proposes_and_a_member_may_not(council, officer, admin_a):
    assert propose(council, officer).status == MotionStatus.OPEN
    with pytest.raises(PermissionDenied):
        propose(council, admin_a)


def test_a_meeting_motion_needs_an_agenda_item_of_the_body(council, secretariat):
    with pytest.raises(ValidationError) as error:
        services.propose_motion(actor=secretariat, body=council.body, title="t", text="x", matter="general")
    assert "agenda_item" in error.value.message_dict


def test_a_written_vote_needs_a_deadline_ahead(council, secretariat):
    with pytest.raises(ValidationError) as error:
        services.propose_motion(actor=secretariat, body=council.body, title="t", text="x", matter="general",
                                mode=VotingMode.WRITTEN, deadline=timezone.now() - timedelta(hours=1))
    assert "deadline" in error.value.message_dict


def test_a_draft_takes_no_votes_and_only_a_draft_opens(council, secretariat, admin_a):
    motion = propose(council, secretariat, open_it=False)
    with pytest.raises(ValidationError):
        vote(motion, council.seat_a, admin_a, "for")
    services.open_voting(actor=secretariat, motion=motion)
    with pytest.raises(ValidationError):
        services.open_voting(actor=secretariat, motion=motion)


def test_withdrawn_motion_decides_nothing(council, secretariat, admin_a):
    motion = propose(council, secretariat)
    vote(motion, council.seat_a, admin_a, "for")
    motion = services.withdraw_motion(actor=secretariat, motion=motion)
    assert motion.status == MotionStatus.WITHDRAWN
    with pytest.raises(ValidationError):
        services.close_motion(actor=secretariat, motion=motion)
    assert Vote.objects.filter(motion=motion).count() == 1  # stays on record


def test_a_member_cannot_close_or_withdraw(council, secretariat, admin_a):
    motion = propose(council, secretariat)
    with pytest.raises(PermissionDenied):
        services.close_motion(actor=admin_a, motion=motion)
    with pytest.raises(PermissionDenied):
        services.withdraw_motion(actor=admin_a, motion=motion)


# --- who votes ------------------------------------------------------------------------------------


def test_the_principal_votes_and_may_change_the_vote_until_it_closes(council, secretariat, admin_a):
    motion = propose(council, secretariat)
    vote(motion, council.seat_a, admin_a, "against")
    vote(motion, council.seat_a, admin_a, "for")
    assert list(Vote.objects.filter(motion=motion).values_list("choice", flat=True)) == ["for"]
    assert AuditEvent.objects.filter(event="vote.cast").count() == 2
    services.close_motion(actor=secretariat, motion=motion)
    with pytest.raises(ValidationError):
        vote(motion, council.seat_a, admin_a, "against")


def test_the_alternate_does_not_vote_while_the_principal_sits(council, secretariat, member_a):
    motion = propose(council, secretariat)
    with pytest.raises(PermissionDenied):
        vote(motion, council.seat_a, member_a, "for")


def test_the_alternate_votes_when_sitting_in_for_the_principal(council, secretariat, member_a):
    motion = propose(council, secretariat)
    attend(council, council.seat_a, Attendance.ALTERNATE)
    assert vote(motion, council.seat_a, member_a, "for").cast_by == member_a


def test_the_alternate_votes_when_announced_before_attendance_is_taken(council, secretariat, member_a):
    motion = propose(council, secretariat)
    MeetingSeat.objects.filter(seat=council.seat_a).update(rsvp=Rsvp.ALTERNATE)
    assert vote(motion, council.seat_a, member_a, "abstain").choice == "abstain"


def test_the_alternate_votes_in_writing_while_delegated_and_not_after(council, secretariat, member_a):
    motion = propose(council, secretariat, written=True)
    council.seat_a.delegated_until = timezone.localdate()
    council.seat_a.save()
    assert vote(motion, council.seat_a, member_a, "for").weight == 1
    council.seat_a.delegated_until = timezone.localdate() - timedelta(days=1)
    council.seat_a.save()
    with pytest.raises(PermissionDenied):
        vote(motion, council.seat_a, member_a, "against")


def test_nobody_votes_for_another_organisations_seat(council, secretariat, admin_a, teacher):
    motion = propose(council, secretariat)
    with pytest.raises(PermissionDenied):
        vote(motion, council.seat_school, admin_a, "for")
    with pytest.raises(PermissionDenied):
        vote(motion, council.seat_a, secretariat, "for")


def test_a_written_vote_past_its_deadline_takes_no_votes(council, secretariat, admin_a):
    motion = propose(council, secretariat, written=True)
    Motion.objects.filter(pk=motion.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError):
        vote(motion, council.seat_a, admin_a, "for")


# --- recusal --------------------------------------------------------------------------------------


def test_a_recused_seat_cannot_vote_and_leaves_the_denominators(council, secretariat, officer, admin_a, teacher):
    motion = propose(council, secretariat, matter=MatterKind.PROJECT)  # absolute majority of the seats
    recusal = services.declare_conflict(actor=admin_a, motion=motion, seat=council.seat_a, reason="本企业承担该项目")
    assert recusal.reason == "本企业承担该项目"
    with pytest.raises(ValidationError):
        vote(motion, council.seat_a, admin_a, "for")
    vote(motion, council.chair, officer, "for")  # 2 of the 4 eligible (5 − 1): more than half? no: 2*2 = 4 = 4
    vote(motion, council.seat_school, teacher, "for")  # 3 of 4
    motion = services.close_motion(actor=secretariat, motion=motion)
    assert (motion.seats_weight, motion.recused_weight, motion.for_weight) == (5, 1, 3)
    assert motion.status == MotionStatus.ADOPTED


def test_a_conflict_is_declared_before_voting_by_the_seat_or_the_secretariat(council, secretariat, admin_a, teacher):
    motion = propose(council, secretariat)
    with pytest.raises(PermissionDenied):
        services.declare_conflict(actor=teacher, motion=motion, seat=council.seat_a, reason="x")
    vote(motion, council.seat_a, admin_a, "for")
    with pytest.raises(ValidationError):
        services.declare_conflict(actor=admin_a, motion=motion, seat=council.seat_a, reason="x")
    services.declare_conflict(actor=secretariat, motion=motion, seat=council.seat_school, reason="学校参与")
    with pytest.raises(ValidationError):
        services.declare_conflict(actor=secretariat, motion=motion, seat=council.seat_school, reason="again")


# --- counting from the database ------------------------------------------------------------------


def test_attending_seats_make_the_quorum_of_a_meeting_vote(council, secretariat, admin_a):
    motion = propose(council, secretariat)
    vote(motion, council.seat_a, admin_a, "for")  # 1 of 5: no quorum
    assert services.count_motion(motion).outcome == MotionStatus.NO_QUORUM
    attend(council, council.chair)  # weight 2 attends without voting: 3 of 5
    tally = services.count_motion(motion)
    assert (tally.present_weight, tally.outcome) == (3, MotionStatus.ADOPTED)


def test_in_a_written_vote_only_those_who_voted_are_present(council, secretariat, admin_a, teacher):
    motion = propose(council, secretariat, written=True)
    attend(council, council.chair)  # the meeting is no business of a written vote
    vote(motion, council.seat_a, admin_a, "for")
    vote(motion, council.seat_school, teacher, "against")
    motion = services.close_motion(actor=secretariat, motion=motion)
    assert (motion.present_weight, motion.quorum_met, motion.status) == (2, False, MotionStatus.NO_QUORUM)
    assert not Resolution.objects.exists()


def test_abstentions_are_not_votes_cast(council, secretariat, officer, admin_a, teacher):
    motion = propose(council, secretariat)
    vote(motion, council.chair, officer, "abstain")
    vote(motion, council.seat_a, admin_a, "for")
    motion = services.close_motion(actor=secretariat, motion=motion)
    assert (motion.abstain_weight, motion.status) == (2, MotionStatus.ADOPTED)


def test_a_charter_change_needs_two_thirds_of_the_weight(council, secretariat, officer, admin_a, teacher):
    motion = propose(council, secretariat, matter=MatterKind.CHARTER)
    vote(motion, council.chair, officer, "for")
    vote(motion, council.seat_a, admin_a, "for")  # 3 of 5 < two thirds
    vote(motion, council.seat_school, teacher, "against")
    assert services.close_motion(actor=secretariat, motion=motion).status == MotionStatus.REJECTED


def test_an_ended_seat_vote_no_longer_counts(council, secretariat, officer, admin_a):
    motion = propose(council, secretariat)
    vote(motion, council.chair, officer, "against")
    vote(motion, council.seat_a, admin_a, "for")
    attend(council, council.seat_school)
    council.chair.ended_at = timezone.now()
    council.chair.save()
    motion = services.close_motion(actor=secretariat, motion=motion)
    assert (motion.seats_weight, motion.against_weight, motion.status) == (3, 0, MotionStatus.ADOPTED)


# --- resolutions ------------------------------------------------------------------------------------


def adopt(council, secretariat, officer, title="年度工作计划"):
    motion = propose(council, secretariat, title=title)
    attend(council, council.seat_a)
    vote(motion, council.chair, officer, "for")  # 2 for, of 3 present out of 5
    return services.close_motion(actor=secretariat, motion=motion)


def test_an_adopted_motion_becomes_a_numbered_logged_resolution(council, secretariat, officer):
    received = []

    def receiver(sender, motion, **kwargs):
        received.append((motion.status, motion.resolution.number))

    motion_decided.connect(receiver)
    try:
        first = adopt(council, secretariat, officer)
        second = adopt(council, secretariat, officer, title="第二项")
    finally:
        motion_decided.disconnect(receiver)
    year = timezone.localdate().year
    assert first.resolution.number == f"{year}-测-001"
    assert second.resolution.number == f"{year}-测-002"
    assert received == [("adopted", f"{year}-测-001"), ("adopted", f"{year}-测-002")]
    entry = LogEntry.objects.get(kind="resolution.adopted", object_ref=f"governance.resolution:{first.resolution.pk}")
    assert entry.digest == services.digest_of_ref(entry.object_ref)
    assert AuditEvent.objects.filter(event="resolution.adopted").count() == 2


def test_a_rejected_motion_sends_the_event_without_a_resolution(council, secretariat, officer, admin_a, teacher):
    received = []
    motion_decided.connect(lambda sender, motion, **kw: received.append(motion.status), weak=False,
                           dispatch_uid="test-rejected")
    try:
        motion = propose(council, secretariat)
        vote(motion, council.chair, officer, "against")
        vote(motion, council.seat_a, admin_a, "for")
        services.close_motion(actor=secretariat, motion=motion)
    finally:
        motion_decided.disconnect(dispatch_uid="test-rejected")
    assert received == [MotionStatus.REJECTED]
    assert not Resolution.objects.exists()


def test_the_digest_ignores_disclosure_and_catches_a_changed_text(council, secretariat, officer):
    resolution = adopt(council, secretariat, officer).resolution
    ref = services.resolution_ref(resolution)
    logged = LogEntry.objects.get(object_ref=ref).digest
    services.set_resolution_public(actor=secretariat, resolution=resolution, public=True)
    assert services.digest_of_ref(ref) == logged
    Resolution.objects.filter(pk=resolution.pk).update(text="改过的文本")
    assert services.digest_of_ref(ref) != logged


def test_only_the_secretariat_discloses(council, secretariat, officer):
    resolution = adopt(council, secretariat, officer).resolution
    with pytest.raises(PermissionDenied):
        services.set_resolution_public(actor=officer, resolution=resolution, public=True)
    assert services.set_resolution_public(actor=secretariat, resolution=resolution, public=True).is_public
    assert AuditEvent.objects.filter(event="resolution.disclosed").count() == 1


# --- written votes close on their own -------------------------------------------------------------


def test_the_job_closes_written_votes_past_their_deadline_once(council, secretariat, admin_a, officer, teacher):
    motion = propose(council, secretariat, written=True)
    later = propose(council, secretariat, written=True, title="未到期")
    vote(motion, council.chair, officer, "for")
    vote(motion, council.seat_a, admin_a, "for")
    Motion.objects.filter(pk=motion.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    from consortium.governance.tasks.votes import close_due_motions_task

    assert close_due_motions_task.apply().get() == 1
    assert services.close_due_motions() == 0  # again: nothing left
    motion.refresh_from_db()
    later.refresh_from_db()
    assert (motion.status, later.status) == (MotionStatus.ADOPTED, MotionStatus.OPEN)
    assert Resolution.objects.filter(motion=motion).count() == 1


def test_votes_due_lists_what_waits_for_the_seat(council, secretariat, admin_a, member_a):
    motion = propose(council, secretariat, written=True)
    assert [(m.pk, s.pk) for m, s in services.votes_due(admin_a)] == [(motion.pk, council.seat_a.pk)]
    assert services.votes_due(member_a) == []  # the alternate, principal not delegated
    vote(motion, council.seat_a, admin_a, "for")
    base.forget_seats(admin_a)
    assert services.votes_due(admin_a) == []
