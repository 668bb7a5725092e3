"""The votes pages as people use them: my votes due, voting and changing the vote, declaring a
conflict, proposing on an agenda item, closing with a confirmation, the resolution register with
its filters, query counts and CSV/PDF exports, disclosure; and the demo's motions."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from consortium.governance.models import Motion, MotionStatus, Resolution, Vote
from consortium.governance.services import votes as services
from consortium.governance.tests.votes_support import attend, council_fixture, propose, register  # noqa: F401
from members.models import User
from tests.fixtures import client_for
from tests.pages import part

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def english(user):
    client = client_for(user)
    client.cookies["django_language"] = "en"
    return client


def en_name(org) -> str:
    with translation.override("en"):
        return org.name


# --- motions ------------------------------------------------------------------------------------------


def test_a_seat_holder_sees_the_vote_due_votes_and_changes_it(council, secretariat, admin_a):
    motion = propose(council, secretariat, written=True, title="章程修订草案")
    client = english(admin_a)
    page = client.get(reverse("governance:motions"))
    assert "章程修订草案" in part(page, "votes-due").text
    answer = client.post(reverse("governance:motion_vote", args=[motion.pk]),
                         {"seat": council.seat_a.pk, "choice": "against"}, follow=True)
    assert "You may change it until the vote closes" in answer.content.decode()
    assert "Against" in part(answer, "my-vote").text
    client.post(reverse("governance:motion_vote", args=[motion.pk]), {"seat": council.seat_a.pk, "choice": "for"})
    assert Vote.objects.get(motion=motion).choice == "for"
    assert "章程修订草案" not in part(client.get(reverse("governance:motions")), "votes-due").text


def test_votes_stay_hidden_from_members_until_the_vote_closes(council, secretariat, officer, admin_a, teacher):
    motion = propose(council, secretariat)
    services.cast_vote(actor=officer, motion=motion, seat=council.chair, choice="for")
    page = english(teacher).get(reverse("governance:motion", args=[motion.pk]))
    assert b'data-testid="vote-record"' not in page.content
    live = english(secretariat).get(reverse("governance:motion", args=[motion.pk]))
    assert en_name(council.chair.organization) in part(live, "vote-record").text
    attend(council, council.seat_a)
    services.close_motion(actor=secretariat, motion=motion)
    page = english(teacher).get(reverse("governance:motion", args=[motion.pk]))
    assert "For" in part(page, "vote-record").text
    assert "Adopted" in part(page, "motion-status").text
    assert "2" in part(page, "motion-count").text


def test_a_conflict_is_declared_on_the_page_and_shown_with_its_reason(council, secretariat, admin_a):
    motion = propose(council, secretariat)
    client = english(admin_a)
    answer = client.post(reverse("governance:motion_recuse", args=[motion.pk]),
                         {"seat": council.seat_a.pk, "reason": "本企业是项目承担单位"}, follow=True)
    assert "本企业是项目承担单位" in part(answer, "recusals").text
    assert "This seat is recused" in answer.content.decode()


def test_the_chair_proposes_on_an_agenda_item_and_opens_then_closes_after_confirming(council, officer, admin_a):
    client = english(officer)
    url = reverse("governance:motion_create") + f"?agenda_item={council.item.pk}"
    assert council.meeting.title in part(client.get(url), "agenda-item").text
    answer = client.post(url, {"title": "年度工作计划", "text": "同意。", "matter": "plan", "mode": "meeting"})
    motion = Motion.objects.get(title="年度工作计划")
    assert answer["Location"] == reverse("governance:motion", args=[motion.pk])
    assert (motion.agenda_item, motion.rule) == (council.item, "absolute")
    confirm = client.get(reverse("governance:motion_action", args=[motion.pk, "open"]))
    assert "can no longer change" in part(confirm, "action-explained").text
    client.post(reverse("governance:motion_action", args=[motion.pk, "open"]))
    for seat in (council.chair, council.seat_a, council.seat_school):
        attend(council, seat)
    services.cast_vote(actor=officer, motion=motion, seat=council.chair, choice="for")
    services.cast_vote(actor=admin_a, motion=motion, seat=council.seat_a, choice="for")
    closing = client.get(reverse("governance:motion_action", args=[motion.pk, "close"]))
    assert "So far: for 3" in part(closing, "action-explained").text
    page = client.post(reverse("governance:motion_action", args=[motion.pk, "close"]), follow=True)
    resolution = Resolution.objects.get(motion=motion)
    assert resolution.number in part(page, "motion-resolution").text


def test_a_member_may_not_propose_on_an_agenda_item(council, admin_a):
    url = reverse("governance:motion_create") + f"?agenda_item={council.item.pk}"
    assert client_for(admin_a).get(url).status_code == 404


def test_the_motion_list_costs_the_same_queries_for_many_motions(council, secretariat, admin_a,
                                                                  django_assert_max_num_queries):
    for i in range(30):
        propose(council, secretariat, written=True, title=f"动议{i}")
    client = client_for(admin_a)
    client.get(reverse("governance:motions"))
    with django_assert_max_num_queries(15):
        page = client.get(reverse("governance:motions") + "?q=动议&status=open")
    assert page.status_code == 200 and "动议29" in part(page, "motion-table").text


# --- the register ------------------------------------------------------------------------------------


def test_the_register_searches_filters_and_paginates_in_few_queries(council, teacher, django_assert_max_num_queries):
    register(council.body, 60)
    register(council.body, 3, year=2025, title="旧决议", matter="charter")
    client = client_for(teacher)
    client.get(reverse("governance:resolutions"))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("governance:resolutions") + "?page=2")
    assert len(part(page, "resolution-table").links) == 25
    page = client.get(reverse("governance:resolutions") + f"?year=2025&matter=charter&body={council.body.pk}")
    assert [link for link in part(page, "resolution-table").links] == [
        reverse("governance:resolution", args=[r.pk]) for r in Resolution.objects.filter(year=2025).order_by(
            "-adopted_on", "-sequence")]
    page = client.get(reverse("governance:resolutions") + "?q=2026-测-007")
    assert "决议6" in part(page, "resolution-table").text and "决议7" not in part(page, "resolution-table").text


def test_the_register_exports_to_csv_with_formulas_neutralised(council, teacher):
    register(council.body, 2)
    register(council.body, 1, year=2025, title="=HYPERLINK(\"x\")")
    answer = english(teacher).get(reverse("governance:resolutions_export", args=["csv"]) + "?year=2025")
    text = b"".join(answer.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffnumber,")
    assert "'=HYPERLINK" in text and "2025-测-001" in text and "2026-测-001" not in text


def test_the_register_exports_to_pdf_in_chinese(council, teacher):
    register(council.body, 30, title="产教融合决议")
    answer = client_for(teacher).get(reverse("governance:resolutions_export", args=["pdf"]))
    assert answer["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(answer.content)).pages)
    assert "2026-测-030" in text and "产教融合决议" in text


def test_the_resolution_page_shows_the_vote_record_and_the_secretariat_discloses_it(council, secretariat, officer):
    motion = propose(council, secretariat)
    attend(council, council.seat_a)
    services.cast_vote(actor=officer, motion=motion, seat=council.chair, choice="for")
    resolution = services.close_motion(actor=secretariat, motion=motion).resolution
    client = english(secretariat)
    page = client.get(reverse("governance:resolution", args=[resolution.pk]))
    assert resolution.number == part(page, "resolution-number").text
    assert en_name(council.chair.organization) in part(page, "vote-record").text
    client.post(reverse("governance:resolution_disclose", args=[resolution.pk]))
    resolution.refresh_from_db()
    assert resolution.is_public


# --- the demo --------------------------------------------------------------------------------------------


def test_the_demo_has_resolutions_a_rejected_motion_a_recusal_and_an_open_vote_and_seeds_again_unchanged():
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    numbers = sorted(Resolution.objects.filter(body__code="理").values_list("number", flat=True))
    year = numbers[0][:4]
    assert numbers[:3] == [f"{year}-理-001", f"{year}-理-002", f"{year}-理-003"]
    assert Motion.objects.filter(status=MotionStatus.REJECTED).exists()
    assert Resolution.objects.filter(is_public=True).exists()
    assert Motion.objects.filter(recusals__isnull=False).exists()
    counts = (Motion.objects.count(), Vote.objects.count(), Resolution.objects.count())
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    assert (Motion.objects.count(), Vote.objects.count(), Resolution.objects.count()) == counts
    for username in ("council", "school_admin"):
        page = client_for(User.objects.get(username=username)).get(reverse("governance:motions"))
        assert "章程修订：增设副理事长单位" in part(page, "votes-due").text


def test_the_hub_shows_votes_due_with_a_badge_and_the_register(council, secretariat, admin_a, outsider):
    propose(council, secretariat, written=True)
    page = english(admin_a).get(reverse("governance:home"))
    hub = part(page, "governance-home")
    assert "Votes due 1" in hub.text
    assert reverse("governance:motions") in hub.links and reverse("governance:resolutions") in hub.links
    other = part(english(outsider).get(reverse("governance:home")), "governance-home")
    assert "Votes due" not in other.text and reverse("governance:resolutions") in other.links
