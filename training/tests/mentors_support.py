"""Helpers of the mentors and employees tests: a school's administrator, an engineer of
an enterprise, and helpers that appoint a mentor or offer a programme through the services."""

from datetime import date
from decimal import Decimal

from members.models import Role
from members.tests.factories import person
from training.models import ProgrammeKind
from training.services import employees as employee_services
from training.services import mentors as services

TERM = ("2026–2027学年第一学期", date(2026, 9, 1), date(2027, 1, 15))


def make_school_admin(school):
    return person(school, Role.ORG_ADMIN, username="school_admin", full_name="李建华")


def make_engineer(enterprise):
    return person(enterprise, Role.ENGINEER, username="engineer_a", full_name="周建国")


def appoint(school_admin, school, engineer, enterprise, *, term=TERM, hours=32, **extra):
    name, starts, ends = term
    return services.appointment_create(actor=school_admin, school=school, mentor=engineer, enterprise=enterprise,
                                       term=name, starts_on=starts, ends_on=ends, planned_hours=hours, **extra)


def offer(school_admin, school, *, title="数控岗前培训", capacity=3, hours=16, fee="500.00",
          starts=date(2026, 3, 1), ends=date(2026, 3, 31), kind=ProgrammeKind.PRE_JOB, **extra):
    return employee_services.programme_create(actor=school_admin, school=school, title=title, kind=kind, hours=hours,
                                              fee=Decimal(fee), capacity=capacity, starts_on=starts, ends_on=ends,
                                              **extra)
