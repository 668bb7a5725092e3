"""The bases services: who writes colleges and bases, who requests, accepts, declines and cancels
bookings; the rules (capacity, times, partners) with their messages; no two accepted bookings of
one base overlap, with the sentence naming the booking met; every decision audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from core.models import AuditEvent
from training.models import BaseBooking, BookingStatus
from training.services import bases as services
from tests.pages import zh
from training.tests.bases_support import make_base, make_college, request, school_admin_fixture, soon  # noqa: F401

pytestmark = pytest.mark.django_db


def _events(name):
    return AuditEvent.objects.filter(event=name).count()


def test_a_school_admin_builds_a_college_and_a_base_with_partners_and_equipment(school_admin, school, org_a):
    college = make_college(school_admin, school, [org_a])
    base = make_base(school_admin, school, [org_a], college=college)
    assert list(college.partners.all()) == [org_a]
    assert base.college == college and base.equipment.get().quantity == 4
    assert _events("training.college_created") == 1 and _events("training.base_created") == 1


def test_only_a_school_admin_or_the_secretariat_writes_colleges_and_bases(teacher, admin_a, school, secretariat):
    for actor in (teacher, admin_a):
        with pytest.raises(PermissionDenied):
            make_college(actor, school)
    assert make_college(secretariat, school).lead_school == school


def test_partners_must_be_enterprises_and_the_owner_a_school_the_actor_administers(school_admin, school, org_a,
                                                                                   government):
    with pytest.raises(ValidationError) as error:
        make_base(school_admin, school, [government])
    assert "partners" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_base(school_admin, org_a)
    assert "owner" in error.value.message_dict


def test_a_teacher_and_a_partner_request_an_outsider_may_not(school_admin, school, org_a, teacher, admin_a,
                                                             admin_b, student):
    base = make_base(school_admin, school, [org_a])
    assert request(teacher, base, school, 1, 3).status == BookingStatus.PENDING
    assert request(admin_a, base, org_a, 4, 5).organization == org_a
    for actor, org in ((admin_b, org_a), (student, school)):
        with pytest.raises(PermissionDenied):
            request(actor, base, org, 6, 7)
    with pytest.raises(ValidationError) as error:
        request(admin_a, base, school, 6, 7)
    assert "organization" in error.value.message_dict
    assert _events("training.booking_requested") == 2


def test_the_group_must_fit_and_the_times_make_sense(school_admin, school, teacher):
    base = make_base(school_admin, school, capacity=20)
    with pytest.raises(ValidationError) as error:
        request(teacher, base, school, 1, 2, size=21)
    assert error.value.message_dict["group_size"] == [zh("The base holds at most %(capacity)d people.", capacity=20)]
    with pytest.raises(ValidationError) as error:
        request(teacher, base, school, 3, 2)
    assert "ends_at" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        request(teacher, base, school, -48, -47)
    assert "starts_at" in error.value.message_dict


def test_accepting_an_overlapping_request_is_refused_naming_the_booking_met(school_admin, school, org_a, teacher,
                                                                            admin_a):
    base = make_base(school_admin, school, [org_a])
    first = request(teacher, base, school, 1, 3)
    second = request(admin_a, base, org_a, 2, 4)
    services.booking_accept(booking=first, actor=school_admin)
    with pytest.raises(ValidationError) as error:
        services.booking_accept(booking=second, actor=school_admin)
    assert error.value.messages == [services.conflict_message(first)]
    assert school.name_zh in error.value.messages[0]
    # A new request over the accepted one is refused at once, on the start field.
    with pytest.raises(ValidationError) as error:
        request(admin_a, base, org_a, 2.5, 5)
    assert school.name_zh in error.value.message_dict["starts_at"][0]
    # Back to back is not an overlap.
    services.booking_accept(booking=request(admin_a, base, org_a, 3, 4), actor=school_admin)
    assert _events("training.booking_accepted") == 2


def test_only_the_owner_school_admin_decides_and_a_decline_needs_a_reason(school_admin, school, org_a, teacher,
                                                                          admin_a, secretariat):
    base = make_base(school_admin, school, [org_a])
    booking = request(admin_a, base, org_a, 1, 2)
    for actor in (admin_a, teacher, secretariat):
        with pytest.raises(PermissionDenied):
            services.booking_accept(booking=booking, actor=actor)
    with pytest.raises(ValidationError) as error:
        services.booking_decline(booking=booking, actor=school_admin, reason=" ")
    assert "reason" in error.value.message_dict
    booking = services.booking_decline(booking=booking, actor=school_admin, reason="设备检修")
    assert booking.status == BookingStatus.DECLINED and booking.decline_reason == "设备检修"
    with pytest.raises(ValidationError):
        services.booking_accept(booking=booking, actor=school_admin)
    assert _events("training.booking_declined") == 1


def test_the_requester_or_the_owner_cancels_and_the_slot_is_free_again(school_admin, school, org_a, teacher,
                                                                       admin_a, admin_b):
    base = make_base(school_admin, school, [org_a])
    booking = request(admin_a, base, org_a, 1, 3)
    services.booking_accept(booking=booking, actor=school_admin)
    with pytest.raises(PermissionDenied):
        services.booking_cancel(booking=booking, actor=admin_b)
    services.booking_cancel(booking=booking, actor=admin_a)
    with pytest.raises(ValidationError):
        services.booking_cancel(booking=booking, actor=admin_a)
    services.booking_accept(booking=request(teacher, base, school, 1, 3), actor=school_admin)
    assert _events("training.booking_cancelled") == 1


def test_the_database_itself_refuses_two_overlapping_accepted_bookings(school_admin, school, teacher):
    base = make_base(school_admin, school)
    first = request(teacher, base, school, 1, 3)
    services.booking_accept(booking=first, actor=school_admin)
    row = dict(base=base, organization=school, requested_by=teacher, starts_at=soon(2), ends_at=soon(5),
               purpose="直接写入", group_size=5)
    BaseBooking.objects.create(status=BookingStatus.PENDING, **row)  # pending rows may overlap
    with pytest.raises(IntegrityError), transaction.atomic():
        BaseBooking.objects.create(status=BookingStatus.ACCEPTED, **row)
    BaseBooking.objects.create(status=BookingStatus.ACCEPTED, **{**row, "starts_at": soon(3)})  # back to back
