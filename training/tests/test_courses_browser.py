"""A co-developed course in a real browser, end to end: the college's administrator proposes a
course with 恒远精密 as partner, a teacher writes its first unit and chapter, the administrator
submits it, 恒远's council representative (its administrator) asks for changes, the teacher adds
a unit to the new draft, it is submitted again and 恒远 approves it: the course is approved, its
versions compare side by side, and 恒远 is credited for co-developing it."""

import pytest
from playwright.sync_api import expect

from consortium.governance.models import Contribution
from members.demo import DEMO_PASSWORD
from reference.models import EducationLevel, Major
from tests.browser_support import sign_in
from tests.conftest import base_url, chromium, demo, open_page  # noqa: F401 (the browser fixtures)
from training.models import Course, CourseStatus, VersionStatus

pytestmark = pytest.mark.browser

TITLE = "智能制造单元运维"


def _submit(page):
    page.locator("main form[method=post] button[type=submit]").last.click()


def test_a_school_and_an_enterprise_co_author_a_course_through_review_to_approval(demo, base_url, open_page):  # noqa: F811
    school = open_page()
    sign_in(school, base_url, "school_admin", DEMO_PASSWORD)
    school.goto(f"{base_url}/training/courses/new/")
    school.locator("#id_title").fill(TITLE)
    school.locator("#id_major").select_option(str(Major.objects.get(code="460104").pk))
    school.locator("#id_level").select_option(str(EducationLevel.HIGHER))
    school.locator("#id_hours").fill("48")
    school.locator("#id_credits").fill("3")
    school.locator("#id_partners").select_option([str(demo["hengyuan"].pk)])
    _submit(school)
    expect(school.locator("h1")).to_contain_text(TITLE)
    course = Course.objects.get(title=TITLE)

    teacher = open_page()
    sign_in(teacher, base_url, "teacher", DEMO_PASSWORD)
    teacher.goto(f"{base_url}/training/courses/{course.pk}/units/new/")
    teacher.locator("#id_title").fill("智能制造单元认知")
    teacher.locator("#id_hours").fill("16")
    _submit(teacher)
    expect(teacher.get_by_test_id("version-units")).to_contain_text("智能制造单元认知")
    teacher.goto(f"{base_url}/training/courses/{course.pk}/chapters/new/")
    teacher.locator("#id_title").fill("安全与规范")
    teacher.locator("#id_body").fill("设备安全操作规程。")
    _submit(teacher)
    expect(teacher.get_by_test_id("version-chapters")).to_contain_text("安全与规范")

    school.goto(f"{base_url}/training/courses/{course.pk}/submit/")
    school.locator("#id_note").fill("第一版大纲")
    _submit(school)
    course.refresh_from_db()
    assert course.status == CourseStatus.IN_REVIEW

    enterprise = open_page()
    sign_in(enterprise, base_url, "council", DEMO_PASSWORD)
    enterprise.goto(f"{base_url}/training/courses/{course.pk}/")
    enterprise.locator(f"a[href='/training/courses/{course.pk}/review/']").click()
    enterprise.locator("input[name=decision][value=changes]").check()
    enterprise.locator("#id_comment").fill("请增加设备点检单元。")
    _submit(enterprise)
    course.refresh_from_db()
    assert course.status == CourseStatus.PROPOSED
    assert course.versions.get(number=2).status == VersionStatus.DRAFT

    teacher.goto(f"{base_url}/training/courses/{course.pk}/units/new/")
    teacher.locator("#id_title").fill("设备点检与维护")
    teacher.locator("#id_hours").fill("12")
    _submit(teacher)
    expect(teacher.get_by_test_id("version-units")).to_contain_text("设备点检与维护")

    school.goto(f"{base_url}/training/courses/{course.pk}/submit/")
    _submit(school)
    enterprise.goto(f"{base_url}/training/courses/{course.pk}/review/")
    enterprise.locator("input[name=decision][value=approve]").check()
    _submit(enterprise)
    course.refresh_from_db()
    assert course.status == CourseStatus.APPROVED
    assert course.versions.get(number=2).status == VersionStatus.APPROVED
    assert Contribution.objects.filter(kind="course_codeveloped", organization=demo["hengyuan"]).exists()

    school.goto(f"{base_url}/training/courses/{course.pk}/compare/?a=1&b=2")
    expect(school.get_by_test_id("compare-units")).to_contain_text("设备点检与维护")
