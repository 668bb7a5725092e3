"""The minutes pages and API: the secretariat drafts from a held meeting, edits, corrects and
compares versions; a seat's representative reads and comments; others find nothing; the list's
query count does not grow with the minutes; the demo has approved minutes and a correction."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from consortium.governance.models import Minutes, MinutesStatus, MinutesVersion
from consortium.governance.services import minutes as services
from consortium.governance.tests.minutes_support import body, decide, held_meeting, in_a_week, seat, votes_contract  # noqa: F401
from members.models import User
from tests.fixtures import client_for
from tests.pages import part, queries_for

pytestmark = pytest.mark.django_db


def english(user):
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def council(org_a, admin_a, member_a):
    council = body()
    seat(council, org_a, admin_a, alternate=member_a)
    return council


@pytest.fixture
def meeting(council):
    return held_meeting(council, title="第三次理事会会议")


def approved(meeting, secretariat) -> Minutes:
    minutes = services.minutes_draft(actor=secretariat, meeting=meeting)
    decide(services.version_put_to_vote(actor=secretariat, version=minutes.versions.get(), deadline=in_a_week()))
    return minutes


def test_the_secretariat_drafts_the_minutes_of_a_held_meeting(meeting, secretariat):
    client = english(secretariat)
    listing = client.get(reverse("governance:minutes_list"))
    assert reverse("governance:minutes_draft", args=[meeting.pk]) in part(listing, "meetings-without-minutes").links
    response = client.post(reverse("governance:minutes_draft", args=[meeting.pk]))
    minutes = Minutes.objects.get(meeting=meeting)
    assert response.url == reverse("governance:minutes_detail", args=[minutes.pk])
    page = client.get(response.url)
    assert "第三次理事会会议" in part(page, "minutes-text").text
    assert part(page, "version-status").text == "Draft"
    client.post(reverse("governance:minutes_edit", args=[minutes.versions.get().pk]), {"text": "会议纪要正文"})
    assert part(client.get(response.url), "minutes-text").text == "会议纪要正文"


def test_a_representative_comments_on_the_draft(meeting, secretariat, member_a):
    minutes = services.minutes_draft(actor=secretariat, meeting=meeting)
    client = english(member_a)
    url = reverse("governance:minutes_detail", args=[minutes.pk])
    page = client.get(url)
    assert "Add the comment" in page.content.decode()
    client.post(reverse("governance:minutes_comment", args=[minutes.versions.get().pk]), {"text": "请补充出席名单。"})
    assert "请补充出席名单。" in client.get(url).content.decode()


def test_approved_minutes_cannot_be_edited_from_the_page(meeting, secretariat, votes_contract):  # noqa: F811
    minutes = approved(meeting, secretariat)
    version = minutes.versions.get()
    client = english(secretariat)
    page = client.get(reverse("governance:minutes_detail", args=[minutes.pk]))
    assert part(page, "version-status").text == "Approved"
    assert reverse("governance:minutes_edit", args=[version.pk]) not in page.content.decode()
    response = client.post(reverse("governance:minutes_edit", args=[version.pk]), {"text": "改写"})
    assert response.status_code == 200 and "Approved minutes are locked" in response.content.decode()
    assert MinutesVersion.objects.get(pk=version.pk).text != "改写"


def test_a_correction_and_the_versions_side_by_side(meeting, secretariat, votes_contract):  # noqa: F811
    minutes = approved(meeting, secretariat)
    client = english(secretariat)
    client.post(reverse("governance:minutes_correct", args=[minutes.pk]))
    v2 = minutes.versions.get(number=2)
    client.post(reverse("governance:minutes_edit", args=[v2.pk]), {"text": v2.text + "\n<b>更正</b>：补记一项决定。"})
    page = client.get(reverse("governance:minutes_compare", args=[minutes.pk]))
    diff = page.content.decode()
    assert "&lt;b&gt;更正&lt;/b&gt;：补记一项决定。" in diff and "<b>更正</b>" not in diff
    assert "Version 1" in part(page, "diff-table").text and "Version 2" in part(page, "diff-table").text
    versions = part(client.get(reverse("governance:minutes_detail", args=[minutes.pk])), "versions-table").text
    assert "Approved" in versions and "Draft" in versions


def test_people_of_other_organisations_find_no_draft(meeting, secretariat, outsider, admin_b):
    minutes = services.minutes_draft(actor=secretariat, meeting=meeting)
    for stranger in (outsider, admin_b):
        assert client_for(stranger).get(reverse("governance:minutes_detail", args=[minutes.pk])).status_code == 404
        listing = client_for(stranger).get(reverse("governance:minutes_list"))
        assert "第三次理事会会议" not in listing.content.decode()


def test_public_minutes_are_read_by_every_member_in_their_approved_version(meeting, secretariat, outsider,
                                                                           votes_contract):  # noqa: F811
    minutes = approved(meeting, secretariat)
    services.correction_start(actor=secretariat, minutes=minutes)
    services.minutes_set_public(actor=secretariat, minutes=minutes, public=True)
    page = english(outsider).get(reverse("governance:minutes_detail", args=[minutes.pk]))
    assert page.status_code == 200 and part(page, "version-status").text == "Approved"
    assert "Draft" not in part(page, "versions-table").text


def test_the_list_costs_the_same_queries_for_many_minutes(council, secretariat, admin_a):
    for n in range(3):
        services.minutes_draft(actor=secretariat, meeting=held_meeting(council, title=f"会议{n}"))
    few = {who: queries_for(client_for(who), reverse("governance:minutes_list")) for who in (secretariat, admin_a)}
    for n in range(3, 30):
        services.minutes_draft(actor=secretariat, meeting=held_meeting(council, title=f"会议{n}"))
    for who in (secretariat, admin_a):
        assert queries_for(client_for(who), reverse("governance:minutes_list")) == few[who]
        assert queries_for(client_for(who), reverse("governance:minutes_list"), q="会议2", status="open") <= few[who]


def test_the_list_filters_by_status_and_searches(council, secretariat, votes_contract):  # noqa: F811
    approved(held_meeting(council, title="已批准会议"), secretariat)
    services.minutes_draft(actor=secretariat, meeting=held_meeting(council, title="草稿会议"))
    client = client_for(secretariat)
    only_approved = part(client.get(reverse("governance:minutes_list"), {"status": "approved"}), "minutes-table").text
    assert "已批准会议" in only_approved and "草稿会议" not in only_approved
    found = part(client.get(reverse("governance:minutes_list"), {"q": "草稿"}), "minutes-table").text
    assert "草稿会议" in found and "已批准会议" not in found


def test_the_api_gives_the_versions_a_person_may_read(meeting, secretariat, admin_a, outsider, api_client):
    minutes = services.minutes_draft(actor=secretariat, meeting=meeting)
    services.comment_add(actor=admin_a, version=minutes.versions.get(), text="同意")
    [row] = api_client(admin_a).get("/api/v1/governance/minutes-versions/").json()["results"]
    assert (row["number"], row["status"], row["meeting_title"]) == (1, "draft", "第三次理事会会议")
    assert [c["text"] for c in row["comments"]] == ["同意"]
    assert api_client(outsider).get("/api/v1/governance/minutes-versions/").json()["results"] == []
    assert api_client(outsider).get(f"/api/v1/governance/minutes-versions/{row['id']}/").status_code == 404


def test_the_demo_has_approved_public_minutes_and_a_commented_correction():
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    minutes = Minutes.objects.get()
    assert minutes.is_public
    assert list(minutes.versions.order_by("number").values_list("number", "status")) == [
        (1, MinutesStatus.APPROVED), (2, MinutesStatus.DRAFT)]
    assert minutes.versions.get(number=2).comments.exists()
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    assert MinutesVersion.objects.count() == 2
    council = User.objects.get(username="council")
    page = client_for(council).get(reverse("governance:minutes_detail", args=[minutes.pk]))
    assert "同意提交理事会审议" in page.content.decode()


def test_the_hub_shows_the_minutes_waiting_and_the_matters_in_progress(meeting, secretariat, admin_a, teacher):
    services.minutes_draft(actor=secretariat, meeting=meeting)
    for who in (secretariat, admin_a):
        hub = part(english(who).get(reverse("governance:home")), "governance-home")
        assert "Minutes to comment or approve 1" in hub.text and "Matters in progress" in hub.text
        assert reverse("governance:minutes_list") in hub.links and reverse("governance:matters") in hub.links
    hub = part(english(teacher).get(reverse("governance:home")), "governance-home")
    assert "Minutes to comment or approve" not in hub.text and reverse("governance:minutes_list") in hub.links
