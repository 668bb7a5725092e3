"""Browser walk-throughs: a real headless Chromium against the live server.

Each demo role signs in through the sign-in form, sees only the menu its role may use,
and meets the 404 page when it types the address of another organisation's people; a
visitor switches the language; an organisation applies to join and the secretariat
approves it. Tests assert what a person would see on the screen.

The browser, the live server and the demo data come from tests/conftest.py."""

import re

import pytest
from django.utils.translation import gettext_lazy as _
from playwright.sync_api import expect

from consortium.navigation import navigation_for
from members import access
from members.demo import DEMO_PASSWORD, LOGINS, credit_code
from members.models import ApplicationStatus, User
from tests.browser_support import (
    assert_fits_width, has_cjk, nav_labels, screenshot, sign_in, translated,
)

pytestmark = pytest.mark.browser

ZH = "zh-hans"


# --- what each role sees -------------------------------------------------------------

MEMBER_NAV = ["Home", "Announcements", "Members", "Jobs and talent", "Training"]
# The people of an active member, students aside, also take part in the council's business.
STAFF_NAV = ["Home", "Announcements", "Members", "Council", "Jobs and talent", "Training"]
# Organisation administrators also manage their organisation's API keys.
ADMIN_NAV = STAFF_NAV + ["API"]
# The menu each demo login must see, in order (English message ids; shown in Chinese). Training is for
# schools, enterprises and the secretariat, not the government's officers; the talent platform is in
# everyone's; a school's administrators issue credentials and decide credit recognition, its students
# have a credit account.
EXPECTED_NAV = {
    "secretariat": STAFF_NAV + ["Issuing credentials", "Applications", "Audit trail", "Admin console", "API"],
    "council": ADMIN_NAV,
    "school_admin": STAFF_NAV + ["Issuing credentials", "Credit recognition", "API"],
    "teacher": STAFF_NAV + ["My credentials"],
    "hr": STAFF_NAV,
    "student": MEMBER_NAV + ["My credentials", "Credit bank"],
    "officer": [label for label in STAFF_NAV if label != "Training"],
}
# Whose people page each login types by hand; only the secretariat may see it.
OTHER_ORG = {
    "secretariat": "hengyuan",
    "council": "college",
    "school_admin": "hengyuan",
    "teacher": "hengyuan",
    "hr": "college",
    "student": "hengyuan",
    "officer": "college",
}
# Org administrators also search their own organisation's people for a colleague.
FULL_NAME = {username: full_name for username, full_name, *_rest in LOGINS}
OWN_COLLEAGUE = {"council": FULL_NAME["hr"], "school_admin": FULL_NAME["teacher"]}


def _people_of(org_key: str) -> list[str]:
    """Names that appear on an organisation's people page: its demo logins and its administrator."""
    return [full_name for _u, full_name, key, _r, _w in LOGINS if key == org_key] + [f"admin_{org_key}"]


def _expected_from_rules(user) -> list[str]:
    """The same menu, as the access rules build it (templates/base.html adds the last two)."""
    labels = [translated(item["label"], ZH) for item in navigation_for(user)]
    if access.can_use_admin_console(user):
        labels.append(translated(_("Admin console"), ZH))
    if access.can_manage_any_api_keys(user):
        labels.append(translated(_("API"), ZH))
    return labels


