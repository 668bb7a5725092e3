"""Co-developed courses as people use them: the school proposes a course and writes its draft
with a partner; the school submits, the partner reviews; the list filters and searches and costs
as many queries for many courses as for few; a course outside the viewer's reach answers 404;
the compare page shows what changed; the coverage page shows demanded skills no course teaches.
The API reads under the same rules."""

import pytest
from django.urls import reverse

from members.models import Role
from members.tests.factories import person
from talent_matching.models import Posting, PostingSkill, PostingStatus
from training.models import CourseStatus, ReviewDecision, VersionStatus
from training.services import courses as services
from training.tests.courses_support import a_course, approved_course, major, skill
from tests.fixtures import client_for
from tests.pages import messages_on, part, queries_for, zh

pytestmark = pytest.mark.django_db


def test_the_school_proposes_a_course_and_writes_its_draft(teacher, school, org_a):
    client = client_for(teacher)
    response = client.post(reverse("training:course_propose"), {
        "school": school.pk, "title": "数控加工工艺", "major": major("460103").pk, "level": "2", "hours": "48",
        "credits": "3", "partners": [org_a.pk], "skills": [skill("S0608").pk]}, follow=True)
    assert zh("The course is proposed. Write its first version with your partners.") in messages_on(response)
    course = school.training_courses.get()
    client.post(reverse("training:course_unit_create", args=[course.pk]),
                {"order": "1", "title": "数控车削", "hours": "16"})
    client.post(reverse("training:course_chapter_create", args=[course.pk]),
                {"number": "1", "title": "安全规范", "body": "规程"})
    response = client.get(reverse("training:course_version", args=[course.pk, 1]))
    assert "数控车削" in part(response, "version-units").text
    assert "安全规范" in part(response, "version-chapters").text
    response = client.post(reverse("training:course_submit", args=[course.pk]), {"note": "第一版"}, follow=True)
    assert zh("The version is submitted to the partners for review.") in messages_on(response)
    assert part(response, "course-status").text == zh("In review")


def test_a_proposal_without_partner_is_shown_again_with_the_reason(teacher, school):
    response = client_for(teacher).post(reverse("training:course_propose"), {
        "school": school.pk, "title": "无伙伴", "major": major().pk, "level": "2", "hours": "48", "credits": "3"})
    assert response.status_code == 200 and response.context["form"].errors["partners"]


def test_the_partner_reviews_and_the_course_is_approved(teacher, school, org_a, admin_a):
    course = a_course(teacher, school, [org_a])
    services.course_submit(course=course, actor=teacher)
    client = client_for(admin_a)
    response = client.get(reverse("training:course", args=[course.pk]))
    assert reverse("training:course_review", args=[course.pk]) in part(response, "course-buttons").links
    response = client.post(reverse("training:course_review", args=[course.pk]),
                           {"organization": org_a.pk, "decision": "changes", "comment": ""})
    assert response.status_code == 200 and response.context["form"].errors["comment"]
    response = client.post(reverse("training:course_review", args=[course.pk]),
                           {"organization": org_a.pk, "decision": "approve"}, follow=True)
    assert zh("Your review is recorded.") in messages_on(response)
    course.refresh_from_db()
    assert course.status == CourseStatus.APPROVED


def test_a_proposed_course_is_hidden_from_other_enterprises_and_students(teacher, school, org_a, outsider, student):
    course = a_course(teacher, school, [org_a])
    for user in (outsider, student):
        assert client_for(user).get(reverse("training:course", args=[course.pk])).status_code == 404
    services.course_submit(course=course, actor=teacher)
    assert client_for(outsider).get(reverse("training:course_review", args=[course.pk])).status_code == 404


def test_an_approved_course_is_read_by_everyone_in_training(teacher, school, org_a, admin_a, outsider, student):
    course = approved_course(teacher, school, {org_a: admin_a})
    for user in (outsider, student):
        response = client_for(user).get(reverse("training:course", args=[course.pk]))
        assert response.status_code == 200
        assert not part(response, "course-buttons").links or reverse(
            "training:course_retire", args=[course.pk]) not in part(response, "course-buttons").links


