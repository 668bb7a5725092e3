"""Every kind of page passes axe-core (WCAG 2.1 A and AA rules) with no serious or critical
violation: as a visitor, a student, an enterprise's HR and the secretariat, in Chinese and in
English, on a laptop (1280 px) and on a phone (375 px), where nothing may stick out sideways.

axe-core comes from npm (package-lock.json) and is put into each page by the test; the
browser context is told to let it in past the Content-Security-Policy, which allows no
script but the portal's own."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from consortium.models import Announcement, AnnouncementStatus
from credentials.models import Credential, CredentialStatus, IssuanceBatch
from members.demo import DEMO_PASSWORD
from members.models import Invitation, MembershipApplication, User
from tests.browser_support import TIMEOUT_MS, sign_in

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
# What axe counts as failing WCAG 2.1 A and AA (and best practice, which it tags separately).
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}
FAILING = {"serious", "critical"}

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


def _demo_credential(college):
    """A credential of the demo student (issued here if the demo holds none)."""
    from credentials.models import Achievement, AchievementKind, Credential
    from credentials.tests.factories import issue

    student = User.objects.get(username="student")
    credential = Credential.objects.filter(holder=student).order_by("status", "-issued_at").first()  # active first
    if credential is None:
        achievement, _created = Achievement.objects.get_or_create(
            issuer=college, name="机电一体化技术专业毕业", level="", defaults={
                "kind": AchievementKind.DIPLOMA, "description": "完成三年制高等职业教育机电一体化技术专业的学习，成绩合格，准予毕业。",
                "criteria": "修满 150 学分，通过毕业设计答辩。"})
        credential = issue(achievement, student)
    return credential


def _pages(demo) -> dict[str, list[tuple[str, str]]]:
    """(name, address) of every kind of page, by who opens it."""
    hengyuan, college = demo["hengyuan"], demo["college"]
    held = _demo_credential(college)
    invitation = Invitation.objects.filter(accepted_at=None, revoked_at=None).first()
    application = MembershipApplication.objects.first()
    notice = Announcement.objects.filter(status=AnnouncementStatus.PUBLISHED, attachments__isnull=False).first()
    draft = Announcement.objects.filter(status=AnnouncementStatus.DRAFT).first()
    credential = Credential.objects.filter(issuer=college, status=CredentialStatus.ACTIVE).first()
    achievement = credential.achievement
    batch = IssuanceBatch.objects.create(
        achievement=achievement, created_by=User.objects.get(username="school_admin"), source="名单.csv",
        rows=[{"holder": credential.holder_id}], total=1, done=1, state=IssuanceBatch.State.DONE,
    )
    pages = {
        "visitor": [
            ("home", reverse("home")),
            ("about", reverse("about")),
            ("directory", reverse("members:organization_list")),
            ("directory search", reverse("members:organization_list") + "?q=常州&kind=enterprise"),
            ("organisation", reverse("members:organization_detail", args=[hengyuan.pk])),
            ("join guide", reverse("members:join")),
            ("apply", reverse("members:apply")),
            ("progress", reverse("members:application_progress") + f"?reference={application.reference}"),
            ("announcements", reverse("announcements:list")),
            ("announcements search", reverse("announcements:list") + "?q=申报"),
            ("announcements none found", reverse("announcements:list") + "?q=没有这样的通知"),
            ("announcement", notice.get_absolute_url()),
            ("sign in", reverse("login")),
            ("password reset", reverse("password_reset")),
            ("invitation", invitation.get_accept_url()),
            ("not found", "/no-such-page/"),
            ("verify", reverse("credentials:verify")),
            ("verification", reverse("credentials:verify_issued", args=[held.uuid])),
            ("shared credential", reverse("credentials:shared", args=[held.share_token])),
        ],
        "student": [
            ("home", reverse("home")),
            ("account", reverse("members:account")),
            ("password change", reverse("password_change")),
            ("own organisation", reverse("members:organization_detail", args=[college.pk])),
            ("forbidden", reverse("members:people", args=[college.pk])),
            ("wallet", reverse("credentials:wallet")),
            ("credential", reverse("credentials:wallet_detail", args=[held.uuid])),
        ],
        "applicant": [
            ("home", reverse("home")),
            ("own application", reverse("members:application_detail", args=[application.pk])),
        ],
        "council": [
            ("home", reverse("home")),
            ("people", reverse("members:people", args=[hengyuan.pk])),
            ("batch invitations", reverse("members:invitation_batch", args=[hengyuan.pk])),
            ("organisation edit", reverse("members:organization_edit", args=[hengyuan.pk])),
            ("api keys", reverse("members:api_keys", args=[hengyuan.pk])),
        ],
        "school_admin": [
            ("issued credentials", reverse("credentials:issued_list", args=[college.pk])),
            ("issued credentials search", reverse("credentials:issued_list", args=[college.pk]) + "?q=张&status=revoked"),
            ("achievements", reverse("credentials:achievement_list", args=[college.pk])),
            ("achievement new", reverse("credentials:achievement_create", args=[college.pk])),
            ("achievement edit", reverse("credentials:achievement_edit", args=[college.pk, achievement.pk])),
            ("issue", reverse("credentials:issue", args=[college.pk])),
            ("batch issuance", reverse("credentials:batch_create", args=[college.pk])),
            ("batch progress", reverse("credentials:batch_detail", args=[batch.pk])),
            ("issued credential", reverse("credentials:issued_credential", args=[credential.uuid])),
            ("revoke", reverse("credentials:credential_status", args=[credential.uuid, "revoke"])),
            ("keys", reverse("credentials:key_list", args=[college.pk])),
            ("key rotation", reverse("credentials:key_rotate", args=[college.pk])),
        ],
        "secretariat": [
            ("home", reverse("home")),
            ("directory", reverse("members:organization_list")),
            ("applications", reverse("members:application_list")),
            ("application", reverse("members:application_detail", args=[application.pk])),
            ("audit trail", reverse("audit_list")),
            ("announcements manage", reverse("announcements:manage")),
            ("announcement new", reverse("announcements:create")),
            ("announcement edit", reverse("announcements:edit", args=[notice.pk])),
            ("announcement draft", draft.get_absolute_url()),
            ("announcement publish", reverse("announcements:publish", args=[draft.pk])),
            ("announcement withdraw", reverse("announcements:withdraw", args=[notice.pk])),
            ("announcement delete", reverse("announcements:delete", args=[draft.pk])),
            ("issuing", reverse("credentials:issuing")),
            ("api docs", reverse("api_docs")),
            ("admin console", reverse("admin:index")),
            ("admin list", reverse("admin:members_organization_changelist")),
            ("admin form", reverse("admin:members_organization_change", args=[hengyuan.pk])),
            ("admin audit", reverse("admin:core_auditevent_changelist")),
            ("admin announcements", reverse("admin:consortium_announcement_changelist")),
        ],
    }
    for who, more in _credit_bank_pages().items():
        pages.setdefault(who, []).extend(more)
    # --- supply ---
    for who, more in _supply_pages().items():
        pages.setdefault(who, []).extend(more)
    # --- end supply ---
    # --- profiles ---
    for who, more in _talent_profile_pages(college).items():
        pages.setdefault(who, []).extend(more)
    # --- end profiles ---
    # --- applications ---
    for who, more in _talent_applications_pages().items():
        pages.setdefault(who, []).extend(more)
    # --- end applications ---
    for who, more in _matching_pages().items():
        pages.setdefault(who, []).extend(more)
    # --- placement ---
    for who, more in _placement_pages().items():
        pages.setdefault(who, []).extend(more)
    # --- end placement ---
    for who, more in _talent_postings_pages(hengyuan).items():
        pages.setdefault(who, []).extend(more)
    from consortium.governance.tests.pages import pages as governance_pages

    for who, more in governance_pages().items():
        pages.setdefault(who, []).extend(more)
    from training.tests.pages import pages as training_pages

    for who, more in training_pages().items():
        pages.setdefault(who, []).extend(more)
    return pages


# --- supply ---
def _supply_pages() -> dict[str, list[tuple[str, str]]]:
    """供需预警: the table with its charts, a family, the figures behind one, warnings, exposure, thresholds."""
    from talent_matching.models import SupplyDemandSnapshot

    latest = SupplyDemandSnapshot.objects.families().order_by("-period").first()
    figure = reverse("talent:supply_figure", args=[latest.period.year, latest.period.month, latest.family_code])
    return {
        "officer": [("supply and demand", reverse("talent:supply_demand")),
                    ("supply and demand filtered", reverse("talent:supply_demand") + "?industry=C&region=320400"),
                    ("supply family", reverse("talent:supply_family", args=[latest.family_code])),
                    ("supply figure", figure),
                    ("supply warnings", reverse("talent:supply_warnings")),
                    ("supply exposure", reverse("talent:supply_exposure"))],
        "secretariat": [("supply thresholds", reverse("talent:supply_thresholds"))],
    }
# --- end supply ---


# --- profiles ---
def _talent_profile_pages(college) -> dict[str, list[tuple[str, str]]]:
    """学生求职档案: the student's own pages, a profile as an enterprise's HR sees it, a school's list
    and import, the secretariat's retention period."""
    from talent_matching.models import StudentProfile

    mine = StudentProfile.objects.get(student__username="student")
    return {
        "student": [("job profile", reverse("talent:my_profile")),
                    ("job profile edit", reverse("talent:my_profile_edit")),
                    ("consent", reverse("talent:consent")),
                    ("who looked", reverse("talent:my_accesses"))],
        "hr": [("student profile", reverse("talent:profile_detail", args=[mine.pk]))],
        "school_admin": [("student profiles", reverse("talent:school_profiles", args=[college.pk])),
                         ("student profiles search",
                          reverse("talent:school_profiles", args=[college.pk]) + "?q=张&visibility=consortium"),
                         ("student profiles import", reverse("talent:school_profile_import", args=[college.pk])),
                         ("student profile edit", reverse("talent:school_profile_edit", args=[mine.pk]))],
        "secretariat": [("profile retention", reverse("talent:retention"))],
    }