@pytest.mark.parametrize("username", [login[0] for login in LOGINS])
def test_each_role_sees_its_menu_and_not_other_organisations(username, demo, base_url, open_page):
    full_name = next(name for user, name, *_rest in LOGINS if user == username)
    page = open_page()

    sign_in(page, base_url, username, DEMO_PASSWORD)

    # Landed on the home page, signed in, in Chinese.
    assert page.url == f"{base_url}/"
    expect(page.locator("html")).to_have_attribute("lang", ZH)
    expect(page.get_by_test_id("account-link")).to_have_text(full_name)
    expect(page.locator("h1")).to_contain_text(full_name)

    expected = [translated(_(label), ZH) for label in EXPECTED_NAV[username]]
    shown = nav_labels(page)
    assert shown == expected
    assert_fits_width(page)
    assert shown == _expected_from_rules(User.objects.get(username=username))
    audit, console = translated(_("Audit trail"), ZH), translated(_("Admin console"), ZH)
    if username == "secretariat":
        assert audit in shown and console in shown
        screenshot(page, "secretariat-home")
    else:
        assert audit not in shown and console not in shown
        assert translated(_("Applications"), ZH) not in shown

    # Another organisation's people, typed by hand.
    other = demo[OTHER_ORG[username]]
    response = page.goto(f"{base_url}/members/organizations/{other.pk}/people/")
    content = page.locator("body").inner_text()
    if username == "secretariat":
        assert response.status == 200
        table = page.get_by_test_id("people-table")
        for name in _people_of(OTHER_ORG[username]):
            expect(table).to_contain_text(name)
    else:
        assert response.status == 404
        expect(page.locator("main h1")).to_have_text(translated(_("Page not found"), ZH))
        assert page.get_by_test_id("people-table").count() == 0
        for name in _people_of(OTHER_ORG[username]) + [other.name_zh]:
            assert name not in content, f"{username} sees {name} of {other.name_zh}"

    if username in OWN_COLLEAGUE:
        # …while their own organisation's people are there for them.
        own = demo[next(key for user, _n, key, *_rest in LOGINS if user == username)]
        page.goto(f"{base_url}/members/organizations/{own.pk}/people/")
        page.get_by_role("searchbox").fill(OWN_COLLEAGUE[username])
        with page.expect_navigation():
            page.get_by_role("searchbox").press("Enter")
        expect(page.get_by_test_id("people-table")).to_contain_text(OWN_COLLEAGUE[username])


# --- the language switch -------------------------------------------------------------


def test_language_switch_changes_the_page_and_persists(demo, base_url, open_page):
    page = open_page()
    page.goto(f"{base_url}/members/organizations/")

    visitor_nav = ["Home", "About", "Announcements", "Members", "Join"]
    members_zh = translated(_("Members"), ZH)
    expect(page.locator("html")).to_have_attribute("lang", ZH)
    assert has_cjk(members_zh), "no Chinese translation for the menu"
    expect(page.get_by_test_id("nav").get_by_role("link", name=members_zh)).to_be_visible()
    assert nav_labels(page) == [translated(_(label), ZH) for label in visitor_nav]

    switch = page.get_by_test_id("language-switch")
    with page.expect_navigation():
        switch.get_by_role("button", name="English").click()

    # The same page, now in English.
    english_nav = [translated(_(label), "en") for label in visitor_nav]
    assert page.url == f"{base_url}/members/organizations/"
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert nav_labels(page) == english_nav
    assert not any(has_cjk(label) for label in english_nav)
    # The way back to Chinese is on screen.
    expect(switch.get_by_role("button", name="简体中文")).to_be_in_viewport()
    assert_fits_width(page)

    # The choice holds on the next page…
    with page.expect_navigation():
        page.get_by_test_id("nav").get_by_role("link", name=english_nav[-1]).click()
    assert page.url == f"{base_url}/members/join/"
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert nav_labels(page) == english_nav
    expect(page.locator("main h1")).to_have_text(translated(_("Guide to joining the consortium"), "en"))

    # …and after signing in, where the secretariat's long English menu must still fit the window
    # (it used to push the menu, the language switch and "Sign out" off the screen).
    sign_in(page, base_url, "secretariat", DEMO_PASSWORD)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main h1")).to_have_text(translated(_("Welcome, %(name)s"), "en") % {"name": FULL_NAME["secretariat"]})
    assert nav_labels(page) == [translated(_(label), "en") for label in EXPECTED_NAV["secretariat"]]
    console = translated(_("Admin console"), "en")
    expect(page.get_by_test_id("nav").get_by_role("link", name=console)).to_be_in_viewport()
    expect(switch.get_by_role("button", name="简体中文")).to_be_in_viewport()
    assert_fits_width(page)