def test_the_list_filters_searches_and_costs_the_same_for_many_courses(
        teacher, school, org_a, org_b, admin_a, django_assert_max_num_queries):
    flagged = a_course(teacher, school, [org_a], title="工业机器人编程")
    flagged.needs_review, flagged.review_reason = True, "Q/T 1-2019 → Q/T 1-2024"
    flagged.save()
    client = client_for(teacher)
    url = reverse("training:courses")
    few = queries_for(client, url)
    for n in range(8):
        a_course(teacher, school, [org_a, org_b], title=f"课程{n}", units=1)
    assert queries_for(client, url) == few
    with django_assert_max_num_queries(few):
        client.get(url)
    response = client.get(url, {"needs_review": "on"})
    assert "工业机器人编程" in part(response, "course-table").text
    assert "课程1" not in part(response, "course-table").text
    response = client.get(url, {"q": "课程3"})
    assert "课程3" in part(response, "course-table").text and "课程4" not in part(response, "course-table").text
    response = client.get(url, {"status": "approved"})
    assert zh("No courses here. Propose one with your partner enterprises.") in part(response, "course-table").text


def test_compare_shows_units_added_and_chapters_changed(teacher, school, org_a, admin_a):
    course = a_course(teacher, school, [org_a])
    services.chapter_save(version=services.open_version(course), actor=teacher, number=1, title="安全", body="规程")
    services.course_submit(course=course, actor=teacher)
    services.course_review(course=course, actor=admin_a, decision=ReviewDecision.CHANGES, comment="加单元")
    draft = services.open_version(course)
    services.unit_save(version=draft, actor=admin_a, order=3, title="企业项目", hours=8)
    services.chapter_save(version=draft, actor=admin_a, chapter=draft.chapters.get(), number=1, title="安全",
                          body="规程与点检")
    response = client_for(teacher).get(reverse("training:course_compare", args=[course.pk]), {"a": 1, "b": 2})
    units = part(response, "compare-units").text
    assert "企业项目" in units and zh("added") in units
    assert "(v2)" in part(response, "compare-chapters").text
    assert client_for(teacher).get(reverse("training:course_compare", args=[course.pk]),
                                   {"a": 1, "b": 7}).status_code == 404


def test_coverage_shows_what_teaches_each_demanded_skill(teacher, school, org_a, admin_a,
                                                         django_assert_max_num_queries):
    course = approved_course(teacher, school, {org_a: admin_a}, skills=("S0701",))
    hr = person(org_a, Role.HR)
    for n, code in enumerate(("S0701", "S0504")):
        posting = Posting.objects.create(organization=org_a, title=f"岗位{n}", description="岗位描述", headcount=3,
                                         status=PostingStatus.PUBLISHED, created_by=hr)
        PostingSkill.objects.create(posting=posting, skill=skill(code))
    client = client_for(teacher)
    with django_assert_max_num_queries(queries_for(client, reverse("training:course_coverage")) + 0):
        response = client.get(reverse("training:course_coverage"))
    table = part(response, "coverage-table")
    assert course.title in table.text
    assert reverse("training:course", args=[course.pk]) in table.links
    assert skill("S0504").name_zh in part(response, "untaught").text
    only = part(client.get(reverse("training:course_coverage"), {"untaught": "on"}), "coverage-table").text
    assert skill("S0504").name_zh in only and course.title not in only


def test_retiring_needs_a_reason(teacher, school, org_a, admin_a):
    course = approved_course(teacher, school, {org_a: admin_a})
    client = client_for(teacher)
    response = client.post(reverse("training:course_retire", args=[course.pk]), {"reason": ""})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    client.post(reverse("training:course_retire", args=[course.pk]), {"reason": "专业停招"})
    course.refresh_from_db()
    assert course.status == CourseStatus.RETIRED


def test_the_api_reads_courses_under_the_pages_rules(api_client, teacher, school, org_a, admin_a, outsider):
    draft = a_course(teacher, school, [org_a], title="草稿课程")
    approved = approved_course(teacher, school, {org_a: admin_a}, title="已批准课程")
    url = "/api/v1/training/courses/"
    titles = {c["title"] for c in api_client(admin_a).get(url).json()["results"]}
    assert titles == {"草稿课程", "已批准课程"}
    titles = {c["title"] for c in api_client(outsider).get(url).json()["results"]}
    assert titles == {"已批准课程"}
    assert api_client(outsider).get(f"{url}{draft.pk}/").status_code == 404
    body = api_client(outsider).get(f"{url}{approved.pk}/").json()
    assert body["versions"][0]["status"] == VersionStatus.APPROVED and len(body["versions"][0]["units"]) == 2
    assert api_client().get(url).status_code == 401