# --- end profiles ---


# --- applications ---
def _talent_applications_pages() -> dict[str, list[tuple[str, str]]]:
    """求职申请: the student's applications and applying, the enterprise's received applications,
    a step and an invitation, the school's view (from talent_matching/demo/applications.py)."""
    from talent_matching.models import Application, Posting, StudentProfile

    interview = Application.objects.filter(profile__student__username="student", stage="interview").first()
    offer = Application.objects.filter(posting__organization__name_zh="常州恒远精密机械有限公司", stage="offer").first()
    posting = Posting.objects.filter(organization__name_zh="常州恒远精密机械有限公司", title="机电设备装调 2+1 企业培养岗").first()
    invitee = StudentProfile.objects.filter(student__username="s0007").first()
    applicant = StudentProfile.objects.filter(student__username="s0001").first()  # already applied: says so
    assert interview and offer and posting and invitee and applicant, "the demo's applications"
    return {
        "student": [("my applications", reverse("talent:my_applications")),
                    ("my applications filtered", reverse("talent:my_applications") + "?stage=open&q=恒远"),
                    ("application", reverse("talent:application_detail", args=[interview.pk])),
                    ("withdraw", reverse("talent:application_step", args=[interview.pk, "withdraw"])),
                    ("apply", reverse("talent:application_apply", args=[posting.pk]))],
        "hr": [("received applications", reverse("talent:received_applications")),
               ("received applications none", reverse("talent:received_applications") + "?stage=placed"),
               ("received application", reverse("talent:application_detail", args=[offer.pk])),
               ("interview step", reverse("talent:application_step", args=[interview.pk, "interview"])),
               ("invite", reverse("talent:application_invite", args=[interview.posting_id, invitee.pk])),
               ("invite again", reverse("talent:application_invite", args=[posting.pk, applicant.pk]))],
        "school_admin": [("school applications", reverse("talent:school_applications")),
                         ("school application", reverse("talent:application_detail", args=[interview.pk]))],
    }