# --- applying to join ----------------------------------------------------------------

APPLICANT_NAME = "常州浏览器测试智能装备有限公司"


def _fill_application(page, *, code: str) -> None:
    page.select_option("#id_kind", "enterprise")
    page.fill("#id_name_zh", APPLICANT_NAME)
    page.fill("#id_name_en", "Changzhou Browser Test Intelligent Equipment Co., Ltd.")
    page.fill("#id_credit_code", code)
    page.select_option("#id_industry", "C34")
    page.fill("#id_region", "新北区")
    page.fill("#id_address", "江苏省常州市新北区测试路1号")
    page.fill("#id_contact_name", "钱联络")
    page.fill("#id_contact_phone", "0519-85551234")
    page.fill("#id_contact_email", "contact@browser-test.example.cn")
    page.fill("#id_statement", "我们生产智能装备，希望与成员院校共建实训基地。")
    page.fill("#id_full_name", "钱申请")
    page.fill("#id_email", "qian@browser-test.example.cn")
    page.fill("#id_username", "browser_applicant")
    page.fill("#id_password1", "Robot-Arm-Welding-2026")
    page.fill("#id_password2", "Robot-Arm-Welding-2026")
    page.set_input_files("#id_attachments", files=[
        {"name": "营业执照.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n% licence\n%%EOF\n"}
    ])


def _submit(page):
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=translated(_("Submit the application"), ZH)).click()
    return navigation.value


def test_visitor_applies_and_secretariat_approves(demo, base_url, open_page):
    applicant = open_page()
    applicant.goto(f"{base_url}/members/join/")
    with applicant.expect_navigation():
        applicant.get_by_role("link", name=translated(_("Start the application"), ZH)).click()
    assert applicant.url == f"{base_url}/members/apply/"
    # The region picker offers the districts as one types.
    expect(applicant.locator("#id_region_list option[value^='320411 ']")).to_have_count(1)
    _fill_application(applicant, code=credit_code("320411", 888888))
    response = _submit(applicant)

    assert response.status == 200
    assert re.fullmatch(rf"{re.escape(base_url)}/members/applications/\d+/", applicant.url)
    status = applicant.get_by_test_id("application-status")
    expect(status).to_have_text(translated(ApplicationStatus.PENDING.label, ZH))
    expect(applicant.get_by_test_id("application-reference")).to_have_text(re.compile(r"SQ-\d{8}-\d{6}"))
    expect(applicant.locator("main h1")).to_contain_text(APPLICANT_NAME)
    expect(applicant.get_by_test_id("account-link")).to_have_text("钱申请")

    # The secretariat, in a browser of its own, finds the application and approves it.
    secretariat = open_page()
    sign_in(secretariat, base_url, "secretariat", DEMO_PASSWORD)
    with secretariat.expect_navigation():
        secretariat.get_by_test_id("nav").get_by_role("link", name=translated(_("Applications"), ZH)).click()
    with secretariat.expect_navigation():
        secretariat.get_by_test_id("application-table").get_by_role("link", name=APPLICANT_NAME).click()
    assert secretariat.url == applicant.url
    expect(secretariat.get_by_test_id("application-files")).to_contain_text("营业执照.pdf")
    secretariat.get_by_label(translated(_("Approve"), ZH), exact=True).check()
    with secretariat.expect_navigation():
        secretariat.get_by_role("button", name=translated(_("Continue"), ZH)).click()
    # Nothing is decided until the secretariat confirms.
    expect(secretariat.get_by_test_id("confirm-decision")).to_contain_text(APPLICANT_NAME)
    with secretariat.expect_navigation():
        secretariat.get_by_role("button", name=translated(_("Confirm"), ZH)).click()
    expect(secretariat.get_by_role("alert")).to_contain_text(
        translated(_("The application was approved; the organisation is now a member. The applicant has been told."),
                   ZH)
    )
    expect(secretariat.get_by_test_id("application-table")).not_to_contain_text(APPLICANT_NAME)

    applicant.reload()
    expect(status).to_have_text(translated(ApplicationStatus.APPROVED.label, ZH))
    # A member now, and its administrator: the member menu with API keys replaces the visitor's.
    assert nav_labels(applicant) == [translated(_(label), ZH) for label in ADMIN_NAV]


