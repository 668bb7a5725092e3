"""Teachers' training records as the services keep them: the rules of dates, days and hours, no
overlapping practice, the provider's sign-off (locked, issued as a certificate, logged, credited)
or return with a reason, the five-year indicator at its boundaries, and 双师型 decisions."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction

from core.models import AuditEvent
from core.events import contribution
from credentials.models import AchievementKind
from training.models import (
    DualStatus, PRACTICE_DAYS_REQUIRED, PracticeColour, TeacherTrainingRecord, TrainingKind, TrainingRecordStatus,
    practice_colour, practice_window,
)
from training.selectors import teachers as selectors
from training.services import teachers as services
from training.tests import teachers_support
from training.tests.teachers_support import days_ago, practice

school_admin = teachers_support.school_admin

pytestmark = pytest.mark.django_db


def _create(teacher, org, **changes):
    fields = dict(kind=TrainingKind.PRACTICE, provider=org, title="企业实践", starts_on=days_ago(40),
                  ends_on=days_ago(31), days=10, hours=80, content="跟岗实践。")
    fields.update(changes)
    return services.record_create(actor=teacher, **fields)


@pytest.mark.parametrize("changes,field", [
    ({"ends_on": days_ago(50)}, "ends_on"),
    ({"days": 11}, "days"),
    ({"days": 0}, "days"),
    ({"hours": 0}, "hours"),
    ({"hours": 241}, "hours"),
    ({"title": " "}, "title"),
    ({"kind": TrainingKind.COURSE}, "level"),
    ({"provider": None}, "provider"),
])
def test_a_record_with_impossible_figures_is_refused_on_its_field(teacher, org_a, changes, field):
    with pytest.raises(ValidationError) as refused:
        _create(teacher, org_a, **changes)
    assert field in refused.value.message_dict
    assert not TeacherTrainingRecord.objects.exists()


def test_24_hours_a_day_is_the_most_that_is_plausible(teacher, org_a):
    assert _create(teacher, org_a, hours=240).hours == 240


def test_only_a_teacher_records_training(admin_a, student, org_a):
    for someone in (admin_a, student):
        with pytest.raises(PermissionDenied):
            _create(someone, org_a)


def test_overlapping_practice_of_one_teacher_is_refused(teacher, org_a, org_b):
    _create(teacher, org_a)
    with pytest.raises(ValidationError) as refused:
        _create(teacher, org_b, starts_on=days_ago(35), ends_on=days_ago(20), days=16, title="又一次")
    assert "starts_on" in refused.value.message_dict
    # A course in the same days is no practice period: allowed.
    _create(teacher, org_b, kind=TrainingKind.COURSE, level="provincial", starts_on=days_ago(35), ends_on=days_ago(34),
            days=2, hours=16)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database's own guard")
def test_the_database_refuses_overlapping_practice_and_changes_to_signed_off_records(teacher, org_a, member_a):
    record = practice(teacher, org_a, signer=member_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        TeacherTrainingRecord.objects.create(teacher=teacher, school=record.school, kind="practice", provider=org_a,
                                             title="重叠", starts_on=record.starts_on, ends_on=record.ends_on, days=1,
                                             hours=8, content="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        TeacherTrainingRecord.objects.filter(pk=record.pk).update(days=record.days + 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        TeacherTrainingRecord.objects.filter(pk=record.pk).delete()


def test_a_record_is_submitted_once_it_has_ended(teacher, org_a):
    record = _create(teacher, org_a, starts_on=days_ago(2), ends_on=days_ago(-5), days=8, hours=64)
    with pytest.raises(ValidationError):
        services.record_submit(record=record, actor=teacher)


def test_the_provider_signs_off_issues_a_certificate_logs_it_and_locks_the_record(teacher, org_a, member_a, admin_b):
    record = practice(teacher, org_a)
    with pytest.raises(PermissionDenied):
        services.record_sign_off(record=record, actor=admin_b)
    record = services.record_sign_off(record=record, actor=member_a)
    assert record.status == TrainingRecordStatus.SIGNED_OFF and record.signed_off_by == member_a
    credential = record.credential
    assert credential.achievement.kind == AchievementKind.TEACHER_TRAINING
    assert credential.achievement.issuer == record.school  # only schools issue credentials
    assert credential.log_index is not None
    assert AuditEvent.objects.filter(event="teacher_training.signed_off").exists()
    with pytest.raises(PermissionDenied):
        services.record_update(record=record, actor=teacher, kind=TrainingKind.PRACTICE, provider=org_a, title="改",
                               starts_on=record.starts_on, ends_on=record.ends_on, days=1, hours=8, content="x")


def test_a_signed_off_course_of_an_enterprise_is_a_contribution(teacher, org_a, member_a):
    received = []

    def listener(sender, **kwargs):
        received.append(kwargs)

    contribution.connect(listener)
    try:
        practice(teacher, org_a, signer=member_a)  # practice: not a course
        course = practice(teacher, org_a, kind=TrainingKind.COURSE, level="national", days=3, ended=100,
                          title="国家级培训", signer=member_a)
    finally:
        contribution.disconnect(listener)
    assert [(r["kind"], r["organization"], r["source"], r["quantity"], r["occurred_on"]) for r in received] == [
        ("training_course", org_a, course, 1, course.ends_on)]


def test_returning_needs_a_reason_and_the_teacher_corrects_and_submits_again(teacher, org_a, admin_a):
    record = practice(teacher, org_a)
    with pytest.raises(ValidationError):
        services.record_return(record=record, actor=admin_a, reason=" ")
    record = services.record_return(record=record, actor=admin_a, reason="天数与考勤不符。")
    assert record.status == TrainingRecordStatus.RETURNED
    record = services.record_update(record=record, actor=teacher, kind=TrainingKind.PRACTICE, provider=org_a,
                                    title=record.title, starts_on=record.starts_on, ends_on=record.ends_on, days=20,
                                    hours=160, content="更正后的内容。")
    assert services.record_submit(record=record, actor=teacher).status == TrainingRecordStatus.SUBMITTED


def test_evidence_is_checked_and_kept(teacher, org_a):
    good = SimpleUploadedFile("证明.pdf", b"%PDF-1.4 proof", content_type="application/pdf")
    record = _create(teacher, org_a, evidence=[good])
    assert [e.name for e in record.evidence.all()] == ["证明.pdf"]
    bad = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError) as refused:
        _create(teacher, org_a, evidence=[bad], starts_on=days_ago(90), ends_on=days_ago(81))
    assert "evidence" in refused.value.message_dict


@pytest.mark.parametrize("days,lasting,colour", [
    (PRACTICE_DAYS_REQUIRED, PRACTICE_DAYS_REQUIRED, PracticeColour.GREEN),
    (PRACTICE_DAYS_REQUIRED + 50, PRACTICE_DAYS_REQUIRED - 1, PracticeColour.YELLOW),
    (PRACTICE_DAYS_REQUIRED - 1, PRACTICE_DAYS_REQUIRED - 1, PracticeColour.YELLOW),
    (PRACTICE_DAYS_REQUIRED // 2, 0, PracticeColour.YELLOW),
    (PRACTICE_DAYS_REQUIRED // 2 - 1, PRACTICE_DAYS_REQUIRED // 2 - 1, PracticeColour.RED),
    (0, 0, PracticeColour.RED),
])
def test_the_colour_boundaries(days, lasting, colour):
    assert practice_colour(days, lasting) == colour


def test_the_window_is_five_years_and_its_notice_one(teacher):
    assert practice_window(date(2026, 3, 1)) == (date(2021, 3, 1), date(2022, 3, 1))
    assert practice_window(date(2028, 2, 29)) == (date(2023, 2, 28), date(2024, 2, 29))


def test_the_indicator_counts_signed_off_practice_of_the_window(teacher, org_a, member_a, school):
    practice(teacher, org_a, ended=5 * 365 + 30, days=100, signer=member_a)  # out of the window
    practice(teacher, org_a, ended=400, days=60, signer=member_a)
    practice(teacher, org_a, ended=20, days=40)  # not signed off
    assert selectors.teacher_practice(teacher)["days"] == 60
    assert selectors.teacher_practice(teacher)["colour"] == PracticeColour.RED
    practice(teacher, org_a, ended=200, days=30, signer=member_a)
    assert selectors.teacher_practice(teacher)["colour"] == PracticeColour.YELLOW
    practice(teacher, org_a, ended=100, days=90, signer=member_a)
    figures = selectors.teacher_practice(teacher)
    assert (figures["days"], figures["colour"]) == (180, PracticeColour.GREEN)
    row = selectors.overview({school.pk}).get(pk=teacher.pk)
    assert (row.days, row.lasting_days, row.colour) == (180, 180, PracticeColour.GREEN)


def test_met_but_leaving_the_window_within_a_year_is_yellow(teacher, org_a, member_a):
    practice(teacher, org_a, ended=4 * 365 + 100, days=150, signer=member_a)
    practice(teacher, org_a, ended=30, days=30, signer=member_a)
    figures = selectors.teacher_practice(teacher)
    assert (figures["days"], figures["lasting_days"], figures["colour"]) == (180, 30, PracticeColour.YELLOW)


def test_a_teacher_applies_and_the_committee_decides_with_reasons(teacher, org_a, member_a, school_admin, school,
                                                                     admin_a):
    record = practice(teacher, org_a, signer=member_a)
    waiting = practice(teacher, org_a, ended=300, days=10)
    with pytest.raises(ValidationError):
        services.dual_apply(actor=teacher, level="junior", qualifications="讲师", records=[waiting])
    application = services.dual_apply(actor=teacher, level="intermediate", qualifications="讲师；高级工", records=[record])
    with pytest.raises(ValidationError):
        services.dual_apply(actor=teacher, level="junior", qualifications="讲师", records=[record])
    with pytest.raises(PermissionDenied):
        services.dual_decide(application=application, actor=admin_a, approve=True, level="junior", reasons="好")
    with pytest.raises(ValidationError) as refused:
        services.dual_decide(application=application, actor=school_admin, approve=True, level="", reasons="")
    assert set(refused.value.message_dict) == {"level", "reasons"}
    assert selectors.overview_summary({school.pk})["dual"] == 0
    application = services.dual_decide(application=application, actor=school_admin, approve=True, level="junior",
                                       reasons="企业实践充分，但尚无主持项目经历，认定为初级。")
    assert (application.status, application.decided_level) == (DualStatus.APPROVED, "junior")
    assert AuditEvent.objects.filter(event="dual_teacher.decided").exists()
    summary = selectors.overview_summary({school.pk})
    assert (summary["teachers"], summary["dual"], summary["share"]) == (1, 1, 100)
    with pytest.raises(ValidationError):
        services.dual_decide(application=application, actor=school_admin, approve=False, reasons="再议")


def test_a_school_admin_does_not_decide_their_own_application(school, org_a, member_a):
    from members.models import Role
    from members.tests.factories import person

    both = person(school, Role.TEACHER, Role.ORG_ADMIN, username="both")
    record = practice(both, org_a, signer=member_a)
    application = services.dual_apply(actor=both, level="junior", qualifications="讲师", records=[record])
    with pytest.raises(PermissionDenied):
        services.dual_decide(application=application, actor=both, approve=True, level="junior", reasons="自己")


def test_no_future_sign_off(teacher, org_a, member_a, monkeypatch):
    record = practice(teacher, org_a, ended=1, days=5)
    before = days_ago(3)
    monkeypatch.setattr(services.timezone, "localdate", lambda: before)
    with pytest.raises(ValidationError):
        services.record_sign_off(record=record, actor=member_a)