# --- end applications ---


def _credit_bank_pages() -> dict[str, list[tuple[str, str]]]:
    """学分银行: the public rules, the student's account, a school's queue, the secretariat's rules."""
    from credentials.models import CreditRule, RecognitionRequest

    rule = CreditRule.objects.first()
    request = RecognitionRequest.objects.first()
    return {
        "visitor": [("credit rules", reverse("credentials:credit_rules") + "?kind=skill&major=4603")],
        "student": [("credit account", reverse("credentials:credit_account")),
                    ("credit request", reverse("credentials:credit_request"))],
        "admin_bachelor": [("recognition queue", reverse("credentials:recognition_queue")),
                           ("recognition decision", reverse("credentials:recognition_decide", args=[request.pk]))],
        "secretariat": [("credit rules manage", reverse("credentials:credit_rule_manage")),
                        ("credit rule new", reverse("credentials:credit_rule_create")),
                        ("credit rule withdraw", reverse("credentials:credit_rule_action", args=[rule.pk, "withdraw"]))],
    }


# --- matching ---
def _matching_pages() -> dict[str, list[tuple[str, str]]]:
    """匹配: the secretariat's runs, an enterprise's candidates with why, a student's postings."""
    from talent_matching.models import MatchRun, Posting

    run = MatchRun.objects.current()
    posting = Posting.objects.filter(organization__name_zh="常州恒远精密机械有限公司").first()
    return {
        "secretariat": [("matching runs", reverse("talent:matching")),
                        ("matching run", reverse("talent:matching_run", args=[run.pk]))],
        "hr": [("candidates", reverse("talent:posting_candidates", args=[posting.pk])),
               ("candidates filtered", reverse("talent:posting_candidates", args=[posting.pk]) + "?min_score=30&verified=on")],
        "student": [("postings for me", reverse("talent:my_matches"))],
    }
