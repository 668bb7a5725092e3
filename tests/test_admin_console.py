"""The secretariat's admin console as it is used: on a 1366×768 laptop, the lists it works
through fit the screen without scrolling sideways, in Chinese and in English.

The browser, the live server and the demo data come from tests/conftest.py."""

import pytest
from django.conf import settings
from django.urls import reverse

from members.demo import DEMO_PASSWORD
from tests.browser_support import TIMEOUT_MS, screenshot, sign_in

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
CHANGELISTS = [
    "admin:members_organization_changelist",
    "admin:members_membership_changelist",
    "admin:members_membershipapplication_changelist",
    "admin:members_invitation_changelist",
    "admin:core_auditevent_changelist",
    "admin:members_user_changelist",
    "admin:members_apikey_changelist",
    "admin:credentials_achievement_changelist",
    "admin:credentials_credential_changelist",
    "admin:credentials_issuerkey_changelist",
    "admin:credentials_statuslist_changelist",
]

# The page, and the box Django's console puts its table in (which would otherwise scroll
# sideways on its own while the page does not).
OVERFLOW = """() => {
  const root = document.documentElement, box = document.querySelector('#changelist .results');
  const edge = Math.min(root.clientWidth, box.getBoundingClientRect().right);
  const wide = [...document.querySelectorAll('#result_list thead th')]
    .filter(e => e.getBoundingClientRect().right > edge + 1)
    .map(e => (e.innerText || '').trim().slice(0, 20));
  return {page: root.scrollWidth - root.clientWidth, table: box.scrollWidth - box.clientWidth, wide};
}"""


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_secretariat_s_lists_fit_a_laptop_screen(demo, base_url, chromium, language):
    context = chromium.new_context(viewport=LAPTOP, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url}])
    try:
        page = context.new_page()
        sign_in(page, base_url, "secretariat", DEMO_PASSWORD)
        too_wide = []
        for name in CHANGELISTS:
            page.goto(base_url + reverse(name))
            page.wait_for_selector("#result_list")
            assert page.locator("#result_list tbody tr").count() > 0, f"{name} lists nothing to measure"
            measured = page.evaluate(OVERFLOW)
            if measured["page"] > 0 or measured["table"] > 0:
                screenshot(page, f"console-too-wide-{name.split(':')[1]}-{language}")
                too_wide.append(f"{name}: the page {measured['page']}px and the table {measured['table']}px too "
                                f"wide (columns past the edge: {measured['wide']})")
        assert not too_wide, "\n".join(too_wide)
    finally:
        context.close()
