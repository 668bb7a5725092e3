"""Helpers of the bases tests: a school's administrator, an industry college and a training base
of the test school with enterprise A as partner, and bookings at given hours from now."""

from datetime import timedelta

import pytest
from django.utils import timezone

from members.models import Role
from members.tests.factories import person
from training.models import BaseKind
from training.services import bases as services


@pytest.fixture(name="school_admin")
def school_admin_fixture(school):
    return person(school, Role.ORG_ADMIN, username="school_admin")


def make_college(actor, school, partners=(), name="智能制造产业学院"):
    return services.college_create(actor=actor, name=name, lead_school=school, partners=list(partners),
                                   description="共建产业学院。")


def make_base(actor, school, partners=(), *, name="智能制造实训中心", capacity=30, college=None, kind=BaseKind.ON_CAMPUS):
    return services.base_create(actor=actor, name=name, kind=kind, owner=school, partners=list(partners),
                                capacity=capacity, college=college, address="实训楼 A 区", opening_hours="8:00–17:00",
                                equipment=[{"name": "工业机器人", "model": "IRB 1200", "quantity": 4}])


def soon(hours: float):
    """A moment ``hours`` from the next whole hour, tomorrow."""
    start = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=1)
    return start + timedelta(hours=hours)


def request(actor, base, org, start: float, end: float, *, purpose="实训课", size=10):
    return services.booking_request(actor=actor, training_base=base, organization=org, starts_at=soon(start),
                                    ends_at=soon(end), purpose=purpose, group_size=size)