# --- end of matching ---
# --- placement ---
def _placement_pages() -> dict[str, list[tuple[str, str]]]:
    """安置轮次: the secretariat's rounds and results, a student's ranking, an enterprise's
    applicants, a school's students (the demo's open summer round and confirmed winter round)."""
    from talent_matching.models import PlacementRound, RoundStatus

    summer = PlacementRound.objects.filter(status=RoundStatus.COLLECTING).first()
    winter = PlacementRound.objects.filter(status=RoundStatus.CONFIRMED).first()
    hengyuan_posting = summer.round_postings.filter(
        posting__organization__name_zh="常州恒远精密机械有限公司").first().posting_id
    return {
        "secretariat": [
            ("placement rounds", reverse("talent:placement_rounds") + "?status=collecting&kind=internship"),
            ("placement round new", reverse("talent:placement_round_create")),
            ("placement round", reverse("talent:placement_round", args=[summer.pk])),
            ("placement round edit", reverse("talent:placement_round_edit", args=[summer.pk])),
            ("placement places", reverse("talent:placement_round_places", args=[summer.pk])),
            ("placement run", reverse("talent:placement_round_action", args=[summer.pk, "run"])),
            ("placement results", reverse("talent:placement_results", args=[winter.pk])),
            ("placement results unplaced", reverse("talent:placement_results", args=[winter.pk]) + "?outcome=unplaced"),
            ("placement next round", reverse("talent:placement_round_action", args=[winter.pk, "second"])),
        ],
        "student": [
            ("placement rounds", reverse("talent:placement_rounds")),
            ("placement round", reverse("talent:placement_round", args=[summer.pk])),
            ("placement confirmed round", reverse("talent:placement_round", args=[winter.pk])),
            ("placement rank", reverse("talent:placement_rank", args=[summer.pk])),
        ],
        "hr": [
            ("placement applicants", reverse("talent:placement_applicants", args=[summer.pk, hengyuan_posting])),
        ],
        "teacher": [
            ("placement school", reverse("talent:placement_school", args=[winter.pk])),
        ],
    }
