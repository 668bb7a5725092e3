"""Meetings as the services keep them: who schedules, the seats invited and told, the agenda's order,
who answers for a seat, attendance and quorum by weight, holding and cancelling."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from consortium.governance.models import (
    AgendaItem, Attendance, MeetingStatus, Notification, QuorumRule, Rsvp, SeatRole,
)
from consortium.governance.services import meetings as services
from consortium.governance.tests import meetings_support as fx
from consortium.governance.tests.meetings_support import later, seat, started
from core.models import AuditEvent

pytestmark = pytest.mark.django_db
council, group, group_meeting, meeting = fx.council, fx.group, fx.group_meeting, fx.meeting


def test_scheduling_invites_every_current_seat_with_its_weight_and_tells_its_people(
        meeting, member_a, admin_a, admin_b, teacher):
    rows = {row.seat.organization.name_zh: row.weight for row in meeting.invited.select_related("seat__organization")}
    assert rows == {"甲企业有限公司": 2, "乙企业有限公司": 1, "测试职业技术学院": 1}
    told = set(Notification.objects.values_list("person__username", flat=True))
    assert told == {"member_a", "admin_a", "admin_b", "teacher"}  # principals and A's alternate
    assert "第二次理事会会议" in Notification.objects.filter(person=member_a).get().text
    assert AuditEvent.objects.filter(event="meeting.scheduled").count() == 1


def test_only_the_secretariat_and_the_bodys_chair_schedule(council, group, member_a, admin_b, teacher):
    start, end = later()
    with pytest.raises(PermissionDenied):
        services.meeting_schedule(actor=admin_b, body=council, title="x", starts_at=start, ends_at=end)
    chaired = services.meeting_schedule(actor=member_a, body=council, title="主席召集", starts_at=start, ends_at=end)
    assert chaired.invited.count() == 3
    with pytest.raises(PermissionDenied):  # member_a holds a seat of the group but does not chair it
        services.meeting_schedule(actor=member_a, body=group, title="x", starts_at=start, ends_at=end)


def test_a_meeting_ending_before_it_starts_is_refused_on_the_field(council, secretariat):
    start, end = later()
    with pytest.raises(ValidationError) as error:
        services.meeting_schedule(actor=secretariat, body=council, title="x", starts_at=end, ends_at=start)
    assert "ends_at" in error.value.message_dict


def test_the_agenda_keeps_its_order_when_items_move_and_leave(meeting, secretariat):
    a, b, c = (services.agenda_item_add(meeting=meeting, actor=secretariat, title=t) for t in ("甲", "乙", "丙"))
    services.agenda_item_move(item=c, actor=secretariat, up=True)
    services.agenda_item_move(item=a, actor=secretariat, up=True)  # already first: nothing moves
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["甲", "丙", "乙"]
    services.agenda_item_remove(item=AgendaItem.objects.get(pk=a.pk), actor=secretariat)
    assert list(meeting.agenda_items.values_list("position", "title")) == [(1, "丙"), (2, "乙")]


def test_a_seats_principal_or_alternate_answers_for_it_and_nobody_else(meeting, member_a, admin_a, admin_b):
    row_a = meeting.invited.get(seat__principal=member_a)
    services.rsvp_answer(meeting_seat=row_a, actor=admin_a, answer=Rsvp.ALTERNATE)  # A's alternate
    row_a.refresh_from_db()
    assert (row_a.rsvp, row_a.answered_by) == (Rsvp.ALTERNATE, admin_a)
    with pytest.raises(PermissionDenied):
        services.rsvp_answer(meeting_seat=row_a, actor=admin_b, answer=Rsvp.DECLINED)
    row_b = meeting.invited.get(seat__principal=admin_b)
    with pytest.raises(ValidationError):  # B's seat has no alternate
        services.rsvp_answer(meeting_seat=row_b, actor=admin_b, answer=Rsvp.ALTERNATE)


def test_a_cancelled_meeting_takes_no_more_answers_and_its_invitees_are_told(meeting, secretariat, member_a):
    services.meeting_cancel(meeting=meeting, actor=secretariat, reason="主要议题推迟")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED and meeting.sequence == 1
    assert Notification.objects.filter(person=member_a, text__contains="主要议题推迟").exists()
    with pytest.raises(ValidationError):
        services.rsvp_answer(meeting_seat=meeting.invited.get(seat__principal=member_a), actor=member_a,
                             answer=Rsvp.ATTENDING)


def test_quorum_counts_the_weight_present_more_than_half(meeting, secretariat, member_a, admin_b):
    # Weights 2 + 1 + 1 = 4: more than half needs 3.
    assert services.quorum(meeting) == (0, 3, False)
    with pytest.raises(ValidationError):  # not started yet
        services.attendance_record(meeting=meeting, actor=secretariat, attendance={})
    started(meeting)
    a = meeting.invited.get(seat__principal=member_a).seat_id
    b = meeting.invited.get(seat__principal=admin_b).seat_id
    services.attendance_record(meeting=meeting, actor=secretariat, attendance={a: Attendance.ALTERNATE})
    assert services.quorum(meeting) == (2, 3, False)
    services.attendance_record(meeting=meeting, actor=secretariat, attendance={b: Attendance.PRINCIPAL})
    assert services.quorum(meeting) == (3, 3, True)


def test_two_thirds_is_rounded_up_and_an_empty_meeting_never_has_quorum():
    assert services.required_weight(4, QuorumRule.TWO_THIRDS) == 3
    assert services.required_weight(6, QuorumRule.TWO_THIRDS) == 4
    assert services.required_weight(4, QuorumRule.MORE_THAN_HALF) == 3
    assert services.required_weight(5, QuorumRule.MORE_THAN_HALF) == 3
    assert services.required_weight(0, QuorumRule.TWO_THIRDS) == 1


def test_quorum_is_one_query_whatever_the_seats(meeting, django_assert_num_queries):
    with django_assert_num_queries(1):
        services.quorum(meeting)


def test_marking_held_enters_unrecorded_seats_as_absent(meeting, secretariat, member_a, admin_b):
    with pytest.raises(ValidationError):
        services.meeting_mark_held(meeting=meeting, actor=secretariat)
    started(meeting)
    services.attendance_record(meeting=meeting, actor=secretariat,
                               attendance={meeting.invited.get(seat__principal=member_a).seat_id: Attendance.PRINCIPAL})
    services.meeting_mark_held(meeting=meeting, actor=secretariat)
    assert sorted(meeting.invited.values_list("attendance", flat=True)) == ["absent", "absent", "principal"]
    event = AuditEvent.objects.get(event="meeting.held")
    assert event.changes["quorum"] == [None, False]


def test_attendance_for_a_seat_not_invited_or_a_missing_alternate_is_refused(meeting, secretariat, admin_b, group):
    started(meeting)
    other = group.seats.get().pk
    with pytest.raises(ValidationError):
        services.attendance_record(meeting=meeting, actor=secretariat, attendance={other: Attendance.PRINCIPAL})
    b = meeting.invited.get(seat__principal=admin_b).seat_id
    with pytest.raises(ValidationError):
        services.attendance_record(meeting=meeting, actor=secretariat, attendance={b: Attendance.ALTERNATE})


def test_changing_the_invited_seats_invites_new_ones_and_keeps_those_who_answered(
        council, meeting, secretariat, member_a, admin_b, government, officer):
    new = seat(council, government, officer, role=SeatRole.MEMBER)
    services.rsvp_answer(meeting_seat=meeting.invited.get(seat__principal=admin_b), actor=admin_b,
                         answer=Rsvp.DECLINED)
    keep = list(council.seats.exclude(principal=admin_b))
    with pytest.raises(ValidationError):
        services.meeting_set_invited(meeting=meeting, actor=secretariat, seats=keep)
    added, removed = services.meeting_set_invited(
        meeting=meeting, actor=secretariat, seats=[s for s in council.seats.all() if s.principal != member_a])
    assert (added, removed) == (1, 1)  # the new seat in, A's (no answer yet) out
    assert meeting.invited.filter(seat=new).exists() and not meeting.invited.filter(seat__principal=member_a).exists()
    added, _removed = services.meeting_set_invited(meeting=meeting, actor=secretariat, seats=council.seats.all())
    assert added == 1


def test_documents_are_checked_by_their_content(meeting, secretariat):
    fake = SimpleUploadedFile("议程.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    with pytest.raises(ValidationError) as error:
        services.document_add(meeting=meeting, actor=secretariat, upload=fake)
    assert "file" in error.value.message_dict
    real = SimpleUploadedFile("议程.pdf", b"%PDF-1.4\n%%EOF\n", "text/plain")
    document = services.document_add(meeting=meeting, actor=secretariat, upload=real)
    assert (document.name, document.content_type) == ("议程.pdf", "application/pdf")


def test_rescheduling_tells_the_invitees_and_raises_the_calendar_revision(meeting, secretariat, teacher):
    start, end = later(days=9)
    services.meeting_update(meeting=meeting, actor=secretariat, title=meeting.title, starts_at=start, ends_at=end,
                            location="五楼会议室")
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    assert Notification.objects.filter(person=teacher, text__contains="五楼会议室").exists()
