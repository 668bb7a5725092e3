"""Industry colleges, training bases and bookings as people use them: a school's administrator
builds a college and a base; a teacher and a partner enterprise request bookings from the base's
calendar; an overlap is explained in the form; the owner school's administrator accepts and
declines from the queue; a requester cancels from "my bookings". The week calendar moves by weeks.
Lists cost as many queries for many rows as for few; what is outside the viewer's reach answers 404."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import Role
from members.tests.factories import OrganizationFactory, person
from training.models import BaseBooking, BookingStatus, IndustryCollege, TrainingBase
from training.services import bases as services
from training.tests.bases_support import make_base, make_college, request, school_admin_fixture, soon  # noqa: F401
from tests.fixtures import client_for
from tests.pages import messages_on, part, queries_for, zh

pytestmark = pytest.mark.django_db


def _local(value):
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_a_school_admin_builds_a_college_and_a_base_with_equipment(school_admin, school, org_a):
    client = client_for(school_admin)
    response = client.post(reverse("training:college_create"), {
        "name": "智能制造产业学院", "lead_school": school.pk, "partners": [org_a.pk], "description": "共建。"},
        follow=True)
    college = IndustryCollege.objects.get()
    assert response.redirect_chain[-1][0] == reverse("training:college", args=[college.pk])
    response = client.post(reverse("training:base_create"), {
        "name": "数控实训中心", "kind": "on_campus", "owner": school.pk, "college": college.pk, "partners": [org_a.pk],
        "capacity": "30", "opening_hours": "8:00–17:00", "equipment": "数控车床; CK6150; 6\n加工中心；DMU 50；2"},
        follow=True)
    base = TrainingBase.objects.get()
    assert response.redirect_chain[-1][0] == reverse("training:base", args=[base.pk])
    assert [(e.name, e.model, e.quantity) for e in base.equipment.all()] == [("加工中心", "DMU 50", 2),
                                                                             ("数控车床", "CK6150", 6)]
    response = client.post(reverse("training:base_edit", args=[base.pk]), {
        "name": "数控实训中心", "kind": "on_campus", "owner": school.pk, "capacity": "30", "equipment": "数控车床; CK6150; x"})
    assert response.status_code == 200
    assert "Line 1" in response.content.decode() or "第 1 行" in response.content.decode()


def test_a_teacher_requests_from_the_calendar_and_an_overlap_is_explained(school_admin, school, org_a, teacher,
                                                                         admin_a):
    base = make_base(school_admin, school, [org_a])
    client = client_for(teacher)
    response = client.post(reverse("training:booking_create", args=[base.pk]), {
        "organization": school.pk, "starts_at": _local(soon(1)), "ends_at": _local(soon(3)),
        "purpose": "机器人编程实训", "group_size": "20"}, follow=True)
    booking = BaseBooking.objects.get()
    assert booking.status == BookingStatus.PENDING and booking.requested_by == teacher
    assert zh("Your request is sent to the base's school for a decision.") in messages_on(response)
    assert "机器人编程实训" in part(response, "calendar").text
    services.booking_accept(booking=booking, actor=school_admin)
    response = client_for(admin_a).post(reverse("training:booking_create", args=[base.pk]), {
        "organization": org_a.pk, "starts_at": _local(soon(2)), "ends_at": _local(soon(4)),
        "purpose": "员工培训", "group_size": "10"})
    assert response.status_code == 200
    when = timezone.localtime(soon(1)).strftime("%Y-%m-%d %H:%M")
    assert zh("It overlaps with the booking of %(organization)s from %(start)s to %(end)s.",
              organization=school.name_zh, start=when,
              end=timezone.localtime(soon(3)).strftime("%Y-%m-%d %H:%M")) in response.content.decode()
    assert BaseBooking.objects.count() == 1
    response = client_for(admin_a).post(reverse("training:booking_create", args=[base.pk]), {
        "organization": org_a.pk, "starts_at": _local(soon(4)), "ends_at": _local(soon(5)),
        "purpose": "员工培训", "group_size": "31"})
    assert "30" in response.content.decode() and BaseBooking.objects.count() == 1


def test_the_owner_decides_from_the_queue_and_the_requester_cancels(school_admin, school, org_a, teacher, admin_a):
    base = make_base(school_admin, school, [org_a])
    first, second = request(admin_a, base, org_a, 1, 3), request(teacher, base, school, 2, 4)
    client = client_for(school_admin)
    queue = part(client.get(reverse("training:booking_queue")), "booking-table").text
    assert first.purpose in queue and org_a.name_zh in queue
    response = client.post(reverse("training:booking_accept", args=[first.pk]), follow=True)
    assert zh("The booking is accepted.") in messages_on(response)
    # The second now meets the first: the queue says so, and accepting it is refused with the reason.
    assert org_a.name_zh in part(client.get(reverse("training:booking_queue")), "booking-table").text
    response = client.post(reverse("training:booking_accept", args=[second.pk]))
    assert response.status_code == 200 and org_a.name_zh in response.content.decode()
    response = client.post(reverse("training:booking_decline", args=[second.pk]), {"reason": ""})
    assert response.status_code == 200
    client.post(reverse("training:booking_decline", args=[second.pk]), {"reason": "与已接受的预约重叠"})
    second.refresh_from_db()
    assert second.status == BookingStatus.DECLINED
    mine = client_for(teacher).get(reverse("training:my_bookings"))
    assert "与已接受的预约重叠" in part(mine, "booking-table").text
    response = client_for(admin_a).post(reverse("training:booking_cancel", args=[first.pk]), follow=True)
    first.refresh_from_db()
    assert first.status == BookingStatus.CANCELLED
    assert response.redirect_chain[-1][0] == reverse("training:my_bookings")


def test_the_calendar_moves_by_weeks_and_shows_others_only_their_accepted_bookings(school_admin, school, org_a,
                                                                                   teacher, admin_a, admin_b):
    base = make_base(school_admin, school, [org_a])
    pending = request(admin_a, base, org_a, 1, 2, purpose="待定的培训")
    later = services.booking_accept(booking=request(teacher, base, school, 24 * 14 + 1, 24 * 14 + 2,
                                                    purpose="两周后的实训"), actor=school_admin)
    url = reverse("training:base_calendar", args=[base.pk])
    week = timezone.localtime(pending.starts_at).date().isoformat()
    assert "待定的培训" in part(client_for(admin_a).get(url, {"week": week}), "calendar").text
    assert "待定的培训" not in part(client_for(admin_b).get(url, {"week": week}), "calendar").text
    later_week = timezone.localtime(later.starts_at).date().isoformat()
    assert "两周后的实训" in part(client_for(admin_b).get(url, {"week": later_week}), "calendar").text
    response = client_for(admin_b).get(url, {"week": later_week})
    nxt = timezone.localtime(later.starts_at).date() + timedelta(days=7)
    monday = nxt - timedelta(days=nxt.weekday())
    assert f"?week={monday.isoformat()}" in response.content.decode()
    assert client_for(admin_b).get(url, {"week": "2026-13-45"}).status_code == 200


def test_outside_the_reach_answers_404(school_admin, school, org_a, admin_a, admin_b, officer, teacher):
    base = make_base(school_admin, school, [org_a])
    booking = request(admin_a, base, org_a, 1, 2)
    assert client_for(officer).get(reverse("training:base", args=[base.pk])).status_code == 404
    assert client_for(admin_b).get(reverse("training:booking_create", args=[base.pk])).status_code == 404
    assert client_for(admin_b).post(reverse("training:booking_cancel", args=[booking.pk])).status_code == 404
    assert client_for(teacher).post(reverse("training:booking_accept", args=[booking.pk])).status_code == 404
    assert client_for(admin_a).get(reverse("training:booking_queue")).status_code == 404
    assert client_for(teacher).get(reverse("training:base", args=[base.pk + 1000])).status_code == 404


def test_the_lists_search_and_filter(school_admin, school, org_a, admin_a):
    make_base(school_admin, school, [org_a], name="数控实训中心")
    make_base(school_admin, school, name="电子实训室", kind="enterprise")
    client = client_for(admin_a)
    assert "电子实训室" not in part(client.get(reverse("training:bases"), {"q": "数控"}), "base-table").text
    table = part(client.get(reverse("training:bases"), {"kind": "enterprise"}), "base-table").text
    assert "电子实训室" in table and "数控实训中心" not in table
    make_college(school_admin, school, [org_a])
    assert "智能制造产业学院" in part(client.get(reverse("training:colleges"), {"school": school.pk}),
                                     "college-table").text


def _many(school_admin, school, org_a, teacher, admin_a, n, offset):
    college = make_college(school_admin, school, [org_a], name=f"产业学院{offset}")
    for i in range(n):
        base = make_base(school_admin, school, [org_a], name=f"实训基地{offset}-{i}", college=college)
        request(admin_a, base, org_a, 1 + i, 2 + i)
        request(teacher, base, school, 1 + i, 2 + i)
        make_college(school_admin, school, [org_a, OrganizationFactory()], name=f"学院{offset}-{i}")
    return base


@pytest.mark.parametrize("name", ["training:colleges", "training:bases", "training:my_bookings",
                                  "training:booking_queue"])
def test_lists_cost_as_many_queries_for_many_rows_as_for_few(name, school_admin, school, org_a, teacher, admin_a):
    viewer = school_admin if name == "training:booking_queue" else admin_a
    if name == "training:booking_queue":
        person(org_a, Role.TEACHER, username="x")
    client = client_for(viewer)
    _many(school_admin, school, org_a, teacher, admin_a, 1, 0)
    few = queries_for(client, reverse(name))
    _many(school_admin, school, org_a, teacher, admin_a, 8, 1)
    assert queries_for(client, reverse(name)) <= few


def test_the_calendar_costs_the_same_for_a_full_week(school_admin, school, org_a, teacher, admin_a,
                                                     django_assert_max_num_queries):
    base = make_base(school_admin, school, [org_a])
    for i in range(10):
        services.booking_accept(booking=request(teacher, base, school, i * 2, i * 2 + 1), actor=school_admin)
    client = client_for(admin_a)
    week = timezone.localtime(soon(0)).date().isoformat()
    with django_assert_max_num_queries(16):
        response = client.get(reverse("training:base_calendar", args=[base.pk]), {"week": week})
    assert response.status_code == 200


def test_pages_answer_in_english_too(school_admin, school, org_a, admin_a):
    base = make_base(school_admin, school, [org_a])
    client = client_for(admin_a)
    response = client.get(reverse("training:base_calendar", args=[base.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200


def test_the_console_lists_everything_and_cancels_the_selected_bookings_through_the_service(
        secretariat, school_admin, school, org_a, admin_a):
    base = make_base(school_admin, school, [org_a])
    make_college(school_admin, school, [org_a])
    booking = services.booking_accept(booking=request(admin_a, base, org_a, 1, 2), actor=school_admin)
    client = client_for(secretariat)
    for model in ("industrycollege", "trainingbase", "basebooking"):
        assert client.get(reverse(f"admin:training_{model}_changelist")).status_code == 200
    assert client.get(reverse("admin:training_trainingbase_change", args=[base.pk])).status_code == 200
    response = client.post(reverse("admin:training_basebooking_changelist"), {
        "action": "cancel", "_selected_action": [booking.pk]}, follow=True)
    assert response.status_code == 200
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED and booking.cancelled_by == secretariat
