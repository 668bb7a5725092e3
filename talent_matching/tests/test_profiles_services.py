"""The profile services on their own: de-identification after the retention period (and its
nightly task on a real Celery worker), an import that rolls back whole, consent only by the
student, and the API's reads recorded for the student."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from members.models import Role
from members.tests.factories import person
from talent_matching.models import (
    ConsentRecord,
    ProfileAccess,
    ProfileSkill,
    StudentProfile,
    TalentSettings,
    Visibility,
)
from talent_matching.services import profiles as services
from talent_matching.tests.profiles_support import *  # noqa: F401,F403
from talent_matching.tests.profiles_support import make_profile
from tests.fixtures import client_for


def _left(profile, days_ago):
    profile.left_school_at = timezone.localdate() - timedelta(days=days_ago)
    profile.save(update_fields=["left_school_at"])
    return profile


def test_profiles_past_the_retention_period_are_de_identified_once(
        student, school, member_a, org_a, profile, robot_certificate, plc):
    TalentSettings.objects.update_or_create(pk=1, defaults={"retention_days": 30})
    recent = _left(make_profile(person(school, Role.STUDENT), school, visibility=Visibility.CONSORTIUM), 10)
    _left(profile, 31)
    ProfileSkill.objects.filter(profile=profile).update(credential=robot_certificate)
    services.consent_set(profile=profile, actor=student, visibility=Visibility.CONSORTIUM)
    ProfileAccess.objects.create(profile=profile, organization=org_a, user=member_a, kind="viewed")

    assert services.profiles_deidentify() == 1
    profile.refresh_from_db()
    assert profile.student_id is None and profile.summary == "" and profile.visibility == Visibility.NOBODY
    assert profile.deidentified_at is not None
    assert not ProfileAccess.objects.filter(profile=profile, user__isnull=False).exists()
    assert not ProfileSkill.objects.filter(profile=profile, credential__isnull=False).exists()
    assert not ConsentRecord.objects.filter(profile=profile, given_by__isnull=False).exists()
    # What counts stays for de-identified figures.
    assert (profile.major.code, profile.graduation_year, profile.skills.count()) == ("460301", 2027, 1)
    recent.refresh_from_db()
    assert recent.student_id is not None and recent.deidentified_at is None
    # Idempotent.
    stamp = profile.deidentified_at
    assert services.profiles_deidentify() == 0
    profile.refresh_from_db()
    assert profile.deidentified_at == stamp
    # No enterprise finds it; the student no longer has a profile.
    assert client_for(member_a).get(reverse("talent:profile_detail", args=[profile.pk])).status_code == 404
    assert not StudentProfile.objects.filter(student=student).exists()


@pytest.mark.django_db(transaction=True)
def test_the_nightly_task_de_identifies_on_a_real_worker(celery_worker, school):
    from talent_matching.tasks.profiles import profiles_deidentify_task

    student = person(school, Role.STUDENT)
    profile = _left(make_profile(student, school), 400)
    assert profiles_deidentify_task.delay().get(timeout=30) == 1
    profile.refresh_from_db()
    assert profile.student_id is None


def test_the_task_is_scheduled():
    from core.portal import periodic_tasks

    assert "talent_matching.tasks.profiles.profiles_deidentify_task" in {task.task for task in periodic_tasks()}


def test_an_import_with_one_bad_line_changes_nothing(school, teacher, student, profile, skills):
    before = list(StudentProfile.objects.values_list("pk", "major_id", "graduation_year"))
    data = "用户名,专业,毕业年份\nstudent,460303,2028\nstudent2,460301,20x7\n".encode()
    person(school, Role.STUDENT, username="student2")
    with pytest.raises(ValidationError) as error:
        services.profile_import(school=school, actor=teacher, data=data)
    assert any("3" in message for message in error.value.messages)
    assert list(StudentProfile.objects.values_list("pk", "major_id", "graduation_year")) == before


def test_an_import_never_changes_who_sees_a_profile(school, teacher, student, profile, skills):
    counts = services.profile_import(school=school, actor=teacher,
                                     data="用户名,专业,毕业年份\nstudent,460303,2028\n".encode())
    assert counts == {"created": 0, "updated": 1}
    profile.refresh_from_db()
    assert profile.visibility == Visibility.CONSORTIUM and profile.graduation_year == 2028


def test_only_the_school_imports_and_only_its_students(school, member_a, org_b, teacher, skills):
    with pytest.raises(PermissionDenied):
        services.profile_import(school=school, actor=member_a, data=b"username,major,graduation year\n")
    person(org_b, Role.STAFF, username="not_a_student")
    with pytest.raises(ValidationError):
        services.profile_import(school=school, actor=teacher,
                                data="用户名,专业,毕业年份\nnot_a_student,460301,2027\n".encode())


def test_only_the_student_gives_or_withdraws_consent(teacher, secretariat, profile):
    for actor in (teacher, secretariat):
        with pytest.raises(PermissionDenied):
            services.consent_set(profile=profile, actor=actor, visibility=Visibility.NOBODY)
    profile.refresh_from_db()
    assert profile.visibility == Visibility.CONSORTIUM


def test_an_enterprises_api_reads_are_recorded_and_stop_at_withdrawal(
        api_client, student, member_a, org_a, profile, school):
    hidden = make_profile(person(school, Role.STUDENT), school)  # nobody
    client = api_client(member_a)
    listed = client.get("/api/v1/talent/profiles/").json()
    assert [row["id"] for row in listed["results"]] == [profile.pk]
    assert listed["results"][0]["skills"] == [{"code": "SK-PLC", "name": "PLC 编程", "level": 2, "verified": False}]
    assert "email" not in listed["results"][0]
    assert client.get(f"/api/v1/talent/profiles/{profile.pk}/").status_code == 200
    assert client.get(f"/api/v1/talent/profiles/{hidden.pk}/").status_code == 404
    assert list(ProfileAccess.objects.values_list("kind", "organization_id")) == [("api", org_a.pk)] * 2
    services.consent_set(profile=profile, actor=student, visibility=Visibility.NOBODY)
    assert client.get("/api/v1/talent/profiles/").json()["results"] == []
    assert client.get(f"/api/v1/talent/profiles/{profile.pk}/").status_code == 404


def test_the_student_and_the_school_read_through_the_api_unrecorded(api_client, student, teacher, profile):
    assert api_client(student).get("/api/v1/talent/profiles/").json()["count"] == 1
    assert api_client(teacher).get(f"/api/v1/talent/profiles/{profile.pk}/").status_code == 200
    assert not ProfileAccess.objects.exists()


def test_a_verified_skill_counts_only_while_its_credential_verifies(student, profile, robot_certificate, school):
    from credentials import services as credential_services
    from credentials.models import CredentialStatus
    from talent_matching.views.profiles import _with_skills

    ProfileSkill.objects.filter(profile=profile).update(credential=robot_certificate)
    assert [s.verified for s in _with_skills(profile)] == [True]
    admin = school.memberships.filter(role=Role.ORG_ADMIN).first().user
    credential_services.set_status(credential=robot_certificate, actor=admin, status=CredentialStatus.REVOKED,
                                   reason="作废。")
    assert [s.verified for s in _with_skills(profile)] == [False]


def test_consent_wording_names_what_with_whom_and_what_for():
    for visibility in (Visibility.CONSORTIUM, Visibility.APPLIED):
        wording = services.consent_wording(visibility, "en")
        assert "What is shared" in wording and "What for" in wording and "withdraw" in wording
    assert "No one outside your school" in services.consent_wording(Visibility.NOBODY, "en")


def test_left_school_date_in_the_future_is_not_due(school, student):
    profile = make_profile(student, school, left_school_at=date.today() + timedelta(days=3))
    assert services.profiles_deidentify() == 0
    profile.refresh_from_db()
    assert profile.student_id == student.pk


def test_supply_figures_are_counts_with_small_cells_hidden(school):
    for n in range(6):
        make_profile(person(school, Role.STUDENT), school, graduation_year=2027)
    make_profile(person(school, Role.STUDENT), school, graduation_year=2028)
    rows = services.supply_counts()
    assert [(row["graduation_year"], row["students"]) for row in rows] == [(2027, 6), (2028, None)]
    assert set(rows[0]) == {"school_id", "major__code", "major__family_code", "education_level", "graduation_year",
                            "students"}


def test_students_whose_school_imported_their_profile_are_asked_to_choose(
        school, teacher, skills, mailoutbox, django_capture_on_commit_callbacks):
    first = person(school, Role.STUDENT, username="stu001", email="stu001@school.example.cn")
    second = person(school, Role.STUDENT, username="stu002", email="stu002@school.example.cn")
    with django_capture_on_commit_callbacks() as callbacks:
        services.profile_import(school=school, actor=teacher,
                                data="用户名,专业,毕业年份\nstu001,460301,2027\nstu002,460301,2027\n".encode())
    # The e-mails are sent by a task once the import is committed.
    assert any("profile_import" in callback.__qualname__ for callback in callbacks)
    chosen = StudentProfile.objects.get(student=second)
    services.consent_set(profile=chosen, actor=second, visibility=Visibility.APPLIED)
    ids = list(StudentProfile.objects.values_list("pk", flat=True))
    assert services.profiles_ask_consent(profile_ids=ids) == 1
    [mail] = mailoutbox
    assert mail.to == [first.email] and reverse("talent:consent") in mail.body


def test_an_enterprises_api_list_costs_the_same_for_many_profiles(api_client, member_a, school, plc):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def listing():
        with CaptureQueriesContext(connection) as captured:
            assert api_client(member_a).get("/api/v1/talent/profiles/").status_code == 200
        return len(captured)

    for _ in range(3):
        ProfileSkill.objects.create(profile=make_profile(person(school, Role.STUDENT), school,
                                                         visibility=Visibility.CONSORTIUM), skill=plc)
    listing()  # the caller's access profile is cached by the first request
    few = listing()
    for _ in range(20):
        ProfileSkill.objects.create(profile=make_profile(person(school, Role.STUDENT), school,
                                                         visibility=Visibility.CONSORTIUM), skill=plc)
    assert listing() == few
    assert ProfileAccess.objects.filter(kind="api").count() == 3 + 3 + 23
