"""Enterprise employee training's rules: who offers and enrols, the capacity under a lock,
attendance and assessment leading to completion, and the report's hours and income."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import AuditEvent
from members.models import Role
from members.tests.factories import person
from training.models import EmployeeEnrolment, EnrolmentStatus, ProgrammeStatus
from training.selectors.employees import training_report
from training.services import employees as services
from training.tests.mentors_support import make_school_admin, offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def school_admin(school):
    return make_school_admin(school)


def _enrol(actor, programme, enterprise, n, **kw):
    return services.enrol(programme=programme, actor=actor, enterprise=enterprise, name=f"员工{n}",
                          employee_number=f"E{n:03d}", **kw)


def test_only_a_schools_administrators_offer_programmes(school, teacher, admin_a, school_admin):
    for actor in (teacher, admin_a):
        with pytest.raises(PermissionDenied):
            offer(actor, school)
    programme = offer(school_admin, school)
    assert programme.status == ProgrammeStatus.OPEN
    assert AuditEvent.objects.filter(event="employee_training.programme_offered").exists()


def test_programme_checks_name_their_fields(school, school_admin):
    with pytest.raises(ValidationError) as error:
        offer(school_admin, school, title="", capacity=0, hours=0, starts=date(2026, 3, 2), ends=date(2026, 3, 1))
    assert set(error.value.message_dict) == {"title", "capacity", "hours", "ends_on"}


def test_enterprises_enrol_their_employees_up_to_the_capacity(school, school_admin, org_a, org_b, admin_a, member_a,
                                                                outsider):
    programme = offer(school_admin, school, capacity=3)
    _enrol(admin_a, programme, org_a, 1)
    _enrol(member_a, programme, org_a, 2)
    with pytest.raises(PermissionDenied):
        _enrol(outsider, programme, org_a, 3)
    _enrol(outsider, programme, org_b, 3)
    with pytest.raises(ValidationError) as error:
        _enrol(admin_a, programme, org_a, 4)
    assert "full" in " ".join(error.value.messages) or "3" in " ".join(error.value.messages)
    services.enrolment_withdraw(enrolment=EmployeeEnrolment.objects.get(employee_number="E001"), actor=admin_a)
    _enrol(admin_a, programme, org_a, 4)
    assert programme.enrolments.exclude(status=EnrolmentStatus.WITHDRAWN).count() == 3


def test_the_capacity_is_counted_under_a_lock_on_the_programme(school, school_admin, org_a, admin_a):
    programme = offer(school_admin, school)
    with CaptureQueriesContext(connection) as captured:
        _enrol(admin_a, programme, org_a, 1)
    if connection.vendor == "postgresql":
        assert any("FOR UPDATE" in q["sql"] and "training_trainingprogramme" in q["sql"] for q in captured)


def test_an_employee_is_enrolled_once_and_an_account_must_be_the_enterprises(school, school_admin, org_a, org_b,
                                                                            admin_a, outsider):
    programme = offer(school_admin, school)
    _enrol(admin_a, programme, org_a, 1)
    with pytest.raises(ValidationError) as error:
        _enrol(admin_a, programme, org_a, 1)
    assert "employee_number" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _enrol(admin_a, programme, org_a, 2, account=outsider)
    assert "account" in error.value.message_dict


def test_a_closed_programme_takes_no_enrolment(school, school_admin, org_a, admin_a):
    programme = offer(school_admin, school, status=ProgrammeStatus.CLOSED)
    with pytest.raises(ValidationError):
        _enrol(admin_a, programme, org_a, 1)


def test_completion_takes_the_required_hours_and_a_passed_assessment(school, school_admin, org_a, admin_a):
    programme = offer(school_admin, school, hours=16)  # 80% → 12.8 hours
    first = services.session_create(programme=programme, actor=school_admin, date=date(2026, 3, 2), hours=8,
                                    topic="安全规范")
    second = services.session_create(programme=programme, actor=school_admin, date=date(2026, 3, 9), hours=8,
                                     topic="操作实训")
    steady, absent = _enrol(admin_a, programme, org_a, 1), _enrol(admin_a, programme, org_a, 2)
    services.attendance_record(session=first, actor=school_admin, present=[steady, absent])
    services.enrolment_assess(enrolment=steady, actor=school_admin, score=Decimal("85"), passed=True)
    services.enrolment_assess(enrolment=absent, actor=school_admin, score=Decimal("90"), passed=True)
    assert set(EmployeeEnrolment.objects.values_list("status", flat=True)) == {EnrolmentStatus.ENROLLED}
    services.attendance_record(session=second, actor=school_admin, present=[steady])
    steady.refresh_from_db()
    absent.refresh_from_db()
    assert (steady.status, steady.attended_hours) == (EnrolmentStatus.COMPLETED, 16)
    assert (absent.status, absent.attended_hours) == (EnrolmentStatus.ENROLLED, 8)
    assert AuditEvent.objects.filter(event="employee_training.completed").count() == 1


def test_a_failed_assessment_does_not_complete(school, school_admin, org_a, admin_a):
    programme = offer(school_admin, school, hours=8)
    session = services.session_create(programme=programme, actor=school_admin, date=date(2026, 3, 2), hours=8,
                                      topic="实训")
    enrolment = _enrol(admin_a, programme, org_a, 1)
    services.attendance_record(session=session, actor=school_admin, present=[enrolment])
    services.enrolment_assess(enrolment=enrolment, actor=school_admin, score=Decimal("40"), passed=False)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED and enrolment.passed is False
    with pytest.raises(ValidationError):
        services.enrolment_assess(enrolment=enrolment, actor=school_admin, score=Decimal("120"), passed=True)


def test_attendance_and_assessment_are_the_schools(school, school_admin, org_a, admin_a, teacher):
    programme = offer(school_admin, school)
    session = services.session_create(programme=programme, actor=school_admin, date=date(2026, 3, 2), hours=4,
                                      topic="实训")
    enrolment = _enrol(admin_a, programme, org_a, 1)
    for actor in (admin_a, teacher):
        with pytest.raises(PermissionDenied):
            services.attendance_record(session=session, actor=actor, present=[enrolment])
        with pytest.raises(PermissionDenied):
            services.enrolment_assess(enrolment=enrolment, actor=actor, score=None, passed=True)


def test_a_session_falls_within_the_programme(school, school_admin):
    programme = offer(school_admin, school)
    with pytest.raises(ValidationError) as error:
        services.session_create(programme=programme, actor=school_admin, date=date(2026, 4, 2), hours=4, topic="x")
    assert "date" in error.value.message_dict


def test_the_report_sums_hours_and_income_per_school_and_year(school, school_admin, org_a, admin_a,
                                                              django_assert_num_queries):
    spring = offer(school_admin, school, fee="500.00")
    autumn = offer(school_admin, school, title="在岗培训", fee="300.00", starts=date(2026, 9, 1), ends=date(2026, 9, 30))
    earlier = offer(school_admin, school, title="往年", fee="100.00", starts=date(2025, 5, 1), ends=date(2025, 5, 2))
    session = services.session_create(programme=spring, actor=school_admin, date=date(2026, 3, 2), hours=6, topic="a")
    people = [_enrol(admin_a, spring, org_a, n) for n in (1, 2, 3)]
    services.attendance_record(session=session, actor=school_admin, present=people[:2])
    services.enrolment_withdraw(enrolment=people[2], actor=admin_a)
    _enrol(admin_a, autumn, org_a, 1)
    _enrol(admin_a, earlier, org_a, 1)
    with django_assert_num_queries(1):
        rows = training_report()
    assert [(r["year"], r["programmes"], r["people"], r["hours"], r["income"]) for r in rows] == [
        (2026, 2, 3, 12, Decimal("1300.00")), (2025, 1, 1, 0, Decimal("100.00"))]
    assert training_report(school_ids=set()) == []
    assert len(training_report(year=2025)) == 1


def test_capacity_cannot_drop_below_the_enrolled(school, school_admin, org_a, admin_a):
    programme = offer(school_admin, school, capacity=3)
    _enrol(admin_a, programme, org_a, 1)
    _enrol(admin_a, programme, org_a, 2)
    with pytest.raises(ValidationError) as error:
        services.programme_update(programme=programme, actor=school_admin, title=programme.title, kind=programme.kind,
                                  hours=programme.hours, fee=programme.fee, capacity=1, starts_on=programme.starts_on,
                                  ends_on=programme.ends_on)
    assert "capacity" in error.value.message_dict


def test_an_account_of_the_enterprise_may_be_named(school, school_admin, org_a, admin_a):
    worker = person(org_a, Role.ENGINEER, full_name="王工")
    programme = offer(school_admin, school)
    enrolment = _enrol(admin_a, programme, org_a, 1, account=worker)
    assert enrolment.account == worker


def _completed(school_admin, school, org_a, admin_a, **enrol):
    from credentials.models import Achievement, AchievementKind

    certificate = Achievement.objects.create(issuer=school, kind=AchievementKind.EMPLOYEE_TRAINING,
                                             name="数控设备操作岗前培训合格证", description="完成岗前培训并考核合格。",
                                             criteria="出勤达到规定学时，考核合格。")
    programme = offer(school_admin, school, hours=8, achievement=certificate)
    session = services.session_create(programme=programme, actor=school_admin, date=date(2026, 3, 2), hours=8,
                                      topic="实训")
    enrolment = _enrol(admin_a, programme, org_a, 1, **enrol)
    services.attendance_record(session=session, actor=school_admin, present=[enrolment])
    return services.enrolment_assess(enrolment=enrolment, actor=school_admin, score=Decimal("90"), passed=True)


def test_a_completed_enrolment_with_an_account_is_issued_the_credential_once(school, school_admin, org_a, admin_a):
    worker = person(org_a, Role.ENGINEER, full_name="王工")
    enrolment = _completed(school_admin, school, org_a, admin_a, account=worker)
    with pytest.raises(PermissionDenied):
        services.enrolment_issue_credential(enrolment=enrolment, actor=admin_a)
    services.enrolment_issue_credential(enrolment=enrolment, actor=school_admin)
    enrolment.refresh_from_db()
    assert enrolment.credential.holder == worker
    assert enrolment.credential.achievement.kind == "employee_training"
    with pytest.raises(ValidationError):
        services.enrolment_issue_credential(enrolment=enrolment, actor=school_admin)
    assert AuditEvent.objects.filter(event="employee_training.credential_issued").count() == 1


def test_no_credential_without_an_account(school, school_admin, org_a, admin_a):
    enrolment = _completed(school_admin, school, org_a, admin_a)
    with pytest.raises(ValidationError):
        services.enrolment_issue_credential(enrolment=enrolment, actor=school_admin)


def test_a_programme_names_only_its_schools_employee_training_certificate(school, school_admin):
    from credentials.models import Achievement, AchievementKind

    diploma = Achievement.objects.create(issuer=school, kind=AchievementKind.DIPLOMA, name="毕业证书")
    with pytest.raises(ValidationError) as error:
        offer(school_admin, school, achievement=diploma)
    assert "achievement" in error.value.message_dict


def test_the_credentials_eligible_holders_of_employee_training_are_enterprise_people(school, org_a, student, admin_a):
    from credentials.access import eligible_holders
    from credentials.models import Achievement, AchievementKind

    certificate = Achievement.objects.create(issuer=school, kind=AchievementKind.EMPLOYEE_TRAINING, name="证书")
    holders = set(eligible_holders(certificate))
    assert admin_a in holders and student not in holders