# --- end placement ---
def _talent_postings_pages(hengyuan) -> dict[str, list[tuple[str, str]]]:
    """人才供需: the entry page, the published postings and a posting for students; an enterprise's
    own postings, its form and the publish and close confirmations for its HR."""
    from talent_matching.models import Posting, PostingStatus

    draft = Posting.objects.filter(organization=hengyuan, status=PostingStatus.DRAFT).first()
    published = Posting.objects.filter(organization=hengyuan, status=PostingStatus.PUBLISHED).first()
    return {
        "student": [("talent home", reverse("talent:home")),
                    ("postings", reverse("talent:posting_list")),
                    ("postings search", reverse("talent:posting_list") + "?q=数控&family=46&open=on"),
                    ("postings none found", reverse("talent:posting_list") + "?q=没有这样的岗位"),
                    ("posting", reverse("talent:posting_detail", args=[published.pk]))],
        "hr": [("talent home", reverse("talent:home")),
               ("our postings", reverse("talent:posting_manage")),
               ("our drafts", reverse("talent:posting_manage") + "?status=draft"),
               ("posting new", reverse("talent:posting_create")),
               ("posting edit", reverse("talent:posting_edit", args=[published.pk])),
               ("posting draft", reverse("talent:posting_detail", args=[draft.pk])),
               ("posting publish", reverse("talent:posting_publish", args=[draft.pk])),
               ("posting close", reverse("talent:posting_close", args=[published.pk]))],
    }


