"""Industry mentors as people use them: the school appoints, the enterprise accepts, the school
records hours and completes; each sees their own scope, anything else answers 404. The list costs
as many queries for many appointments as for few; the API reads under the same rules."""

from datetime import date

import pytest
from django.urls import reverse

from members.models import OrganizationKind, Role
from members.tests.factories import OrganizationFactory, person
from tests.fixtures import client_for
from tests.pages import messages_on, part, queries_for
from training.models import MentorAppointment, MentorStatus
from training.services import mentors as services
from training.tests.mentors_support import appoint, make_engineer, make_school_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def school_admin(school):
    return make_school_admin(school)


@pytest.fixture
def engineer(org_a):
    return make_engineer(org_a)


def test_the_school_appoints_and_the_enterprise_accepts_on_the_pages(school_admin, school, engineer, org_a, admin_a):
    membership = engineer.memberships.get()
    response = client_for(school_admin).post(reverse("training:mentor_create"), {
        "school": school.pk, "mentor": membership.pk, "term": "2026–2027学年第一学期", "starts_on": "2026-09-01",
        "ends_on": "2027-01-15", "planned_hours": "32", "duties": "数控编程"}, follow=True)
    appointment = MentorAppointment.objects.get()
    assert response.redirect_chain[-1][0] == reverse("training:mentor", args=[appointment.pk])
    assert "周建国" in response.content.decode()
    client = client_for(admin_a)
    assert reverse("training:mentor_decide", args=[appointment.pk]) in part(
        client.get(reverse("training:mentor", args=[appointment.pk])), "mentor-buttons").links
    client.post(reverse("training:mentor_decide", args=[appointment.pk]), {"decision": "accept"})
    appointment.refresh_from_db()
    assert appointment.status == MentorStatus.ACCEPTED
    response = client_for(school_admin).post(reverse("training:mentor_hours", args=[appointment.pk]),
                                             {"taught_hours": "12"}, follow=True)
    assert "12 / 32" in part(response, "mentor-hours").text


def test_an_overlap_is_shown_on_its_field(school_admin, school, engineer, org_a):
    appoint(school_admin, school, engineer, org_a)
    response = client_for(school_admin).post(reverse("training:mentor_create"), {
        "school": school.pk, "mentor": engineer.memberships.get().pk, "term": "重叠", "starts_on": "2026-10-01",
        "ends_on": "2026-12-01", "planned_hours": "8"})
    assert response.status_code == 200 and response.context["form"].errors["starts_on"]


def test_declining_without_a_reason_is_shown_again(school_admin, school, engineer, org_a, admin_a):
    appointment = appoint(school_admin, school, engineer, org_a)
    response = client_for(admin_a).post(reverse("training:mentor_decide", args=[appointment.pk]), {"decision": "decline"})
    assert response.status_code == 200 and response.context["form"].errors["reason"]


def test_each_sees_their_own_scope(school_admin, school, engineer, org_a, org_b, admin_a, admin_b, teacher, student,
                                   secretariat, member_a):
    mine = appoint(school_admin, school, engineer, org_a)
    other_engineer = person(org_b, Role.ENGINEER, full_name="钱工")
    theirs = appoint(school_admin, school, other_engineer, org_b)
    for user, expected in ((teacher, {mine, theirs}), (secretariat, {mine, theirs}), (admin_a, {mine}),
                           (member_a, {mine}), (engineer, {mine}), (admin_b, {theirs})):
        rows = part(client_for(user).get(reverse("training:mentors")), "mentor-table").text
        for appointment in (mine, theirs):
            assert (appointment.mentor.full_name in rows) == (appointment in expected), (user, appointment)
    assert client_for(admin_b).get(reverse("training:mentor", args=[mine.pk])).status_code == 404
    assert client_for(student).get(reverse("training:mentors")).status_code == 404
    assert client_for(admin_a).get(reverse("training:mentor_hours", args=[mine.pk])).status_code == 404
    assert client_for(teacher).get(reverse("training:mentor_create")).status_code == 404


