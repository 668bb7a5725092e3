"""A teacher's enterprise practice in a real browser: the demo teacher (105 practice days in five
years: yellow) records 80 more days at 恒远精密 and submits them; 恒远精密's HR signs them off from
the queue; the teacher's indicator turns green (185 of the 180 days required)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from members.demo import DEMO_PASSWORD
from training.models import TeacherTrainingRecord, TrainingRecordStatus
from tests import conftest as browser
from tests.browser_support import sign_in

pytestmark = pytest.mark.browser
# The browser tests' fixtures (tests/conftest.py): Chromium, its pages, the live server with the demo.
chromium, open_page, demo, base_url = browser.chromium, browser.open_page, browser.demo, browser.base_url

TITLE = "新能源汽车电池包装配企业实践"


def _submit(page):
    page.locator("main form[method=post] button[type=submit]").last.click()


def test_a_teachers_practice_is_signed_off_and_the_indicator_changes_colour(demo, base_url, open_page):
    ends = timezone.localdate() - timedelta(days=100)
    teacher = open_page()
    sign_in(teacher, base_url, "teacher", DEMO_PASSWORD)
    teacher.goto(f"{base_url}/training/teachers/")
    expect(teacher.locator("[data-testid=practice-indicator] [data-colour]")).to_have_attribute("data-colour", "yellow")

    teacher.goto(f"{base_url}/training/teachers/new/")
    teacher.locator("#id_kind").select_option("practice")
    teacher.locator("#id_provider").select_option(str(demo["hengyuan"].pk))
    teacher.locator("#id_title").fill(TITLE)
    teacher.locator("#id_starts_on").fill(str(ends - timedelta(days=79)))
    teacher.locator("#id_ends_on").fill(str(ends))
    teacher.locator("#id_days").fill("80")
    teacher.locator("#id_hours").fill("640")
    teacher.locator("#id_content").fill("在恒远精密新能源事业部参与电池包装配工艺与质量检测。")
    _submit(teacher)
    expect(teacher.locator("h1")).to_contain_text(TITLE)
    teacher.locator("main a[href$='/submit/']").click()
    _submit(teacher)
    expect(teacher.locator("[data-testid=record-status]")).to_contain_text(re.compile("待签认|Waiting for sign-off"))
    record = TeacherTrainingRecord.objects.get(title=TITLE)
    assert record.status == TrainingRecordStatus.SUBMITTED

    hr = open_page()
    sign_in(hr, base_url, "hr", DEMO_PASSWORD)
    hr.goto(f"{base_url}/training/teachers/queue/")
    hr.locator("[data-testid=queue-table] a", has_text=TITLE).click()
    hr.locator("main input[name=decision][value=sign_off]").check()
    _submit(hr)
    expect(hr.locator("[data-testid=queue-table]")).not_to_contain_text(TITLE)
    record.refresh_from_db()
    assert record.status == TrainingRecordStatus.SIGNED_OFF and record.credential_id

    teacher.goto(f"{base_url}/training/teachers/")
    expect(teacher.locator("[data-testid=practice-indicator] [data-colour]")).to_have_attribute("data-colour", "green")
    expect(teacher.locator("[data-testid=practice-indicator]")).to_contain_text("185")
