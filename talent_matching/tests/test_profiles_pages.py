"""Student profiles as people use them: the student keeps theirs and chooses who sees it; an
enterprise sees it only under that consent, and every look is shown to the student; a school
lists and imports its students' profiles; the student downloads everything held about them."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import Role
from members.tests.factories import person
from talent_matching.models import ConsentRecord, ProfileAccess, ProfileSkill, StudentProfile, Visibility
from talent_matching.services import profiles as services
from talent_matching.tests.profiles_support import *  # noqa: F401,F403
from talent_matching.tests.profiles_support import make_profile
from tests.fixtures import client_for
from tests.pages import part, queries_for, zh


def test_a_student_fills_in_a_profile_with_a_verified_and_a_self_declared_skill(
        student, school, skills, robot_certificate):
    client = client_for(student)
    assert "data-testid=\"empty\"" in client.get(reverse("talent:my_profile")).content.decode()
    response = client.post(reverse("talent:my_profile_edit"), {
        "school": school.pk, "major": "460301", "education_level": 2, "graduation_year": 2027,
        "regions": "320411", "available_from": "2027-07-01", "kinds": ["job", "internship"], "summary": "喜欢动手。",
        "skills-TOTAL_FORMS": 2, "skills-INITIAL_FORMS": 0, "skills-MIN_NUM_FORMS": 0, "skills-MAX_NUM_FORMS": 30,
        "skills-0-skill": "SK-ROBOT", "skills-0-level": 2, "skills-0-credential": robot_certificate.pk,
        "skills-1-skill": "SK-PLC", "skills-1-level": 1, "skills-1-credential": "",
    })
    assert response.status_code == 302, response.content.decode()
    profile = StudentProfile.objects.get(student=student)
    assert profile.visibility == Visibility.NOBODY  # no one sees it until the student chooses
    assert list(profile.regions.values_list("code", flat=True)) == ["320411"]
    page = client.get(reverse("talent:my_profile"))
    skills_part = part(page, "skills").text
    assert "工业机器人操作" in skills_part and zh("Verified") in skills_part and zh("Self-declared") in skills_part


def test_evidence_must_be_a_credential_the_student_holds(student, school, skills, robot_certificate, teacher):
    other = person(school, Role.STUDENT, username="other_student")
    profile = make_profile(other, school)
    response = client_for(other).post(reverse("talent:my_profile_edit"), {
        "school": school.pk, "major": "460301", "education_level": 2, "graduation_year": 2027,
        "skills-TOTAL_FORMS": 1, "skills-INITIAL_FORMS": 0, "skills-MIN_NUM_FORMS": 0, "skills-MAX_NUM_FORMS": 30,
        "skills-0-skill": "SK-ROBOT", "skills-0-level": 2, "skills-0-credential": robot_certificate.pk,
    })
    assert response.status_code == 200
    assert not ProfileSkill.objects.filter(profile=profile).exists()


def test_consent_is_recorded_with_its_wording_and_withdrawal_hides_the_profile_at_once(
        student, school, member_a, plc):
    profile = make_profile(student, school)
    enterprise = client_for(member_a)
    url = reverse("talent:profile_detail", args=[profile.pk])
    assert enterprise.get(url).status_code == 404

    client = client_for(student)
    page = client.get(reverse("talent:consent"))
    assert zh("Record my choice") in page.content.decode()
    assert client.post(reverse("talent:consent"), {"visibility": "consortium"}).status_code == 302
    record = ConsentRecord.objects.get(profile=profile)
    assert record.visibility == Visibility.CONSORTIUM and record.language == "zh-hans"
    assert record.wording == services.consent_wording(Visibility.CONSORTIUM, "zh-hans")
    assert enterprise.get(url).status_code == 200

    assert client.post(reverse("talent:consent_withdraw")).status_code == 302
    assert enterprise.get(url).status_code == 404
    assert enterprise.get(reverse("talent:profile_download", args=[profile.pk, "json"])).status_code == 404
    assert list(ConsentRecord.objects.filter(profile=profile).order_by("given_at").values_list("visibility", flat=True)) \
        == ["consortium", "nobody"]


def test_an_enterprise_sees_the_profile_and_the_student_sees_who_looked(student, school, member_a, org_a, profile):
    enterprise = client_for(member_a)
    page = enterprise.get(reverse("talent:profile_detail", args=[profile.pk])).content.decode()
    assert "PLC 编程" in page and student.email not in page
    pdf = enterprise.get(reverse("talent:profile_download", args=[profile.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert list(ProfileAccess.objects.order_by("at").values_list("organization_id", "user_id", "kind")) == [
        (org_a.pk, member_a.pk, "viewed"), (org_a.pk, member_a.pk, "downloaded")]

    page = client_for(student).get(reverse("talent:my_accesses"))
    table = part(page, "accesses").text
    assert org_a.name_zh in table and member_a.display_name in table and zh("Downloaded the profile") in table


def test_the_student_and_their_school_looking_are_not_recorded(student, teacher, profile):
    client_for(student).get(reverse("talent:profile_detail", args=[profile.pk]))
    client_for(teacher).get(reverse("talent:profile_detail", args=[profile.pk]))
    assert not ProfileAccess.objects.exists()


def test_only_the_enterprises_applied_to_see_an_applied_only_profile(student, school, member_a, outsider, org_a):
    from talent_matching.models import Application, ApplicationOrigin, ApplicationStage, Posting

    profile = make_profile(student, school, visibility=Visibility.APPLIED)
    posting = Posting.objects.create(organization=org_a, title="电气维修", description="维修。", status="published")
    url = reverse("talent:profile_detail", args=[profile.pk])
    assert client_for(member_a).get(url).status_code == 404
    Application.objects.create(posting=posting, profile=profile, origin=ApplicationOrigin.APPLIED,
                               stage=ApplicationStage.APPLIED)
    assert client_for(member_a).get(url).status_code == 200
    assert client_for(outsider).get(url).status_code == 404


def test_the_access_list_pages_and_keeps_its_queries(student, profile, org_a, member_a):
    ProfileAccess.objects.bulk_create([ProfileAccess(profile=profile, organization=org_a, user=member_a, kind="viewed")
                                       for _ in range(40)])
    client = client_for(student)
    url = reverse("talent:my_accesses")
    first = queries_for(client, url)
    ProfileAccess.objects.bulk_create([ProfileAccess(profile=profile, organization=org_a, user=member_a, kind="api")
                                       for _ in range(40)])
    assert queries_for(client, url) == first <= 12
    page = client.get(url, {"page": 2})
    assert part(page, "accesses").text.count(org_a.name_zh) == 25


def test_the_export_holds_the_students_data_and_nobody_elses(student, school, profile, org_a, member_a,
                                                              robot_certificate, django_assert_max_num_queries):
    other = person(school, Role.STUDENT, username="someone_else", full_name="别人", email="else@example.cn")
    make_profile(other, school, summary="别人的自述。")
    services.consent_set(profile=profile, actor=student, visibility=Visibility.CONSORTIUM)
    ProfileAccess.objects.create(profile=profile, organization=org_a, user=member_a, kind="viewed")
    client = client_for(student)
    with django_assert_max_num_queries(22):
        response = client.get(reverse("talent:my_data"))
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["username"] == student.username
    assert data["profile"]["summary"] == "喜欢动手。"
    assert [s["skill"] for s in data["skills"]] == ["SK-PLC PLC 编程"]
    assert data["consents"][0]["wording"] and data["accesses"][0]["organization"] == org_a.name_zh
    assert data["credentials"][0]["id"] == str(robot_certificate.uuid)
    assert [m["role"] for m in data["memberships"]] == ["student"]
    text = response.content.decode()
    assert "别人" not in text and "else@example.cn" not in text and "someone_else" not in text


def test_a_school_lists_searches_and_filters_its_students_profiles(school, teacher, plc, django_assert_max_num_queries):
    for n in range(30):
        user = person(school, Role.STUDENT, username=f"stu{n:03d}", full_name=f"学生{n}")
        make_profile(user, school, graduation_year=2026 + n % 2,
                     visibility=Visibility.CONSORTIUM if n == 7 else Visibility.NOBODY)
    client = client_for(teacher)
    url = reverse("talent:school_profiles", args=[school.pk])
    first = queries_for(client, url)
    assert first <= 14
    assert part(client.get(url), "profile-table").text.count("stu0") == 25
    assert part(client.get(url, {"q": "学生7"}), "profile-table").text.count("stu0") == 1
    assert part(client.get(url, {"graduation_year": 2027}), "profile-table").text.count("stu0") == 15
    assert part(client.get(url, {"visibility": "consortium"}), "profile-table").text.count("stu0") == 1
    assert part(client.get(url, {"major": "460301"}), "profile-table").text.count("stu0") == 25


def test_another_schools_people_and_enterprises_do_not_find_the_list(school, member_a, student):
    url = reverse("talent:school_profiles", args=[school.pk])
    assert client_for(member_a).get(url).status_code == 404
    assert client_for(student).get(url).status_code == 404


def test_a_school_imports_profiles_and_a_bad_line_imports_nothing(school, teacher, skills):
    first = person(school, Role.STUDENT, username="stu001", email="stu001@school.example.cn")
    person(school, Role.STUDENT, username="stu002")
    client = client_for(teacher)
    url = reverse("talent:school_profile_import", args=[school.pk])
    bad = "用户名,专业,毕业年份,技能\nstu001,460301,2027,SK-PLC:中级\nstu002,不存在的专业,2027,\nghost,460301,2027,\n"
    response = client.post(url, {"file": SimpleUploadedFile("档案.csv", bad.encode())})
    page = response.content.decode()
    assert response.status_code == 200
    assert "第 3 行" in page or "Line 3" in page
    assert "ghost" in page
    assert not StudentProfile.objects.exists()

    good = "电子邮箱,专业,毕业年份,技能,意向地区\nstu001@school.example.cn,460301,2027,SK-PLC:中级、SK-DRAW,320411\n"
    response = client.post(url, {"file": SimpleUploadedFile("档案.csv", good.encode())})
    assert response.status_code == 302
    profile = StudentProfile.objects.get(student=first)
    assert profile.visibility == Visibility.NOBODY and not profile.consents.exists()
    assert sorted(profile.skills.values_list("skill__code", "level")) == [("SK-DRAW", 1), ("SK-PLC", 2)]
    # The student is told to choose.
    page = client_for(first).get(reverse("talent:my_profile"))
    assert part(page, "choose-consent").text


def test_a_school_keeps_a_profile_but_cannot_change_who_sees_it(school, teacher, student, profile):
    client = client_for(teacher)
    response = client.post(reverse("talent:school_profile_edit", args=[profile.pk]), {
        "school": school.pk, "major": "460303", "education_level": 2, "graduation_year": 2028,
        "left_school_at": "2028-07-01", "visibility": "nobody",
        "skills-TOTAL_FORMS": 1, "skills-INITIAL_FORMS": 1, "skills-MIN_NUM_FORMS": 0, "skills-MAX_NUM_FORMS": 30,
        "skills-0-skill": "SK-PLC", "skills-0-level": 3,
    })
    assert response.status_code == 302, response.content.decode()
    profile.refresh_from_db()
    assert (profile.major.code, profile.graduation_year, str(profile.left_school_at)) == ("460303", 2028, "2028-07-01")
    assert profile.visibility == Visibility.CONSORTIUM
    assert client.get(reverse("talent:consent")).status_code == 404


def test_the_secretariat_sets_the_retention_period(secretariat, teacher):
    from talent_matching.models import TalentSettings

    client = client_for(secretariat)
    assert client.post(reverse("talent:retention"), {"retention_days": 90}).status_code == 302
    assert TalentSettings.current().retention_days == 90
    assert client_for(teacher).get(reverse("talent:retention")).status_code == 404


def test_the_home_page_asks_the_student_to_choose(student, school):
    make_profile(student, school)
    page = client_for(student).get(reverse("home")).content.decode()
    assert reverse("talent:consent") in page
