"""Meetings in the API: read with their agenda and invited seats under the pages' rules; a seat's
holder answers for it with PATCH, nobody else does."""

import pytest
from django.urls import reverse

from consortium.governance.models import Rsvp
from consortium.governance.services import meetings as services
from consortium.governance.tests import meetings_support as fx

pytestmark = pytest.mark.django_db
council, group, group_meeting, meeting = fx.council, fx.group, fx.group_meeting, fx.meeting


def test_a_meeting_reads_with_its_agenda_and_invited_seats(meeting, secretariat, teacher, api_client):
    services.agenda_item_add(meeting=meeting, actor=secretariat, title="审议年度计划")
    body = api_client(teacher).get(reverse("governance-meeting-detail", args=[meeting.pk])).json()
    assert body["title"] == "第二次理事会会议" and body["status"] == "scheduled"
    assert [item["title"] for item in body["agenda"]] == ["审议年度计划"]
    assert body["agenda"][0]["motions"] == [] and body["agenda"][0]["documents"] == []
    assert sorted(row["weight"] for row in body["invited"]) == [1, 1, 2]


def test_the_list_holds_only_the_meetings_the_caller_may_see(meeting, group_meeting, member_a, admin_b,
                                                             api_client):
    titles = lambda user: {m["title"] for m in api_client(user).get(reverse("governance-meeting-list")).json()["results"]}  # noqa: E731
    assert titles(member_a) == {"第二次理事会会议", "工作组例会"}
    assert titles(admin_b) == {"第二次理事会会议"}


def test_a_seat_holder_answers_through_the_api(meeting, member_a, admin_b, api_client):
    row = meeting.invited.get(seat__principal=member_a)
    url = reverse("governance-meeting-seat-detail", args=[row.pk])
    response = api_client(member_a).patch(url, {"rsvp": Rsvp.DECLINED}, format="json")
    assert response.status_code == 200 and response.json()["rsvp"] == "declined"
    refused = api_client(admin_b).patch(url, {"rsvp": Rsvp.ATTENDING}, format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    row.refresh_from_db()
    assert row.rsvp == Rsvp.DECLINED


def test_a_wrong_answer_is_refused_on_the_field(meeting, member_a, api_client):
    row = meeting.invited.get(seat__principal=member_a)
    response = api_client(member_a).patch(reverse("governance-meeting-seat-detail", args=[row.pk]),
                                          {"rsvp": "maybe"}, format="json")
    assert response.status_code == 400 and "rsvp" in response.json()["errors"]


def test_students_see_no_meeting(meeting, student, api_client):
    assert api_client(student).get(reverse("governance-meeting-list")).json()["results"] == []
