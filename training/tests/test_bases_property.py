"""No two accepted bookings of one base overlap, whatever happens: random sequences of requests,
accepts, declines and cancels (hypothesis) keep the rule and accept exactly when the slot is free;
accepts racing each other on PostgreSQL, in threads with their own connections, leave at most one
of any overlapping set accepted — through the service (which locks the base) and through plain
writes that skip it (the exclusion constraint alone)."""

import threading
from itertools import count

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from training.models import BaseBooking, BookingStatus
from training.services import bases as services
from training.tests.bases_support import make_base, request, school_admin_fixture, soon  # noqa: F401

_names = count()


def assert_no_overlap(base):
    accepted = list(BaseBooking.objects.filter(base=base, status=BookingStatus.ACCEPTED).order_by("starts_at"))
    for earlier, later in zip(accepted, accepted[1:]):
        assert earlier.ends_at <= later.starts_at, (earlier, later)


SLOT = st.tuples(st.integers(min_value=0, max_value=23), st.integers(min_value=1, max_value=6))
STEP = st.one_of(
    st.tuples(st.just("request"), SLOT),
    st.tuples(st.sampled_from(["accept", "decline", "cancel"]), st.integers(min_value=0, max_value=30)),
)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(STEP, min_size=1, max_size=25))
def test_random_sequences_never_leave_two_accepted_bookings_overlapping(steps, school_admin, school, org_a, teacher,
                                                                        admin_a):
    base = make_base(school_admin, school, [org_a], name=f"基地{next(_names)}", capacity=50)
    bookings = []
    for kind, arg in steps:
        if kind == "request":
            (start, length), (actor, org) = arg, [(teacher, school), (admin_a, org_a)][len(bookings) % 2]
            try:
                bookings.append(request(actor, base, org, start / 2, (start + length) / 2))
            except ValidationError:
                # Refused only when it meets an accepted booking.
                assert services.overlapping(base, soon(start / 2), soon((start + length) / 2)).exists()
        elif bookings:
            booking = BaseBooking.objects.get(pk=bookings[arg % len(bookings)].pk)
            free = not services.overlapping(base, booking.starts_at, booking.ends_at, exclude=booking).exists()
            try:
                if kind == "accept":
                    services.booking_accept(booking=booking, actor=school_admin)
                    assert free and booking.status == BookingStatus.PENDING
                elif kind == "decline":
                    services.booking_decline(booking=booking, actor=school_admin, reason="时间不便")
                else:
                    services.booking_cancel(booking=booking, actor=booking.requested_by)
            except ValidationError:
                assert kind != "accept" or not free or booking.status != BookingStatus.PENDING
        assert_no_overlap(base)


def in_threads(*calls):
    """Run the calls at once, each in its own thread and connection; their results or errors."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as error:  # noqa: BLE001 — the test inspects what each call raised
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


pytestmark_pg = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's locks and constraints")


@pytestmark_pg
@pytest.mark.django_db(transaction=True)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(slots=st.lists(SLOT, min_size=2, max_size=5))
def test_concurrent_accepts_never_leave_two_accepted_bookings_overlapping(slots, school_admin, school, teacher):
    base = make_base(school_admin, school, name=f"并发基地{next(_names)}", capacity=50)
    bookings = [request(teacher, base, school, start / 2, (start + length) / 2) for start, length in slots]
    results = in_threads(*[(lambda b=b: services.booking_accept(booking=b, actor=school_admin)) for b in bookings])
    assert all(isinstance(r, (BaseBooking, ValidationError)) for r in results), results
    assert any(isinstance(r, BaseBooking) for r in results)
    assert_no_overlap(base)


@pytestmark_pg
@pytest.mark.django_db(transaction=True)
def test_the_constraint_alone_stops_racing_writes_that_skip_the_service(school_admin, school, teacher):
    base = make_base(school_admin, school, capacity=50)
    bookings = [request(teacher, base, school, 1 + i / 4, 3 + i / 4) for i in range(4)]

    def write(booking):
        def call():
            BaseBooking.objects.filter(pk=booking.pk).update(status=BookingStatus.ACCEPTED)
            return booking
        return call

    results = in_threads(*[write(b) for b in bookings])
    assert sum(isinstance(r, BaseBooking) for r in results) == 1
    assert all(isinstance(r, (BaseBooking, IntegrityError)) for r in results), results
    assert BaseBooking.objects.filter(base=base, status=BookingStatus.ACCEPTED).count() == 1


@pytest.mark.django_db
def test_a_stranger_cannot_accept_even_an_unclashing_request(school_admin, school, teacher, admin_a):
    base = make_base(school_admin, school)
    with pytest.raises(PermissionDenied):
        services.booking_accept(booking=request(teacher, base, school, 1, 2), actor=admin_a)
