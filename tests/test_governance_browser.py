"""The council in a real browser, end to end: the secretariat schedules a council meeting with an
agenda item and a motion on it and opens the vote; four seat holders (5 of the council's 8 seat
weights, more than half) vote, three for and one against; the secretariat
closes the vote, the computed outcome makes it a numbered resolution in the register, and once
marked public it appears on the public disclosure page for a visitor who is not signed in."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consortium.governance.models import Body, Meeting, Motion, MotionStatus
from members.demo import DEMO_PASSWORD
from tests.browser_support import sign_in

pytestmark = pytest.mark.browser

TITLE = "关于共建新能源汽车产业学院的决议"


def _submit(page):
    page.locator("main form[method=post] button[type=submit]").last.click()


def test_a_meeting_is_scheduled_members_vote_and_the_resolution_is_registered_and_published(
        demo, base_url, open_page):
    council = Body.objects.get(code="理")
    start = timezone.localtime() + timedelta(days=3)

    secretariat = open_page()
    sign_in(secretariat, base_url, "secretariat", DEMO_PASSWORD)
    secretariat.goto(f"{base_url}/governance/meetings/new/")
    secretariat.locator("#id_body").select_option(str(council.pk))
    secretariat.locator("#id_title").fill("2026年第四次理事会会议")
    secretariat.locator("#id_starts_at").fill(start.strftime("%Y-%m-%dT09:00"))
    secretariat.locator("#id_ends_at").fill(start.strftime("%Y-%m-%dT11:00"))
    secretariat.locator("#id_location").fill("联合体会议中心")
    _submit(secretariat)
    expect(secretariat.locator("h1")).to_contain_text("2026年第四次理事会会议")
    meeting = Meeting.objects.get(title="2026年第四次理事会会议")

    secretariat.goto(f"{base_url}/governance/meetings/{meeting.pk}/items/new/")
    secretariat.locator("#id_title").fill("审议共建新能源汽车产业学院方案")
    _submit(secretariat)
    expect(secretariat.locator("main")).to_contain_text("审议共建新能源汽车产业学院方案")
    item = meeting.agenda_items.get()

    secretariat.goto(f"{base_url}/governance/motions/new/?agenda_item={item.pk}")
    secretariat.locator("#id_title").fill(TITLE)
    secretariat.locator("#id_text").fill("同意常州新源动力汽车有限公司与常州智造职业技术学院共建新能源汽车产业学院。")
    _submit(secretariat)
    motion = Motion.objects.get(title=TITLE)
    secretariat.goto(f"{base_url}/governance/motions/{motion.pk}/open/")
    _submit(secretariat)
    expect(secretariat.locator("main")).to_contain_text("表决中")

    for username, choice in (("council", "for"), ("officer", "for"), ("school_admin", "for"),
                             ("admin_bachelor", "against")):
        member = open_page()
        sign_in(member, base_url, username, DEMO_PASSWORD)
        member.goto(f"{base_url}/governance/motions/{motion.pk}/")
        member.locator(f"main form[action$='/vote/'] input[value={choice}]").first.check()
        member.locator("main form[action$='/vote/'] button[type=submit]").first.click()
        expect(member.locator("main")).to_contain_text("赞成" if choice == "for" else "反对")

    secretariat.goto(f"{base_url}/governance/motions/{motion.pk}/close/")
    _submit(secretariat)
    motion.refresh_from_db()
    assert (motion.status, motion.for_weight, motion.against_weight, motion.quorum_met) == (
        MotionStatus.ADOPTED, 4, 1, True)
    number = motion.resolution.number
    assert number.startswith(f"{timezone.localdate().year}-理-")

    secretariat.goto(f"{base_url}/governance/resolutions/?q=新能源汽车产业学院")
    expect(secretariat.locator("main")).to_contain_text(number)
    secretariat.goto(f"{base_url}/governance/resolutions/{motion.resolution.pk}/disclosure/")
    _submit(secretariat)

    visitor = open_page()
    visitor.goto(f"{base_url}/governance/public/")
    expect(visitor.get_by_test_id("public-resolutions")).to_contain_text(number)
    visitor.get_by_role("link", name=number).click()
    expect(visitor.locator("h1")).to_contain_text(TITLE)
