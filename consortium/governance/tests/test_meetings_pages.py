"""Meetings as people use them in the portal: the secretariat schedules and builds the agenda, a seat
holder answers, attendance and quorum show, documents download only for those who see the meeting,
the hub shows the answers awaited, and pages cost as many queries for many seats as for few."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consortium.governance.models import Attendance, Meeting, MeetingSeat, Notification, NotificationMode, Rsvp
from consortium.governance.services import meetings as services
from consortium.governance.tests import meetings_support as fx
from consortium.governance.tests.meetings_support import later, seat, started
from members.models import Role
from members.tests.factories import OrganizationFactory, person
from tests.fixtures import client_for
from tests.pages import messages_on, part, queries_for, zh

pytestmark = pytest.mark.django_db
council, group, group_meeting, meeting = fx.council, fx.group, fx.group_meeting, fx.meeting


def test_the_secretariat_schedules_a_meeting_from_the_form(council, secretariat):
    start, end = later()
    response = client_for(secretariat).post(reverse("governance:meeting_create"), {
        "body": council.pk, "title": "第三次理事会会议", "starts_at": start.astimezone().strftime("%Y-%m-%dT%H:%M"),
        "ends_at": end.astimezone().strftime("%Y-%m-%dT%H:%M"), "location": "科教城", "invite_all": "on"}, follow=True)
    meeting = Meeting.objects.get()
    assert response.redirect_chain[-1][0] == reverse("governance:meeting", args=[meeting.pk])
    assert zh("The meeting is scheduled and its seats are invited.") in messages_on(response)
    assert "甲企业有限公司" in part(response, "seat-table").text and meeting.invited.count() == 3


def test_a_meeting_ending_before_it_starts_is_shown_again_with_the_reason(council, secretariat):
    start, end = later()
    response = client_for(secretariat).post(reverse("governance:meeting_create"), {
        "body": council.pk, "title": "x", "starts_at": end.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": start.strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 200 and zh("The meeting must end after it starts.") in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_agenda_is_built_reordered_and_shown_with_documents(meeting, secretariat, member_a):
    client = client_for(secretariat)
    for title in ("审议年度计划", "审议项目立项"):
        client.post(reverse("governance:agenda_item_create", args=[meeting.pk]), {"title": title, "presenter": member_a.pk})
    second = meeting.agenda_items.get(title="审议项目立项")
    client.post(reverse("governance:agenda_item_move", args=[meeting.pk, second.pk, "up"]))
    client.post(reverse("governance:meeting_document_upload", args=[meeting.pk]), {
        "file": SimpleUploadedFile("立项材料.pdf", b"%PDF-1.4\n%%EOF\n"), "agenda_item": second.pk})
    page = client_for(member_a).get(reverse("governance:meeting", args=[meeting.pk]))
    agenda = part(page, "agenda")
    assert agenda.text.index("审议项目立项") < agenda.text.index("审议年度计划")
    assert "立项材料.pdf" in agenda.text and member_a.full_name in agenda.text
    [link] = [href for href in agenda.links if "/documents/" in href and href.rstrip("/").rsplit("/", 1)[-1].isdigit()]
    download = client_for(member_a).get(link)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_a_forged_document_is_refused_on_the_form(meeting, secretariat):
    response = client_for(secretariat).post(reverse("governance:meeting_document_upload", args=[meeting.pk]), {
        "file": SimpleUploadedFile("材料.pdf", b"<html>not a pdf</html>")})
    assert response.status_code == 200 and not meeting.documents.exists()
    assert response.context["form"].errors["file"]


def test_documents_of_a_working_group_are_not_for_outsiders(group_meeting, secretariat, admin_b, member_a):
    document = services.document_add(meeting=group_meeting, actor=secretariat,
                                     upload=SimpleUploadedFile("内部.pdf", b"%PDF-1.4\n%%EOF\n"))
    url = reverse("governance:meeting_document", args=[group_meeting.pk, document.pk])
    assert client_for(admin_b).get(url).status_code == 404
    assert client_for(member_a).get(url).status_code == 200


def test_a_seat_holder_answers_and_the_meeting_page_shows_it(meeting, member_a):
    client = client_for(member_a)
    row = meeting.invited.get(seat__principal=member_a)
    response = client.post(reverse("governance:meeting_rsvp", args=[meeting.pk, row.seat_id]),
                           {"answer": Rsvp.ALTERNATE}, follow=True)
    assert zh("Your seat's answer is saved.") in messages_on(response)
    assert zh("The alternate will attend") in part(response, "my-answer").text
    assert zh("The alternate will attend") in part(response, "seat-table").text


def test_attendance_is_recorded_and_quorum_shows(meeting, secretariat, member_a, admin_b):
    started(meeting)
    rows = {r.seat.principal_id: r.seat_id for r in meeting.invited.select_related("seat")}
    data = {f"seat_{seat_id}": Attendance.ABSENT for seat_id in rows.values()}
    data[f"seat_{rows[member_a.pk]}"] = Attendance.PRINCIPAL
    data[f"seat_{rows[admin_b.pk]}"] = Attendance.PRINCIPAL
    response = client_for(secretariat).post(reverse("governance:meeting_attendance", args=[meeting.pk]), data,
                                            follow=True)
    quorum = part(response, "quorum").text
    assert zh("Quorum reached") in quorum
    assert "3" in quorum and "4" in quorum


def test_the_hub_shows_my_meetings_with_the_answers_awaited(meeting, member_a):
    response = client_for(member_a).get(reverse("governance:home"))
    home = part(response, "governance-home")
    assert zh("My meetings") in home.text
    assert reverse("governance:meetings") in home.links and reverse("governance:notifications") in home.links


def test_the_list_filters_mine_past_and_search(meeting, group_meeting, teacher, member_a):
    mine = client_for(teacher).get(reverse("governance:meetings"), {"scope": "mine"})
    assert "第二次理事会会议" in part(mine, "meeting-table").text
    assert "工作组例会" not in part(mine, "meeting-table").text  # the teacher's school has no seat in the group
    found = client_for(member_a).get(reverse("governance:meetings"), {"q": "工作组"})
    assert "工作组例会" in part(found, "meeting-table").text and "第二次" not in part(found, "meeting-table").text
    past = client_for(member_a).get(reverse("governance:meetings"), {"when": "past"})
    assert zh("No meetings here. Try another time span or body.") in part(past, "meeting-table").text


def test_the_calendars_download_as_icalendar(meeting, member_a):
    one = client_for(member_a).get(reverse("governance:meeting_ics", args=[meeting.pk]))
    assert one["Content-Type"].startswith("text/calendar") and b"BEGIN:VEVENT" in one.content
    feed = client_for(member_a).get(reverse("governance:my_meetings_ics"))
    assert feed.content.count(b"BEGIN:VEVENT") == 1


def test_notifications_are_listed_read_and_the_setting_changes(meeting, member_a):
    client = client_for(member_a)
    response = client.get(reverse("governance:notifications"))
    assert "第二次理事会会议" in part(response, "notifications").text
    client.post(reverse("governance:notifications_read"))
    assert not Notification.objects.filter(person=member_a, read_at__isnull=True).exists()
    client.post(reverse("governance:notification_settings"), {"mode": NotificationMode.DIGEST})
    assert services.preference_of(member_a) == NotificationMode.DIGEST


def _grow(meeting, n):
    for i in range(n):
        org = OrganizationFactory()
        holder = person(org, Role.ORG_ADMIN)
        new = seat(meeting.body, org, holder, person(org, Role.HR))
        MeetingSeat.objects.create(meeting=meeting, seat=new, rsvp=Rsvp.ATTENDING)


def test_the_meeting_page_costs_as_many_queries_for_many_seats_as_for_few(meeting, secretariat, member_a,
                                                                          django_assert_max_num_queries):
    for title in ("甲", "乙"):
        services.agenda_item_add(meeting=meeting, actor=secretariat, title=title)
    url = reverse("governance:meeting", args=[meeting.pk])
    pages = [(client_for(secretariat), url), (client_for(member_a), url),
             (client_for(secretariat), reverse("governance:meetings")),
             (client_for(member_a), reverse("governance:notifications"))]
    few = [queries_for(client, u) for client, u in pages]
    _grow(meeting, 30)
    for n in range(5):
        start, end = later(days=n + 1)
        services.meeting_schedule(actor=secretariat, body=meeting.body, title=f"会议 {n}", starts_at=start, ends_at=end)
    many = [queries_for(client, u) for client, u in pages]
    assert many == few
    client = client_for(secretariat)
    with django_assert_max_num_queries(15):
        client.get(url)


def test_a_calendar_app_reads_my_meetings_at_my_secret_address_until_i_renew_it(meeting, member_a):
    client = client_for(member_a)
    client.post(reverse("governance:calendar_subscription_renew"))
    settings_page = client.get(reverse("governance:notification_settings"))
    address = settings_page.context["feed_url"]
    assert address and address in part(settings_page, "calendar-feed").text + settings_page.content.decode()
    path = address.split("testserver", 1)[1]
    app = client_for(None).get(path)  # no sign-in
    assert app.status_code == 200 and "第二次理事会会议".encode() in app.content
    client.post(reverse("governance:calendar_subscription_renew"))
    assert client_for(None).get(path).status_code == 404
