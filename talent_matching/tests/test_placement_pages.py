"""Placement rounds as people use them: the secretariat creates, opens, runs and confirms a round
and starts the next one; a student ranks postings and reads where they are placed; an
enterprise reads who ranked its posting and refuses one; a school reads its students' choices.
Each list page costs as many queries for many rows as for few; the API reads under the same rules."""

import pytest
from django.urls import reverse

from talent_matching.models import Placement, PlacementRound, PostingKind, RoundStatus, Visibility
from talent_matching.services import placement as services
from talent_matching.tests.placement_support import new_student, posting, profile_of
from tests.fixtures import client_for
from tests.pages import messages_on, part, queries_for, zh

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_round(school, org_a, org_b, secretariat, student):
    a = posting(org_a, "装配实习", headcount=1)
    b = posting(org_b, "检测实习", headcount=1)
    profile_of(student, school)
    placement_round = services.round_create(actor=secretariat, name="2027 届实习", kind=PostingKind.INTERNSHIP,
                                            schools=[school], postings={a: None, b: None})
    return services.round_open(placement_round=placement_round, actor=secretariat), a, b


def test_the_secretariat_creates_a_round_from_the_form(school, org_a, secretariat):
    a = posting(org_a, "装配实习")
    response = client_for(secretariat).post(reverse("talent:placement_round_create"), {
        "name": "2027 届实习", "kind": "internship", "schools": [school.pk], "postings": [a.pk]}, follow=True)
    placement_round = PlacementRound.objects.get()
    assert response.redirect_chain[-1][0] == reverse("talent:placement_round", args=[placement_round.pk])
    assert "装配实习" in part(response, "round-postings").text
    assert placement_round.seed in part(response, "seed").text


def test_a_round_without_a_school_is_refused_with_the_reason(org_a, secretariat):
    a = posting(org_a)
    response = client_for(secretariat).post(reverse("talent:placement_round_create"), {
        "name": "x", "kind": "internship", "postings": [a.pk]})
    assert response.status_code == 200
    assert response.context["form"].errors["schools"]
    assert not PlacementRound.objects.exists()


def test_a_student_ranks_postings_and_sees_their_choices(open_round, student):
    placement_round, a, b = open_round
    client = client_for(student)
    response = client.post(reverse("talent:placement_rank", args=[placement_round.pk]),
                           {"choice_1": b.pk, "choice_2": a.pk}, follow=True)
    assert zh("Your choices are saved. You may change them until the round closes.") in messages_on(response)
    text = part(response, "my-round").text
    assert text.index("检测实习") < text.index("装配实习")


def test_ranking_the_same_posting_twice_is_refused(open_round, student):
    placement_round, a, _b = open_round
    response = client_for(student).post(reverse("talent:placement_rank", args=[placement_round.pk]),
                                        {"choice_1": a.pk, "choice_2": a.pk})
    assert response.status_code == 200
    assert zh("Rank each posting once.") in response.content.decode()


