"""Bodies and seats as people use them: the lists (searched, filtered, paginated, with their
query counts), the secretariat's set-up and appointments, the principal's delegation, the hub
sections, and the admin console."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consortium.governance.models import Body, BodyKind, Seat, SeatRole
from consortium.governance.services import bodies as services
from consortium.governance.tests.bodies_world import TERM, council, working_group
from members.models import Membership, OrganizationKind, Role
from members.tests.factories import OrganizationFactory, person
from tests.fixtures import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def seated(secretariat, org_a, admin_a, member_a):
    body = council(name="常州理事会", code="理")
    seat = services.appoint_seat(actor=secretariat, body=body, organization=org_a, principal=admin_a,
                                 alternate=member_a, role=SeatRole.CHAIR, weight=2, term_start=TERM)
    return body, seat


def many_seats(body, secretariat, count):
    for n in range(count):
        firm = OrganizationFactory(name_zh=f"席位企业{n:02d}")
        services.appoint_seat(actor=secretariat, body=body, organization=firm, principal=person(firm, Role.HR),
                              term_start=TERM)


def test_members_see_the_bodies_and_a_bodys_seats_in_chinese(seated, teacher):
    body, seat = seated
    client = client_for(teacher)

    listing = client.get(reverse("governance:body_list")).content.decode()
    page = client.get(reverse("governance:body_detail", args=[body.pk])).content.decode()

    assert "常州理事会" in listing and "理事会" in listing
    assert "甲企业有限公司" in page and "理事长（主任）" in page and "现任席位" in page
    assert seat.principal.display_name in page and seat.alternate.display_name in page


def test_students_do_not_see_governance_bodies(seated, student):
    assert client_for(student).get(reverse("governance:body_list")).status_code == 403


def test_the_bodies_list_searches_and_filters(seated, teacher, secretariat):
    working_group(name="产教工作组", code="工")
    client = client_for(teacher)

    found = client.get(reverse("governance:body_list"), {"q": "工作组"}).content.decode()
    by_kind = client.get(reverse("governance:body_list"), {"kind": BodyKind.COUNCIL}).content.decode()

    assert "产教工作组" in found and "常州理事会" not in found
    assert "常州理事会" in by_kind and "产教工作组" not in by_kind


def test_a_deactivated_body_is_the_secretariats_to_see(secretariat, teacher):
    body = working_group(name="旧工作组", code="旧")
    services.deactivate_body(actor=secretariat, body=body)

    assert "旧工作组" not in client_for(teacher).get(reverse("governance:body_list")).content.decode()
    assert client_for(teacher).get(reverse("governance:body_detail", args=[body.pk])).status_code == 404
    assert "旧工作组" in client_for(secretariat).get(reverse("governance:body_list")).content.decode()


def test_the_bodies_list_is_paginated_in_few_queries(secretariat, teacher, django_assert_max_num_queries):
    for n in range(30):
        Body.objects.create(name=f"工作组{n:02d}", kind=BodyKind.WORKING_GROUP, level="implementation", code=f"W{n}")
    client = client_for(teacher)
    client.get(reverse("governance:body_list"))

    with django_assert_max_num_queries(8):
        first = client.get(reverse("governance:body_list"))
    second = client.get(reverse("governance:body_list"), {"page": 2})

    assert len(first.context["page"]) == 25 and len(second.context["page"]) == 5


def test_a_bodys_seats_are_paginated_searched_and_counted_in_few_queries(seated, secretariat, teacher,
                                                                          django_assert_max_num_queries):
    body, _seat = seated
    many_seats(body, secretariat, 30)
    client = client_for(teacher)
    url = reverse("governance:body_detail", args=[body.pk])
    client.get(url)

    with django_assert_max_num_queries(12):
        response = client.get(url)
    searched = client.get(url, {"q": "席位企业07"})
    by_role = client.get(url, {"role": SeatRole.CHAIR})

    assert len(response.context["page"]) == 25 and response.context["seat_total"] == 31
    assert [s.organization.name_zh for s in searched.context["page"]] == ["席位企业07"]
    assert [s.organization.name_zh for s in by_role.context["page"]] == ["甲企业有限公司"]


def test_the_seat_history_shows_ended_seats_with_their_reason(seated, secretariat, teacher,
                                                              django_assert_max_num_queries):
    body, seat = seated
    services.end_seat(actor=secretariat, seat=seat, reason="第一届任期届满")
    client = client_for(teacher)
    url = reverse("governance:body_history", args=[body.pk])
    client.get(url)

    with django_assert_max_num_queries(10):
        history = client.get(url).content.decode()
    current = client.get(reverse("governance:body_detail", args=[body.pk])).content.decode()

    assert "第一届任期届满" in history and "甲企业有限公司" in history
    assert "该机构尚无席位。" in current


def test_the_secretariat_sets_up_a_body_with_quotas(secretariat):
    client = client_for(secretariat)
    response = client.post(reverse("governance:body_create"), {
        "name": "评估办公室", "name_en": "Assessment office", "kind": BodyKind.ASSESSMENT_OFFICE,
        "level": "coordination", "code": "评", "quorum_rule": "more_than_half", "description": "",
        f"quota_{OrganizationKind.ENTERPRISE}": "3"})

    body = Body.objects.get(code="评")
    assert response.status_code == 302 and response["Location"] == reverse("governance:body_detail", args=[body.pk])
    assert list(body.quotas.values_list("organization_kind", "seats")) == [(OrganizationKind.ENTERPRISE, 3)]


def test_a_refused_body_shows_the_reason_on_its_field(secretariat, seated):
    response = client_for(secretariat).post(reverse("governance:body_create"), {
        "name": "另一个理事会", "kind": BodyKind.COUNCIL, "level": "decision", "code": "理",
        "quorum_rule": "more_than_half"})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == ["另一机构已使用此决议代字。"]


def test_the_secretariat_appoints_a_seat_in_two_steps(secretariat, org_b, admin_b, outsider, seated):
    body, _seat = seated
    client = client_for(secretariat)
    url = reverse("governance:seat_create", args=[body.pk])

    second_step = client.get(url, {"organization": org_b.pk})
    assert admin_b.display_name in second_step.content.decode()
    response = client.post(url, {"organization": org_b.pk, "principal": admin_b.pk, "alternate": outsider.pk,
                                 "role": SeatRole.MEMBER, "weight": "1", "term_start": "2026-01-01", "term_end": ""})

    seat = Seat.objects.current().get(body=body, organization=org_b)
    assert response.status_code == 302 and response["Location"] == reverse("governance:seat_detail", args=[seat.pk])
    assert Membership.objects.active().filter(user=admin_b, organization=org_b, role=Role.COUNCIL_REP).exists()


def test_a_second_chair_is_refused_on_the_office_field(secretariat, org_b, admin_b, seated):
    body, _seat = seated
    response = client_for(secretariat).post(reverse("governance:seat_create", args=[body.pk]), {
        "organization": org_b.pk, "principal": admin_b.pk, "role": SeatRole.CHAIR, "weight": "1",
        "term_start": "2026-01-01"})

    assert response.status_code == 200 and "role" in response.context["form"].errors
    assert not Seat.objects.filter(organization=org_b).exists()


def test_the_secretariat_replaces_the_principal_and_the_role_moves(secretariat, org_a, admin_a, member_a, seated):
    _body, seat = seated
    newcomer = person(org_a, Role.HR, full_name="新代表")

    response = client_for(secretariat).post(reverse("governance:seat_representatives", args=[seat.pk]),
                                            {"principal": newcomer.pk, "alternate": member_a.pk})

    assert response.status_code == 302
    reps = set(Membership.objects.active().filter(role=Role.COUNCIL_REP).values_list("user_id", flat=True))
    assert reps == {newcomer.pk, member_a.pk}


def test_ending_a_seat_asks_for_a_reason_and_keeps_it(secretariat, seated):
    body, seat = seated
    client = client_for(secretariat)
    url = reverse("governance:seat_end", args=[seat.pk])

    assert "记入席位沿革" in client.get(url).content.decode()
    refused = client.post(url, {"reason": ""})
    ended = client.post(url, {"reason": "单位退出"})

    assert refused.status_code == 200 and "reason" in refused.context["form"].errors
    assert ended.status_code == 302
    seat.refresh_from_db()
    assert seat.end_reason == "单位退出"
    assert client.get(url).status_code == 404  # an ended seat no longer changes


def test_the_principal_delegates_the_vote_from_the_seat_page(seated, admin_a, member_a):
    _body, seat = seated
    client = client_for(admin_a)
    page = client.get(reverse("governance:seat_detail", args=[seat.pk])).content.decode()
    assert reverse("governance:seat_delegate", args=[seat.pk]) in page

    until = timezone.localdate() + timedelta(days=5)
    response = client.post(reverse("governance:seat_delegate", args=[seat.pk]), {"until": until.isoformat()})

    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.delegated_until == until
    after = client.get(reverse("governance:seat_detail", args=[seat.pk])).content.decode()
    assert member_a.display_name in after and "已委托候补代表至" in after
    assert client_for(member_a).get(reverse("governance:seat_delegate", args=[seat.pk])).status_code == 404


def test_the_hub_shows_bodies_to_everyone_and_my_seats_to_seat_holders(seated, admin_a, teacher):
    hub = reverse("governance:home")
    mine = client_for(admin_a).get(hub).content.decode()
    theirs = client_for(teacher).get(hub).content.decode()

    assert "机构与席位" in mine and "我的席位" in mine and "常州理事会" in mine
    assert "机构与席位" in theirs and "我的席位" not in theirs


def test_the_pages_work_in_english(seated, teacher, settings):
    body, _seat = seated
    client = client_for(teacher)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("governance:body_detail", args=[body.pk])).content.decode()
    assert "Current seats (1)" in page and "Test council" in page


def test_the_admin_console_sets_up_a_body_through_the_service(secretariat):
    client = client_for(secretariat)
    response = client.post(reverse("admin:governance_body_add"), {
        "name": "议事组", "name_en": "", "kind": BodyKind.DISCUSSION_GROUP, "level": "coordination", "code": "议",
        "quorum_rule": "more_than_half", "description": "", "quotas": "enterprise 2\nhigher_vocational 1",
        "quotas-TOTAL_FORMS": "0", "quotas-INITIAL_FORMS": "0"})

    body = Body.objects.get(code="议")
    assert response.status_code == 302
    assert dict(body.quotas.values_list("organization_kind", "seats")) == {"enterprise": 2, "higher_vocational": 1}
    from core.models import AuditEvent

    assert AuditEvent.objects.filter(event="body.created", actor=secretariat).exists()


def test_the_admin_console_ends_seats_with_the_service(secretariat, seated):
    _body, seat = seated
    response = client_for(secretariat).post(reverse("admin:governance_seat_changelist"), {
        "action": "end_seats", "_selected_action": [seat.pk]})

    seat.refresh_from_db()
    assert response.status_code == 302 and seat.ended_at is not None
    assert not Membership.objects.active().filter(role=Role.COUNCIL_REP).exists()


def test_the_admin_console_gives_no_council_representative_by_hand(secretariat, org_a, member_a):
    response = client_for(secretariat).post(reverse("admin:members_membership_add"), {
        "user": member_a.pk, "organization": org_a.pk, "role": Role.COUNCIL_REP, "title": ""})

    assert response.status_code == 200
    assert not Membership.objects.filter(role=Role.COUNCIL_REP).exists()
