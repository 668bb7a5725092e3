"""The talent platform in a real browser, end to end: an enterprise publishes a posting, the
worker matches it, the enterprise reads its candidates with why each fits and invites one, and
the student accepts the invitation."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from playwright.sync_api import expect

from members.demo import DEMO_PASSWORD
from members.models import User
from reference.models import Major, Skill
from talent_matching.models import Application, ApplicationStage, Posting, PostingSkill, PostingStatus
from talent_matching.services.applications import action_label
from tests.browser_support import sign_in, translated

pytestmark = pytest.mark.browser

ZH = "zh-hans"


def _draft(hengyuan, hr) -> Posting:
    """A complete draft of 恒远's, asking for the PLC programming the demo student holds."""
    posting = Posting.objects.create(
        organization=hengyuan, created_by=hr, title="PLC 调试工程师（校招）", status=PostingStatus.DRAFT,
        description="负责产线 PLC 程序调试与设备联调，入职后由资深工程师带教。",
        deadline=timezone.localdate() + timedelta(days=30), salary_min=6500, salary_max=9000, headcount=3,
    )
    posting.majors.set(Major.objects.filter(code="460301"))
    PostingSkill.objects.create(posting=posting, skill=Skill.objects.get(code="S0504"), level=1, weight=5)
    return posting


def test_an_enterprise_publishes_reads_explained_candidates_and_invites_and_the_student_accepts(
        demo, base_url, open_page, celery_worker):
    hr, student = User.objects.get(username="hr"), User.objects.get(username="student")
    posting = _draft(demo["hengyuan"], hr)

    enterprise = open_page()
    sign_in(enterprise, base_url, "hr", DEMO_PASSWORD)
    enterprise.goto(f"{base_url}/talent/postings/{posting.pk}/")
    enterprise.get_by_role("link", name=translated(_("Publish"), ZH), exact=True).click()
    enterprise.locator("main form button[type=submit]").click()
    expect(enterprise.get_by_test_id("candidates-link")).to_be_visible()

    # The worker re-matches the published posting; its candidates appear, each with why.
    enterprise.get_by_test_id("candidates-link").click()
    row = enterprise.locator(f"[data-testid=candidate-table] tr[data-profile='{student.talent_profile.pk}']")
    for _attempt in range(40):
        if row.count():
            break
        enterprise.wait_for_timeout(500)
        enterprise.reload()
    expect(row).to_contain_text(student.full_name)
    row.locator("details summary, button").first.click()
    expect(row).to_contain_text("PLC")  # the matched skill, named in the explanation

    row.get_by_test_id("invite-button").click()
    enterprise.locator("main form button[type=submit]").click()
    application = Application.objects.get(posting=posting, profile__student=student)
    assert application.stage == ApplicationStage.INVITED

    pupil = open_page()
    sign_in(pupil, base_url, "student", DEMO_PASSWORD)
    pupil.goto(f"{base_url}/talent/applications/{application.pk}/")
    with translation.override(ZH):
        with_label = action_label("accept", application)
    pupil.get_by_role("link", name=with_label).click()
    pupil.locator("main form button[type=submit]").click()
    application.refresh_from_db()
    assert application.stage == ApplicationStage.APPLIED
    expect(pupil.locator("main")).to_contain_text(translated(ApplicationStage.APPLIED.label, ZH))