def test_the_whole_round_from_run_to_confirmation_and_the_next_round(open_round, school, secretariat, student,
                                                                      teacher):
    placement_round, a, b = open_round
    rival = new_student(school, "rival", full_name="李同学")
    new_student(school, "late", full_name="王同学")  # ranks nothing
    me = student.talent_profile
    services.preferences_save(placement_round=placement_round, student_profile=me, postings=[a], actor=student)
    services.preferences_save(placement_round=placement_round, student_profile=rival, postings=[a], actor=rival.student)
    admin = client_for(secretariat)
    response = admin.post(reverse("talent:placement_round_action", args=[placement_round.pk, "run"]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("talent:placement_results", args=[placement_round.pk])
    table = part(response, "result-table").text
    assert zh("Every posting ranked was filled by students of higher priority") in table
    assert zh("Ranked no posting") in table and "王同学" in table
    unplaced = admin.get(reverse("talent:placement_results", args=[placement_round.pk]), {"outcome": "ranked_nothing"})
    assert "王同学" in part(unplaced, "result-table").text and "李同学" not in part(unplaced, "result-table").text

    # Before confirmation the student does not see a result; the school sees choices only.
    assert "my-round" in client_for(student).get(reverse("talent:placement_round", args=[placement_round.pk])).content.decode()
    school_page = client_for(teacher).get(reverse("talent:placement_school", args=[placement_round.pk]))
    assert zh("Not confirmed yet") in part(school_page, "school-table").text

    response = admin.post(reverse("talent:placement_round_action", args=[placement_round.pk, "confirm"]), follow=True)
    assert zh("The placements are confirmed and entered in the transparency log.") in messages_on(response)
    placed = Placement.objects.get()
    assert placed.log_index is not None
    winner = placed.profile
    loser = rival if winner == me else me
    page = client_for(winner.student).get(reverse("talent:placement_round", args=[placement_round.pk]))
    assert "装配实习" in part(page, "my-round").text
    page = client_for(loser.student).get(reverse("talent:placement_round", args=[placement_round.pk]))
    assert zh("Every posting ranked was filled by students of higher priority") in part(page, "my-round").text
    school_page = client_for(teacher).get(reverse("talent:placement_school", args=[placement_round.pk]))
    assert "装配实习" in part(school_page, "school-table").text

    response = admin.post(reverse("talent:placement_round_action", args=[placement_round.pk, "second"]), follow=True)
    second = PlacementRound.objects.get(parent=placement_round)
    assert response.redirect_chain[-1][0] == reverse("talent:placement_round", args=[second.pk])
    assert second.status == RoundStatus.DRAFT
    assert "检测实习" in part(response, "round-postings").text and "装配实习" not in part(response, "round-postings").text


def test_confirming_before_running_is_refused_on_the_page(open_round, secretariat):
    placement_round, _a, _b = open_round
    response = client_for(secretariat).post(reverse("talent:placement_round_action", args=[placement_round.pk, "confirm"]))
    assert zh("Run the round before confirming it.") in part(response, "action-error").text
    assert not Placement.objects.exists()


def test_an_enterprise_sees_who_ranked_its_posting_as_far_as_consent_goes_and_refuses_one(
        open_round, school, admin_a, student):
    placement_round, a, _b = open_round
    services.preferences_save(placement_round=placement_round, student_profile=student.talent_profile, postings=[a],
                              actor=student)
    shy = new_student(school, "shy", full_name="赵同学", visibility=Visibility.NOBODY)
    services.preferences_save(placement_round=placement_round, student_profile=shy, postings=[a], actor=shy.student)
    client = client_for(admin_a)
    url = reverse("talent:placement_applicants", args=[placement_round.pk, a.pk])
    response = client.get(url)
    table = part(response, "applicant-table").text
    assert student.display_name in table and "赵同学" not in table
    assert part(response, "hidden-count").text
    response = client.post(reverse("talent:placement_refuse", args=[placement_round.pk, a.pk, student.talent_profile.pk]),
                           {"refused": "1"}, follow=True)
    assert zh("Refused by the enterprise") in part(response, "applicant-table").text
    # A student hidden by consent cannot be refused by address either.
    response = client.post(reverse("talent:placement_refuse", args=[placement_round.pk, a.pk, shy.pk]), {"refused": "1"})
    assert response.status_code == 404


def test_the_other_enterprise_and_a_draft_are_not_found(open_round, outsider, student, school, org_a, secretariat):
    placement_round, a, _b = open_round
    assert client_for(outsider).get(reverse("talent:placement_applicants", args=[placement_round.pk, a.pk])).status_code == 404
    draft = services.round_create(actor=secretariat, name="草稿", kind=PostingKind.INTERNSHIP, schools=[school],
                                  postings={a: None})
    assert client_for(student).get(reverse("talent:placement_round", args=[draft.pk])).status_code == 404


def _grow(placement_round, school, posting_, n, start):
    for i in range(n):
        profile = new_student(school, f"g{start + i}")
        services.preferences_save(placement_round=placement_round, student_profile=profile, postings=[posting_],
                                  actor=profile.student)


def test_list_pages_cost_as_many_queries_for_many_rows_as_for_few(open_round, school, org_a, secretariat, admin_a,
                                                                    teacher):
    placement_round, a, _b = open_round
    _grow(placement_round, school, a, 2, 0)
    services.round_run(placement_round=placement_round, actor=secretariat)
    pages = [
        (client_for(secretariat), reverse("talent:placement_rounds")),
        (client_for(secretariat), reverse("talent:placement_results", args=[placement_round.pk])),
        (client_for(admin_a), reverse("talent:placement_applicants", args=[placement_round.pk, a.pk])),
        (client_for(teacher), reverse("talent:placement_school", args=[placement_round.pk])),
        (client_for(secretariat), reverse("talent:placement_round", args=[placement_round.pk])),
    ]
    few = [queries_for(client, url) for client, url in pages]
    for n in range(3):
        services.round_create(actor=secretariat, name=f"另一轮 {n}", kind=PostingKind.INTERNSHIP, schools=[school],
                              postings={posting(org_a, f"岗位 {n}"): None})
    PlacementRound.objects.filter(pk=placement_round.pk).update(status=RoundStatus.COLLECTING)
    _grow(placement_round, school, a, 8, 10)
    services.round_run(placement_round=placement_round, actor=secretariat)
    many = [queries_for(client, url) for client, url in pages]
    assert many == few
    assert max(few) <= 25


def test_the_api_reads_rounds_and_placements_under_the_same_rules(open_round, api_client, student, outsider,
                                                                    secretariat, admin_a):
    placement_round, a, _b = open_round
    services.preferences_save(placement_round=placement_round, student_profile=student.talent_profile, postings=[a],
                              actor=student)
    services.round_run(placement_round=placement_round, actor=secretariat)
    services.round_confirm(placement_round=placement_round, actor=secretariat)
    rounds = api_client(student).get("/api/v1/placement-rounds/").json()
    assert [r["id"] for r in rounds["results"]] == [placement_round.pk]
    assert rounds["results"][0]["seed"] == placement_round.seed
    # B has a posting in the round too: its people see the round, not A's placements.
    assert [r["id"] for r in api_client(outsider).get("/api/v1/placement-rounds/").json()["results"]] == [placement_round.pk]
    for someone in (student, admin_a, secretariat):
        placements = api_client(someone).get("/api/v1/placements/").json()["results"]
        assert [(p["profile"], p["posting"]) for p in placements] == [(student.talent_profile.pk, a.pk)]
        assert placements[0]["log_index"] is not None
    assert api_client(outsider).get("/api/v1/placements/").json()["results"] == []


def test_a_student_finds_the_open_round_on_the_home_page_and_in_the_menu(open_round, student, outsider, officer):
    placement_round, _a, _b = open_round
    page = client_for(student).get(reverse("home"))
    assert reverse("talent:placement_round", args=[placement_round.pk]) in page.content.decode()
    assert reverse("talent:placement_rounds") in page.content.decode()
    # A public body's officer has no part in rounds: no menu entry, no panel.
    page = client_for(officer).get(reverse("home"))
    assert reverse("talent:placement_rounds") not in page.content.decode()
