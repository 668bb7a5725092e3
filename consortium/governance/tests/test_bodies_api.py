"""Bodies and seats in the API: what members read (bodies with their current seats, the seats with
their history), under the pages' rules."""

import pytest

from consortium.governance.models import SeatRole
from consortium.governance.services import bodies as services
from consortium.governance.tests.bodies_world import TERM, council, working_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def seated(secretariat, org_a, admin_a, member_a, org_b, admin_b):
    body = council(name="常州理事会", code="理")
    seat = services.appoint_seat(actor=secretariat, body=body, organization=org_a, principal=admin_a,
                                 alternate=member_a, role=SeatRole.CHAIR, weight=2, term_start=TERM)
    ended = services.appoint_seat(actor=secretariat, body=body, organization=org_b, principal=admin_b,
                                  term_start=TERM)
    services.end_seat(actor=secretariat, seat=ended, reason="退出")
    return body, seat, ended


def test_a_member_reads_a_body_with_its_current_seats(api_client, teacher, seated):
    body, seat, _ended = seated
    answer = api_client(teacher).get(f"/api/v1/governance/bodies/{body.pk}/")

    assert answer.status_code == 200
    data = answer.json()
    assert (data["name"], data["code"], data["kind"]) == ("常州理事会", "理", "council")
    assert [s["id"] for s in data["seats"]] == [seat.pk]
    assert data["seats"][0]["principal"]["name"] == seat.principal.display_name
    assert data["seats"][0]["alternate"]["id"] == seat.alternate_id
    assert data["seats"][0]["weight"] == 2 and data["seats"][0]["role"] == "chair"


def test_the_seats_list_keeps_the_history_and_filters_the_current(api_client, teacher, seated):
    _body, seat, ended = seated
    client = api_client(teacher)

    everything = client.get("/api/v1/governance/seats/").json()
    current = client.get("/api/v1/governance/seats/", {"current": "true"}).json()

    assert {s["id"] for s in everything["results"]} == {seat.pk, ended.pk}
    assert [s["id"] for s in current["results"]] == [seat.pk]
    past = next(s for s in everything["results"] if s["id"] == ended.pk)
    assert past["current"] is False and past["end_reason"] == "退出"


def test_deactivated_bodies_are_the_secretariats_and_students_see_none(api_client, teacher, student, secretariat,
                                                                       seated):
    old = working_group(name="旧工作组", code="旧")
    services.deactivate_body(actor=secretariat, body=old)

    members = {b["code"] for b in api_client(teacher).get("/api/v1/governance/bodies/").json()["results"]}
    staff = {b["code"] for b in api_client(secretariat).get("/api/v1/governance/bodies/").json()["results"]}

    assert members == {"理"} and staff == {"理", "旧"}
    assert api_client(student).get("/api/v1/governance/bodies/").json()["results"] == []
    assert api_client().get("/api/v1/governance/bodies/").status_code == 401


def test_bodies_are_read_only_in_the_api(api_client, secretariat, seated):
    body, _seat, _ended = seated
    answer = api_client(secretariat).patch(f"/api/v1/governance/bodies/{body.pk}/", {"name": "改名"}, format="json")

    assert answer.status_code == 405
