"""Notifications and calendars: each person is e-mailed once per notification, at once or in a daily
digest that never sends the same notification twice; meetings export to RFC 5545 calendars."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from consortium.governance.models import Meeting, MeetingStatus, Notification, NotificationMode
from consortium.governance.selectors.meetings import calendar, escape_text, fold
from consortium.governance.services import meetings as services
from consortium.governance.tests import meetings_support as fx

pytestmark = pytest.mark.django_db
council, meeting = fx.council, fx.meeting


def test_immediate_notifications_are_emailed_once_each(member_a, admin_b):
    ids = services.notify([member_a, admin_b, member_a.pk], "会议通知：请回复", "/governance/meetings/")
    assert len(ids) == 2  # each person told once
    assert services.notifications_mail(ids=ids) == 2
    assert services.notifications_mail(ids=ids) == 0  # a retried task sends nothing more
    assert services.digest_send() == 0  # nor does the digest
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member_a.email, admin_b.email])
    assert "/governance/meetings/" in mail.outbox[0].body


def test_the_daily_digest_gathers_what_is_new_and_never_sends_it_twice(member_a, admin_b):
    services.preference_set(actor=member_a, mode=NotificationMode.DIGEST)
    first = services.notify([member_a], "第一条通知", "")
    second = services.notify([member_a, admin_b], "第二条通知", "")
    # member_a's notifications wait for the digest; admin_b's goes at once.
    assert services.notifications_mail(ids=first + second) == 1 and mail.outbox[0].to == [admin_b.email]
    mail.outbox.clear()
    assert services.digest_send() == 1
    [digest] = mail.outbox
    assert digest.to == [member_a.email] and "第一条通知" in digest.body and "第二条通知" in digest.body
    assert services.digest_send() == 0 and len(mail.outbox) == 1
    services.notify([member_a], "第三条通知", "")
    assert services.digest_send() == 1
    assert "第三条通知" in mail.outbox[1].body and "第一条通知" not in mail.outbox[1].body
    assert not Notification.objects.filter(mailed_at__isnull=True).exists()


def test_a_failed_send_leaves_the_notification_for_the_next_run(member_a, settings):
    services.preference_set(actor=member_a, mode=NotificationMode.DIGEST)
    services.notify([member_a], "稍后再发", "")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_PORT, settings.EMAIL_HOST = 1, "127.0.0.1"  # nobody listens
    with pytest.raises(OSError):
        services.digest_send()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.digest_send() == 1 and "稍后再发" in mail.outbox[0].body


def test_the_digest_job_is_scheduled_daily():
    from consortium.governance.portal import PERIODIC_TASKS

    [job] = [t for t in PERIODIC_TASKS if t.name == "governance-notifications-digest"]
    assert job.schedule == timedelta(days=1) and job.task.endswith("notifications_digest_task")


def test_marking_read_is_the_persons_own(member_a, admin_b):
    services.notify([member_a, admin_b], "已读测试", "")
    assert services.notifications_mark_read(actor=member_a) == 1
    assert Notification.objects.filter(person=admin_b, read_at__isnull=True).count() == 1


def test_a_meeting_is_a_valid_icalendar_event(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(
        title="理事会, 第二次; 会议\\纪要", location="三楼\n301室",
        starts_at=timezone.datetime(2027, 3, 1, 9, 30, tzinfo=timezone.get_fixed_timezone(480)),
        ends_at=timezone.datetime(2027, 3, 1, 11, 0, tzinfo=timezone.get_fixed_timezone(480)))
    meeting.refresh_from_db()
    text = calendar([meeting])
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")  # every line ends in CRLF
    lines = text.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert "DTSTART:20270301T013000Z\r\n" in unfolded and "DTEND:20270301T030000Z\r\n" in unfolded
    assert "SUMMARY:理事会\\, 第二次\\; 会议\\\\纪要\r\n" in unfolded
    assert "LOCATION:三楼\\n301室\r\n" in unfolded
    assert f"UID:governance-meeting-{meeting.pk}@" in unfolded and "DTSTAMP:" in unfolded
    assert "STATUS:CONFIRMED" in unfolded


def test_a_cancelled_meeting_is_cancelled_in_calendars_with_a_higher_sequence(meeting, secretariat):
    services.meeting_cancel(meeting=meeting, actor=secretariat, reason="改期")
    meeting.refresh_from_db()
    text = calendar([meeting])
    assert meeting.status == MeetingStatus.CANCELLED
    assert "STATUS:CANCELLED" in text and "SEQUENCE:1" in text


def test_folding_never_splits_a_character():
    line = "DESCRIPTION:" + "会" * 60
    folded = fold(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_a_notification_links_inside_the_portal_only(member_a):
    services.notify([member_a], "外部链接", "https://evil.example/")
    services.notify([member_a], "脚本链接", "javascript:alert(1)")
    services.notify([member_a], "站内链接", "/governance/meetings/")
    assert dict(Notification.objects.values_list("text", "link")) == {
        "外部链接": "", "脚本链接": "", "站内链接": "/governance/meetings/"}