def test_another_schools_admin_cannot_touch_the_appointment(school_admin, school, engineer, org_a):
    other = OrganizationFactory(kind=OrganizationKind.SECONDARY_VOCATIONAL, name_zh="另一所学校")
    other_admin = person(other, Role.ORG_ADMIN)
    appointment = appoint(school_admin, school, engineer, org_a)
    client = client_for(other_admin)
    for name in ("training:mentor", "training:mentor_withdraw", "training:mentor_hours"):
        assert client.get(reverse(name, args=[appointment.pk])).status_code == 404
    assert client.post(reverse("training:mentor_complete", args=[appointment.pk])).status_code == 404


def test_completing_a_finished_term_on_the_page(school_admin, school, engineer, org_a, admin_a):
    appointment = appoint(school_admin, school, engineer, org_a, term=("上学期", date(2025, 2, 20), date(2025, 7, 10)))
    services.appointment_decide(appointment=appointment, actor=admin_a, accept=True)
    services.appointment_record_hours(appointment=appointment, actor=school_admin, taught_hours=30)
    response = client_for(school_admin).post(reverse("training:mentor_complete", args=[appointment.pk]), follow=True)
    assert messages_on(response)
    appointment.refresh_from_db()
    assert appointment.status == MentorStatus.COMPLETED


def test_the_list_filters_by_term_and_status_and_searches(school_admin, school, engineer, org_a, admin_a, teacher):
    first = appoint(school_admin, school, engineer, org_a)
    appoint(school_admin, school, engineer, org_a, term=("下学期", date(2027, 2, 20), date(2027, 7, 10)))
    services.appointment_decide(appointment=first, actor=admin_a, accept=True)
    client = client_for(teacher)
    rows = part(client.get(reverse("training:mentors"), {"term": "下学期"}), "mentor-table").text
    assert "下学期" in rows and "2026–2027" not in rows
    rows = part(client.get(reverse("training:mentors"), {"status": "accepted"}), "mentor-table").text
    assert "2026–2027" in rows and "下学期" not in rows
    rows = part(client.get(reverse("training:mentors"), {"q": "没有这个人"}), "mentor-table").text
    assert "周建国" not in rows


def test_the_list_costs_as_many_queries_for_many_appointments_as_for_few(school_admin, school, engineer, org_a,
                                                                        teacher):
    appoint(school_admin, school, engineer, org_a)
    client = client_for(teacher)
    few = queries_for(client, reverse("training:mentors"))
    for year in range(2030, 2045):
        mentor = person(org_a, Role.ENGINEER, full_name=f"导师{year}")
        appoint(school_admin, school, mentor, org_a, term=(f"{year}学年", date(year, 9, 1), date(year + 1, 1, 15)))
    assert queries_for(client, reverse("training:mentors")) == few
    assert queries_for(client, reverse("training:mentors"), q="导师", status="proposed") == few


def test_the_detail_page_costs_a_bounded_number_of_queries(school_admin, school, engineer, org_a, teacher,
                                                           django_assert_max_num_queries):
    appointment = appoint(school_admin, school, engineer, org_a)
    with django_assert_max_num_queries(30):
        assert client_for(teacher).get(reverse("training:mentor", args=[appointment.pk])).status_code == 200


def test_the_api_reads_under_the_same_rules(school_admin, school, engineer, org_a, admin_b, admin_a, api_client):
    appointment = appoint(school_admin, school, engineer, org_a)
    results = api_client(admin_a).get("/api/v1/training/mentors/").json()["results"]
    assert [(r["id"], r["term"], r["status"]) for r in results] == [(appointment.pk, appointment.term, "proposed")]
    assert api_client(admin_b).get("/api/v1/training/mentors/").json()["results"] == []
    assert api_client(admin_b).get(f"/api/v1/training/mentors/{appointment.pk}/").status_code == 404
