"""Motions, votes and resolutions in the API: the same rules as the pages — a seat holder casts
its seat's vote, others are refused; votes are read once the vote is closed; the register
filters by year and matter; an organisation's key reads but never votes."""

import pytest
from django.urls import reverse

from consortium.governance.models import Vote
from consortium.governance.services import votes as services
from consortium.governance.tests.votes_support import attend, council_fixture, propose, register  # noqa: F401
from members import services as member_services

pytestmark = pytest.mark.django_db


def test_a_seat_holder_casts_and_changes_a_vote_through_the_api(council, secretariat, admin_a, api_client):
    motion = propose(council, secretariat, written=True)
    client = api_client(admin_a)
    url = reverse("governance-vote-list")
    answer = client.post(url, {"motion": motion.pk, "seat": council.seat_a.pk, "choice": "against"}, format="json")
    assert answer.status_code == 201 and answer.json()["choice"] == "against"
    client.post(url, {"motion": motion.pk, "seat": council.seat_a.pk, "choice": "for"}, format="json")
    assert Vote.objects.get(motion=motion).choice == "for"


def test_voting_for_another_seat_is_refused_with_the_error_shape(council, secretariat, teacher, api_client):
    motion = propose(council, secretariat, written=True)
    answer = api_client(teacher).post(reverse("governance-vote-list"),
                                      {"motion": motion.pk, "seat": council.seat_a.pk, "choice": "for"}, format="json")
    assert answer.status_code == 403 and set(answer.json()) == {"code", "message", "errors"}
    services.withdraw_motion(actor=secretariat, motion=motion)
    answer = api_client(teacher).post(reverse("governance-vote-list"),
                                      {"motion": motion.pk, "seat": council.seat_school.pk, "choice": "for"},
                                      format="json")
    assert answer.status_code == 400 and "choice" in answer.json()["errors"]


def test_others_votes_are_read_once_the_vote_is_closed(council, secretariat, officer, admin_a, teacher, api_client):
    motion = propose(council, secretariat)
    services.cast_vote(actor=officer, motion=motion, seat=council.chair, choice="for")
    assert api_client(teacher).get(reverse("governance-vote-list")).json()["count"] == 0
    assert api_client(secretariat).get(reverse("governance-vote-list")).json()["count"] == 1
    attend(council, council.seat_a)
    services.close_motion(actor=secretariat, motion=motion)
    answer = api_client(teacher).get(reverse("governance-motion-detail", args=[motion.pk])).json()
    assert (answer["status"], answer["for_weight"], answer["resolution"]) == ("adopted", 2, motion.resolution.number)
    assert api_client(teacher).get(reverse("governance-vote-list")).json()["count"] == 1


def test_the_register_filters_by_year_and_matter(council, teacher, api_client):
    register(council.body, 4)
    register(council.body, 2, year=2025, matter="charter", title="章程")
    client = api_client(teacher)
    answer = client.get(reverse("governance-resolution-list"), {"year": 2025, "matter": "charter"}).json()
    assert sorted(r["number"] for r in answer["results"]) == ["2025-测-001", "2025-测-002"]
    assert client.get(reverse("governance-resolution-list"), {"matter": "nonsense"}).status_code == 400


def test_a_key_reads_the_council_but_never_votes(council, secretariat, admin_a, org_a, api_client):
    from rest_framework.test import APIClient

    motion = propose(council, secretariat, written=True)
    _key, secret = member_services.api_key_create(organization=org_a, actor=admin_a, name="对接",
                                                  scopes=["governance:write"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get(reverse("governance-motion-detail", args=[motion.pk])).status_code == 200
    answer = client.post(reverse("governance-vote-list"),
                         {"motion": motion.pk, "seat": council.seat_a.pk, "choice": "for"}, format="json")
    assert answer.status_code == 403
    assert not Vote.objects.exists()
