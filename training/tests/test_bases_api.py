"""The bases API: colleges and bases read by everyone in the training area; bookings requested
through the service, with an overlap refused in the error shape naming the booking met; accept,
decline and cancel as actions under the pages' rules; lists scoped to the caller."""

import pytest
from django.urls import reverse

from training.models import BookingStatus
from training.services import bases as services
from training.tests.bases_support import make_base, make_college, request, school_admin_fixture, soon  # noqa: F401

pytestmark = pytest.mark.django_db


def test_colleges_and_bases_are_read_with_their_equipment(api_client, school_admin, school, org_a, admin_b, officer):
    college = make_college(school_admin, school, [org_a])
    base = make_base(school_admin, school, [org_a], college=college)
    data = api_client(admin_b).get(reverse("training-base-detail", args=[base.pk])).json()
    assert data["equipment"] == [{"name": "工业机器人", "model": "IRB 1200", "quantity": 4}]
    assert data["college"] == college.pk and data["owner_name"] == school.name_zh
    listing = api_client(admin_b).get(reverse("training-industry-college-list")).json()
    assert [row["name"] for row in listing["results"]] == [college.name]
    assert api_client(officer).get(reverse("training-base-detail", args=[base.pk])).status_code == 404


def test_a_booking_is_requested_accepted_and_an_overlap_refused_in_the_error_shape(api_client, school_admin, school,
                                                                                  org_a, admin_a, teacher):
    base = make_base(school_admin, school, [org_a])
    response = api_client(admin_a).post(reverse("training-base-booking-list"), {
        "base": base.pk, "organization": org_a.pk, "starts_at": soon(1).isoformat(), "ends_at": soon(3).isoformat(),
        "purpose": "员工培训", "group_size": 12}, format="json")
    assert response.status_code == 201, response.json()
    booking_id = response.json()["id"]
    assert response.json()["status"] == BookingStatus.PENDING
    response = api_client(school_admin).post(reverse("training-base-booking-accept", args=[booking_id]))
    assert response.status_code == 200 and response.json()["status"] == BookingStatus.ACCEPTED
    response = api_client(teacher).post(reverse("training-base-booking-list"), {
        "base": base.pk, "organization": school.pk, "starts_at": soon(2).isoformat(), "ends_at": soon(4).isoformat(),
        "purpose": "实训课", "group_size": 12}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and org_a.name_zh in body["errors"]["starts_at"][0]


def test_decline_needs_a_reason_and_only_the_owner_decides(api_client, school_admin, school, org_a, admin_a):
    base = make_base(school_admin, school, [org_a])
    booking = request(admin_a, base, org_a, 1, 2)
    url = reverse("training-base-booking-decline", args=[booking.pk])
    assert api_client(admin_a).post(url, {"reason": "不便"}, format="json").status_code == 403
    response = api_client(school_admin).post(url, {}, format="json")
    assert response.status_code == 400 and "reason" in response.json()["errors"]
    response = api_client(school_admin).post(url, {"reason": "设备检修"}, format="json")
    assert response.json()["status"] == BookingStatus.DECLINED and response.json()["decline_reason"] == "设备检修"


def test_the_bookings_list_is_scoped_and_cancel_frees_the_slot(api_client, school_admin, school, org_a, admin_a,
                                                               admin_b, teacher):
    base = make_base(school_admin, school, [org_a])
    booking = services.booking_accept(booking=request(admin_a, base, org_a, 1, 2), actor=school_admin)
    assert api_client(admin_b).get(reverse("training-base-booking-list")).json()["results"] == []
    assert [r["id"] for r in api_client(school_admin).get(reverse("training-base-booking-list")).json()["results"]] == [
        booking.pk]
    response = api_client(admin_a).post(reverse("training-base-booking-cancel", args=[booking.pk]))
    assert response.json()["status"] == BookingStatus.CANCELLED
    services.booking_accept(booking=request(teacher, base, school, 1, 2), actor=school_admin)