def _violations(page, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_selector("main, #content, #swagger-ui .opblock", timeout=TIMEOUT_MS)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    found = []
    for violation in result["violations"]:
        if violation["impact"] in FAILING:
            targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
            found.append(f"{url} [{violation['impact']}] {violation['id']}: {violation['help']} — {targets}")
    return found


WIDEST = """() => {
  const width = window.innerWidth;
  const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1)
;
  return wide.slice(0, 6).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
    + ' “' + (e.innerText || '').slice(0, 30) + '”');
}"""


def _overflow(page) -> tuple[int, list[str]]:
    """How far the page sticks out sideways, and the innermost elements that do."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth"), page.evaluate(WIDEST)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_kind_of_page_passes_axe(demo, base_url, chromium, language, viewport):
    pages = _pages(demo)
    problems = []
    for who, addresses in pages.items():
        context = chromium.new_context(viewport=viewport, locale="zh-CN", bypass_csp=True)
        context.set_default_timeout(TIMEOUT_MS)
        context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url}])
        page = context.new_page()
        try:
            if who != "visitor":
                sign_in(page, base_url, who, DEMO_PASSWORD)
            for name, address in addresses:
                problems += _violations(page, base_url + address)
                if viewport is PHONE and not name.startswith(("api docs", "admin")):
                    overflow, culprits = _overflow(page)
                    if overflow > 0:
                        problems.append(f"{address} ({language}): {overflow}px wider than a {viewport['width']}px "
                                        f"phone: {culprits}")
        finally:
            context.close()
    assert not problems, "\n".join(problems)


def _check(page, problems, language, viewport):
    """axe on the page as it stands (after a form was sent), and nothing sticking out on a phone."""
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    for violation in result["violations"]:
        if violation["impact"] in FAILING:
            targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
            problems.append(f"{page.url} ({language}) [{violation['impact']}] {violation['id']}: {targets}")
    if viewport is PHONE:
        overflow, culprits = _overflow(page)
        if overflow > 0:
            problems.append(f"{page.url} ({language}): {overflow}px wider than a phone: {culprits}")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_forms_after_sending_pass_axe(demo, base_url, chromium, language, viewport):
    """What a form shows once sent: the application form with its error summary (which takes
    the focus, and whose links lead to the fields), a progress lookup's result, and the
    secretariat's confirmation step."""
    application = MembershipApplication.objects.get()
    problems = []
    context = chromium.new_context(viewport=viewport, locale="zh-CN", bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url}])
    page = context.new_page()
    try:
        page.goto(base_url + reverse("members:apply"))
        page.fill("input[name=name_zh]", "常州示例科技有限公司")
        page.fill("input[name=region]", "新北")
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        summary = page.locator("[data-error-summary]")
        assert summary.is_visible()
        assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')"), "the summary has the focus"
        assert page.input_value("input[name=name_zh]") == "常州示例科技有限公司", "what was typed is kept"
        page.add_script_tag(path=str(AXE))
        _check(page, problems, language, viewport)
        summary.locator("a[href='#id_credit_code']").click()
        assert page.evaluate("document.activeElement.name") == "credit_code", "the summary's link leads to the field"

        page.goto(base_url + reverse("members:application_progress"))
        page.fill("input[name=reference]", application.reference)
        page.fill("input[name=contact]", application.applicant.email)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        assert page.locator("[data-testid=progress-result]").is_visible()
        page.add_script_tag(path=str(AXE))
        _check(page, problems, language, viewport)

        sign_in(page, base_url, "secretariat", DEMO_PASSWORD)
        page.goto(base_url + reverse("members:application_detail", args=[application.pk]))
        page.check("input[name=decision][value=return]")
        page.fill("textarea[name=reason]", "请上传清晰的营业执照扫描件。")
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        assert page.locator("[data-testid=confirm-decision]").is_visible()
        page.add_script_tag(path=str(AXE))
        _check(page, problems, language, viewport)
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_pasted_credentials_verification_passes_axe(demo, base_url, chromium, language, viewport):
    """The verify page once a credential was pasted: the verdict and every check, and once
    something that is no credential was: the error summary."""
    import json

    from credentials.models import Credential

    document = dict(_demo_credential(demo["college"]).document)
    document["name"] = "改动过的证书"
    problems = []
    context = chromium.new_context(viewport=viewport, locale="zh-CN", bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url}])
    page = context.new_page()
    try:
        for text, shown in ((json.dumps(document, ensure_ascii=False), "[data-testid=verdict]"),
                            ("不是凭证", "[data-error-summary]")):
            page.goto(base_url + reverse("credentials:verify"))
            page.fill("textarea[name=document]", text)
            with page.expect_navigation():
                page.click("main form button[type=submit]")
            assert page.locator(shown).is_visible()
            page.add_script_tag(path=str(AXE))
            _check(page, problems, language, viewport)
    finally:
        context.close()
    assert Credential.objects.exists()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_posting_sent_with_a_bad_skill_row_passes_axe(demo, base_url, chromium, language, viewport):
    """The posting form sent with an unknown skill in a row: one summary, focused, whose link leads
    to that row's field; nothing is saved and what was typed is kept."""
    from talent_matching.models import Posting

    before = Posting.objects.count()
    problems = []
    context = chromium.new_context(viewport=viewport, locale="zh-CN", bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url}])
    page = context.new_page()
    try:
        sign_in(page, base_url, "hr", DEMO_PASSWORD)
        page.goto(base_url + reverse("talent:posting_create"))
        page.fill("input[name=title]", "激光切割操作工")
        page.fill("textarea[name=description]", "负责激光切割设备的操作与日常保养。")
        page.fill("input[name=skills-1-skill]", "S-999 不存在的技能")
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        summary = page.locator("[data-error-summary]")
        assert summary.is_visible()
        assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')"), "the summary has the focus"
        assert page.input_value("input[name=title]") == "激光切割操作工", "what was typed is kept"
        page.add_script_tag(path=str(AXE))
        _check(page, problems, language, viewport)
        summary.locator("a[href='#id_skills-1-skill']").click()
        assert page.evaluate("document.activeElement.name") == "skills-1-skill", "the link leads to the row's field"
    finally:
        context.close()
    assert Posting.objects.count() == before
    assert not problems, "\n".join(problems)
