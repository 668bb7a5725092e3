"""Industry mentors' rules: who appoints and decides, no overlapping terms at one school (the
service and the database), hours and completion after the term's end, and the enterprise's
responsibility credit sent once."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from consortium.governance.models import Contribution, CreditEntry
from consortium.governance.services import credits as credit_services
from core.models import AuditEvent
from core import events
from members.models import Role
from members.tests.factories import person
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


def _accepted(school_admin, school, engineer, org_a, admin_a, **kw):
    appointment = appoint(school_admin, school, engineer, org_a, **kw)
    return services.appointment_decide(appointment=appointment, actor=admin_a, accept=True)


def test_a_school_appoints_an_engineer_and_the_enterprise_accepts(school_admin, school, engineer, org_a, admin_a):
    appointment = appoint(school_admin, school, engineer, org_a, duties="数控编程")
    assert appointment.status == MentorStatus.PROPOSED and appointment.appointed_by == school_admin
    services.appointment_decide(appointment=appointment, actor=admin_a, accept=True)
    appointment.refresh_from_db()
    assert appointment.status == MentorStatus.ACCEPTED and appointment.decided_by == admin_a
    events_ = set(AuditEvent.objects.filter(event__startswith="mentor.").values_list("event", flat=True))
    assert events_ == {"mentor.appointed", "mentor.accepted"}


def test_only_the_schools_administrators_appoint(school, engineer, org_a, teacher, admin_a, secretariat):
    for actor in (teacher, admin_a, secretariat):
        with pytest.raises(PermissionDenied):
            appoint(actor, school, engineer, org_a)


def test_only_the_enterprises_administrators_decide(school_admin, school, engineer, org_a, member_a, admin_b):
    appointment = appoint(school_admin, school, engineer, org_a)
    for actor in (member_a, admin_b, school_admin):
        with pytest.raises(PermissionDenied):
            services.appointment_decide(appointment=appointment, actor=actor, accept=True)


def test_declining_needs_a_reason(school_admin, school, engineer, org_a, admin_a):
    appointment = appoint(school_admin, school, engineer, org_a)
    with pytest.raises(ValidationError) as error:
        services.appointment_decide(appointment=appointment, actor=admin_a, accept=False)
    assert "reason" in error.value.message_dict
    services.appointment_decide(appointment=appointment, actor=admin_a, accept=False, reason="项目交付期")
    assert MentorAppointment.objects.get().status == MentorStatus.DECLINED


def test_the_mentor_must_be_a_person_of_the_enterprise(school_admin, school, org_a, org_b, teacher, engineer):
    with pytest.raises(ValidationError) as error:
        appoint(school_admin, school, engineer, org_b)
    assert "mentor" in error.value.message_dict
    with pytest.raises(ValidationError):
        appoint(school_admin, school, teacher, school)
    student_of_a = person(org_a, Role.STUDENT)
    with pytest.raises(ValidationError):
        appoint(school_admin, school, student_of_a, org_a)


def test_checks_name_their_fields(school_admin, school, engineer, org_a):
    with pytest.raises(ValidationError) as error:
        appoint(school_admin, school, engineer, org_a, term=(" ", date(2026, 9, 1), date(2026, 8, 1)), hours=0)
    assert set(error.value.message_dict) == {"term", "ends_on", "planned_hours"}
    assert not MentorAppointment.objects.exists()


def test_overlapping_terms_at_one_school_are_refused(school_admin, school, engineer, org_a, admin_a):
    first = appoint(school_admin, school, engineer, org_a)
    with pytest.raises(ValidationError) as error:
        appoint(school_admin, school, engineer, org_a, term=("短期", date(2027, 1, 10), date(2027, 3, 1)))
    assert "starts_on" in error.value.message_dict
    # The next term is fine; a declined appointment frees its dates.
    appoint(school_admin, school, engineer, org_a, term=("下学期", date(2027, 2, 20), date(2027, 7, 10)))
    services.appointment_decide(appointment=first, actor=admin_a, accept=False, reason="另有安排")
    appoint(school_admin, school, engineer, org_a, term=("改期", date(2026, 10, 1), date(2026, 12, 31)))


def test_another_school_may_appoint_the_same_mentor_for_the_same_term(school_admin, school, engineer, org_a):
    from members.models import OrganizationKind
    from members.tests.factories import OrganizationFactory

    other = OrganizationFactory(kind=OrganizationKind.SECONDARY_VOCATIONAL, name_zh="另一所中职学校")
    other_admin = person(other, Role.ORG_ADMIN)
    appoint(school_admin, school, engineer, org_a)
    appoint(other_admin, other, engineer, org_a)
    assert MentorAppointment.objects.count() == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the guard is PostgreSQL's")
def test_the_database_refuses_an_overlap_the_service_did_not_see(school_admin, school, engineer, org_a):
    first = appoint(school_admin, school, engineer, org_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        MentorAppointment.objects.create(school=school, enterprise=org_a, mentor=engineer, term="重叠",
                                         starts_on=date(2026, 12, 1), ends_on=date(2027, 2, 1), planned_hours=8)
    MentorAppointment.objects.filter(pk=first.pk).update(status=MentorStatus.WITHDRAWN)
    MentorAppointment.objects.create(school=school, enterprise=org_a, mentor=engineer, term="重叠",
                                     starts_on=date(2026, 12, 1), ends_on=date(2027, 2, 1), planned_hours=8)


def test_hours_are_recorded_by_the_school_on_accepted_appointments(school_admin, school, engineer, org_a, admin_a):
    appointment = appoint(school_admin, school, engineer, org_a)
    with pytest.raises(ValidationError):
        services.appointment_record_hours(appointment=appointment, actor=school_admin, taught_hours=10)
    services.appointment_decide(appointment=appointment, actor=admin_a, accept=True)
    with pytest.raises(PermissionDenied):
        services.appointment_record_hours(appointment=appointment, actor=admin_a, taught_hours=10)
    services.appointment_record_hours(appointment=appointment, actor=school_admin, taught_hours=30)
    assert MentorAppointment.objects.get().taught_hours == 30


def test_a_term_is_completed_after_its_end_and_the_credit_is_sent_once(school_admin, school, engineer, org_a,
                                                                         admin_a):
    appointment = _accepted(school_admin, school, engineer, org_a, admin_a)
    services.appointment_record_hours(appointment=appointment, actor=school_admin, taught_hours=32)
    with pytest.raises(ValidationError):
        services.appointment_complete(appointment=appointment, actor=school_admin, today=date(2027, 1, 14))
    sent = []

    def listen(sender, **kwargs):
        sent.append(kwargs)
    events.contribution.connect(listen, dispatch_uid="test-mentor-listen")
    try:
        services.appointment_complete(appointment=appointment, actor=school_admin, today=date(2027, 1, 15))
        with pytest.raises(ValidationError):
            services.appointment_complete(appointment=appointment, actor=school_admin, today=date(2027, 2, 1))
    finally:
        events.contribution.disconnect(dispatch_uid="test-mentor-listen")
    assert [(s["kind"], s["organization"], s["quantity"], s["occurred_on"]) for s in sent] == [
        ("mentor_term", org_a, 1, date(2027, 1, 15))]
    contribution = Contribution.objects.get()
    assert (contribution.kind, contribution.organization_id, contribution.source_id) == (
        "mentor_term", org_a.pk, appointment.pk)
    assert MentorAppointment.objects.get().status == MentorStatus.COMPLETED


def test_a_completed_term_earns_credits_under_the_councils_rule(school_admin, school, engineer, org_a, admin_a,
                                                                  secretariat):
    credit_services.rule_publish(actor=secretariat, code="mentor-term", title="产业导师每任期", kind="mentor_term",
                                 credits_per_unit=30, valid_from=date(2026, 1, 1))
    appointment = _accepted(school_admin, school, engineer, org_a, admin_a)
    services.appointment_record_hours(appointment=appointment, actor=school_admin, taught_hours=32)
    services.appointment_complete(appointment=appointment, actor=school_admin, today=date(2027, 2, 1))
    assert list(CreditEntry.objects.values_list("account__organization_id", "amount")) == [(org_a.pk, 30)]


def test_completing_needs_hours_and_an_accepted_appointment(school_admin, school, engineer, org_a, admin_a):
    appointment = appoint(school_admin, school, engineer, org_a)
    with pytest.raises(ValidationError):
        services.appointment_complete(appointment=appointment, actor=school_admin, today=date(2027, 2, 1))
    services.appointment_decide(appointment=appointment, actor=admin_a, accept=True)
    with pytest.raises(ValidationError):
        services.appointment_complete(appointment=appointment, actor=school_admin, today=date(2027, 2, 1))
    assert not Contribution.objects.exists()


def test_the_school_withdraws_with_a_reason(school_admin, school, engineer, org_a):
    appointment = appoint(school_admin, school, engineer, org_a)
    with pytest.raises(ValidationError):
        services.appointment_withdraw(appointment=appointment, actor=school_admin, reason="")
    services.appointment_withdraw(appointment=appointment, actor=school_admin, reason="课程调整")
    assert MentorAppointment.objects.get().status == MentorStatus.WITHDRAWN
    assert AuditEvent.objects.filter(event="mentor.withdrawn").exists()
