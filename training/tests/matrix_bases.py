"""The bases rules of the security matrix (see tests/matrix.py).

Everyone in the training area reads the industry colleges, the bases and their calendars (the
government officer finds nothing; the visitor signs in). The secretariat (and a school's
administrators, not among the personas) writes colleges and bases. The base here is the test
school's with enterprise A as partner: the teacher and A's people request bookings of it. The
booking here is A's HR's (member_a) request: A's people and the secretariat see it; only the owner
school's administrators decide it; its requester, A's administrator and the secretariat cancel it."""

from datetime import timedelta

from django.utils import timezone

from tests.matrix import api, page, personas
from training.models import BaseBooking, BaseKind, IndustryCollege, TrainingBase


def _base(w) -> TrainingBase:
    base = TrainingBase.objects.filter(name="矩阵实训基地").first()
    if base is None:
        college = IndustryCollege.objects.create(name="矩阵产业学院", lead_school=w.orgs["school"])
        college.partners.set([w.orgs["org_a"]])
        base = TrainingBase.objects.create(name="矩阵实训基地", kind=BaseKind.ON_CAMPUS, owner=w.orgs["school"],
                                           college=college, capacity=30)
        base.partners.set([w.orgs["org_a"]])
    return base


def _booking(w) -> BaseBooking:
    base = _base(w)
    booking = base.bookings.first()
    if booking is None:
        start = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=2)
        booking = BaseBooking.objects.create(base=base, organization=w.orgs["org_a"], requested_by=w.users["member_a"],
                                             starts_at=start, ends_at=start + timedelta(hours=2), purpose="矩阵实训",
                                             group_size=10)
    return booking


def a_base(w, t):
    return {"pk": _base(w).pk}


def a_college(w, t):
    return {"pk": _base(w).college_id}


def a_booking(w, t):
    return {"pk": _booking(w).pk}


def colleges(w, t):
    return list(IndustryCollege.objects.values_list("pk", "name", "lead_school_id", "description"))


def bases(w, t):
    return list(TrainingBase.objects.values_list("pk", "name", "owner_id", "capacity", "kind"))


def bookings(w, t):
    return list(BaseBooking.objects.values_list("pk", "status", "starts_at", "ends_at", "decline_reason"))


READERS = personas(200, anonymous=302, officer=404)
WRITERS = personas(404, anonymous=302, secretariat=200)
BOOKERS = personas(404, anonymous=302, teacher=200, member_a=200, admin_a=200)
NOBODY = personas(404, anonymous=302)
CANCELLERS = personas(404, anonymous=302, member_a=200, admin_a=200, secretariat=200)
API_READERS = personas(200, anonymous=401, officer=404)
API_BOOKING = personas(404, anonymous=401, member_a=200, admin_a=200, secretariat=200)

RULES = {
    "training:colleges": (page(expect={"any": READERS}),),
    "training:college_create": (
        page(expect={"any": WRITERS}),
        page(method="post", data={"name": ""}, state=colleges, expect={"any": WRITERS}),
    ),
    "training:college": (page(kwargs=a_college, expect={"any": READERS}),),
    "training:college_edit": (
        page(kwargs=a_college, expect={"any": WRITERS}),
        page(kwargs=a_college, method="post", data={"name": ""}, state=colleges, expect={"any": WRITERS}),
    ),
    "training:bases": (page(expect={"any": READERS}),),
    "training:base_create": (
        page(expect={"any": WRITERS}),
        page(method="post", data={"name": ""}, state=bases, expect={"any": WRITERS}),
    ),
    "training:base": (page(kwargs=a_base, expect={"any": READERS}),),
    "training:base_edit": (
        page(kwargs=a_base, expect={"any": WRITERS}),
        page(kwargs=a_base, method="post", data={"name": ""}, state=bases, expect={"any": WRITERS}),
    ),
    "training:base_calendar": (page(kwargs=a_base, expect={"any": READERS}),),
    "training:booking_create": (
        page(kwargs=a_base, expect={"any": BOOKERS}),
        page(kwargs=a_base, method="post", data={"purpose": ""}, state=bookings, expect={"any": BOOKERS}),
    ),
    "training:my_bookings": (page(expect={"any": personas(
        200, anonymous=302, student=404, officer=404, secretariat=404)}),),
    "training:booking_queue": (page(expect={"any": NOBODY}),),
    "training:booking_accept": (
        page(kwargs=a_booking, expect={"any": NOBODY}),
        page(kwargs=a_booking, method="post", data={}, state=bookings, expect={"any": NOBODY}),
    ),
    "training:booking_decline": (
        page(kwargs=a_booking, expect={"any": NOBODY}),
        page(kwargs=a_booking, method="post", data={"reason": "不便"}, state=bookings, expect={"any": NOBODY}),
    ),
    "training:booking_cancel": (
        page(kwargs=a_booking, expect={"any": CANCELLERS}),
        page(kwargs=a_booking, method="post", data={}, state=bookings,
             expect={"any": personas(404, anonymous=302, member_a=302, admin_a=302, secretariat=302)}),
    ),
    "training-industry-college-list": (api(expect={"any": personas(200, anonymous=401)}),),
    "training-industry-college-detail": (api(kwargs=a_college, expect={"any": API_READERS}),),
    "training-base-list": (api(expect={"any": personas(200, anonymous=401)}),),
    "training-base-detail": (api(kwargs=a_base, expect={"any": API_READERS}),),
    "training-base-booking-list": (
        api(expect={"any": personas(200, anonymous=401)}),
        api(method="post", data={"purpose": ""}, state=bookings, expect={"any": personas(400, anonymous=401)}),
    ),
    "training-base-booking-detail": (api(kwargs=a_booking, expect={"any": API_BOOKING}),),
    "training-base-booking-accept": (
        api(kwargs=a_booking, method="post", data={}, state=bookings,
            expect={"any": personas(404, anonymous=401, member_a=403, admin_a=403, secretariat=403)}),
    ),
    "training-base-booking-decline": (
        api(kwargs=a_booking, method="post", data={"reason": "不便"}, state=bookings,
            expect={"any": personas(404, anonymous=401, member_a=403, admin_a=403, secretariat=403)}),
    ),
    "training-base-booking-cancel": (
        api(kwargs=a_booking, method="post", data={}, state=bookings,
            expect={"any": personas(404, anonymous=401, member_a=200, admin_a=200, secretariat=200)}),
    ),
}