def test_wrong_credit_code_is_shown_next_to_the_field(demo, base_url, open_page):
    good = credit_code("320411", 888888)
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    page = open_page()
    page.goto(f"{base_url}/members/apply/")
    _fill_application(page, code=wrong)
    response = _submit(page)

    assert response.status == 200
    assert page.url == f"{base_url}/members/apply/"
    field = page.locator("div.mb-3", has=page.locator("#id_credit_code"))
    expect(field.locator(".invalid-feedback")).to_have_text(
        translated(_("The check character of this unified social credit code is wrong; please check for a "
                     "typing mistake."), ZH)
    )
    expect(page.locator(".invalid-feedback")).to_have_count(1)
    # What was typed is still there, and nobody was signed in.
    expect(page.locator("#id_name_zh")).to_have_value(APPLICANT_NAME)
    expect(page.locator("#id_credit_code")).to_have_value(wrong)
    expect(page.get_by_test_id("account-link")).to_have_count(0)


def test_an_administrator_creates_uses_and_revokes_an_api_key(demo, base_url, open_page):
    """The API menu leads an administrator to the organisation's keys; a new key is shown
    once, works against the API, and stops working when revoked — all without scripts."""
    import urllib.error
    import urllib.request

    page = open_page()
    sign_in(page, base_url, "council", DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_test_id("nav").get_by_role("link", name=translated(_("API"), ZH)).click()
    table = page.get_by_test_id("api-keys-table")
    expect(table).to_contain_text("人事系统同步")  # the demo key

    form = page.get_by_test_id("api-key-form")
    form.get_by_label(translated(_("name"), ZH)).fill("招聘系统")
    form.get_by_role("group", name=translated(_("Organisations and people"), ZH)).get_by_label(
        translated(_("Read"), ZH), exact=True
    ).check()
    with page.expect_navigation():
        form.get_by_role("button", name=translated(_("Create key"), ZH)).click()
    full_key = page.get_by_test_id("full-key").inner_text().strip()
    assert full_key.startswith("ck_")
    expect(page.get_by_test_id("new-api-key")).to_contain_text(
        translated(_("Copy it now: it is shown only this once and cannot be shown again."), ZH)
    )
    assert_fits_width(page)
    screenshot(page, "api-key-created")

    def call_api():
        request = urllib.request.Request(
            f"{base_url}/api/v1/organizations/", headers={"Authorization": f"Bearer {full_key}"}
        )
        try:
            with urllib.request.urlopen(request) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    assert call_api() == 200

    prefix = full_key.split("_")[1]
    with page.expect_navigation():
        page.get_by_test_id(f"api-key-{prefix}").get_by_role("link", name=translated(_("Revoke"), ZH)).click()
    with page.expect_navigation():
        page.get_by_role("button", name=translated(_("Revoke the key"), ZH)).click()
    expect(page.get_by_test_id(f"api-key-{prefix}")).to_contain_text(translated(_("revoked"), ZH))
    assert call_api() == 401


# --- the Content-Security-Policy: nothing inline, nothing from elsewhere ------------------------

CSP_WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || ''));
});
"""


def _visit_watching_policy(page, url: str, ready: str = "main, #content, #swagger-ui") -> list[str]:
    page.goto(url)
    page.wait_for_selector(ready)
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__csp")


def test_every_kind_of_page_works_under_the_content_security_policy(demo, base_url, open_page):
    page = open_page()
    page.add_init_script(CSP_WATCH)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    hengyuan = demo["hengyuan"]
    visitor_pages = [f"{base_url}/", f"{base_url}/members/organizations/", f"{base_url}/accounts/login/",
                     f"{base_url}/members/apply/", f"{base_url}/no-such-page/"]
    violations = []
    for url in visitor_pages:
        violations += [f"{url}: {v}" for v in _visit_watching_policy(page, url)]
    sign_in(page, base_url, "secretariat", DEMO_PASSWORD)
    signed_in_pages = [
        f"{base_url}/members/organizations/{hengyuan.pk}/", f"{base_url}/members/organizations/{hengyuan.pk}/people/",
        f"{base_url}/members/account/", f"{base_url}/audit/", f"{base_url}/members/applications/",
    ]
    for url in signed_in_pages:
        violations += [f"{url}: {v}" for v in _visit_watching_policy(page, url)]
    for url in (f"{base_url}/admin/", f"{base_url}/admin/members/organization/{hengyuan.pk}/change/",
                f"{base_url}/admin/members/membership/add/"):
        violations += [f"{url}: {v}" for v in _visit_watching_policy(page, url, "#content")]
    violations += [f"api docs: {v}" for v in _visit_watching_policy(page, f"{base_url}/api/docs/", ".opblock")]

    assert page.locator(".opblock").count() > 3, "Swagger UI lists the API's operations"
    assert not violations, "\n".join(violations)
    refused = [e for e in errors if "Content Security Policy" in e or "Refused to" in e]
    assert not refused, "\n".join(refused)


def test_removing_a_person_asks_first_without_an_inline_script(demo, base_url, open_page):
    page = open_page()
    sign_in(page, base_url, "council", DEMO_PASSWORD)
    page.goto(f"{base_url}/members/organizations/{demo['hengyuan'].pk}/people/")
    questions = []

    def decline(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", decline)
    page.locator("form[data-confirm] button[type=submit]").first.click()

    assert questions and has_cjk(questions[0]), "a question in Chinese before anyone is removed"
    assert "/people/" in page.url


# --- keyboard and phone -------------------------------------------------------------------------


def test_a_keyboard_user_skips_to_the_content_and_sees_where_focus_is(demo, base_url, open_page):
    page = open_page()
    page.goto(f"{base_url}/members/organizations/")

    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused link shows a ring"
    page.keyboard.press("Enter")
    expect(page.locator("main#content")).to_be_focused()


def test_on_a_phone_the_menu_folds_away_and_opens(demo, base_url, chromium):
    context = chromium.new_context(viewport={"width": 375, "height": 740}, locale="zh-CN")
    try:
        page = context.new_page()
        sign_in(page, base_url, "secretariat", DEMO_PASSWORD)
        page.goto(f"{base_url}/members/organizations/")
        menu = page.get_by_test_id("nav")
        expect(menu).to_be_hidden()
        page.locator("button.navbar-toggler").click()
        expect(menu.get_by_role("link", name=translated(_("Audit trail"), ZH))).to_be_visible()
        assert_fits_width(page)
        # The directory's table scrolls inside its own box; the page itself does not.
        table_box = page.locator(".table-responsive").first
        assert table_box.evaluate("e => getComputedStyle(e).overflowX") == "auto"
    finally:
        context.close()


def test_larger_text_is_chosen_once_and_stays(demo, base_url, open_page):
    page = open_page()
    sign_in(page, base_url, "teacher", DEMO_PASSWORD)
    size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    with page.expect_navigation():
        page.get_by_test_id("text-size-switch").get_by_role("button").click()

    larger = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert larger >= size * 1.2
    other = open_page()
    sign_in(other, base_url, "teacher", DEMO_PASSWORD)
    assert other.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") == larger
