"""The site as a whole: the home page and navigation per role, the language, signing in
(with its rate limit), passwords, the demo data command and the production settings."""

import base64
import os
import re
import secrets
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.core.validators import EmailValidator
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from core.models import AuditEvent
from members.demo import DEMO_PASSWORD, LOGINS
from members.models import (
    ApplicationStatus,
    Invitation,
    LoginLockout,
    Membership,
    MembershipApplication,
    Organization,
    OrganizationStatus,
    Role,
    User,
)
from members.tests.factories import OrganizationFactory, UserFactory, person
from tests.fixtures import PASSWORD, client_for
from tests.browser_support import has_cjk
from tests.pages import part, zh

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)


def home_links(user=None) -> list[str]:
    response = client_for(user).get(reverse("home"))
    assert response.status_code == 200
    return part(response, "home-sections").links


def nav_links(user=None) -> list[str]:
    response = client_for(user).get(reverse("home"))
    return part(response, "nav").links


# --- the home page: what this person can do next ----------------------------------------------------


def test_visitor_is_invited_to_apply_to_join_and_to_sign_in(client):
    response = client.get(reverse("home"))

    sections = part(response, "home-sections")
    assert reverse("members:join") in sections.links
    assert reverse("login") in sections.links
    assert zh("Apply to join") in sections.text
    assert reverse("members:account") not in sections.links


def test_student_is_sent_to_their_school_their_account_and_the_directory(student, school):
    response = client_for(student).get(reverse("home"))

    sections = part(response, "home-sections")
    assert school.get_absolute_url() in sections.links
    assert reverse("members:organization_list") in sections.links
    assert reverse("members:account") in sections.links
    assert school.name_zh in sections.text and zh("Student") in sections.text
    assert reverse("admin:index") not in sections.links
    assert reverse("members:join") not in sections.links


def test_secretariat_sees_how_many_applications_wait_and_the_admin_console(secretariat):
    for n in range(3):
        organization = OrganizationFactory(status=OrganizationStatus.APPLICANT)
        MembershipApplication.objects.create(
            organization=organization, applicant=person(organization, Role.ORG_ADMIN), statement="申请。",
            status=ApplicationStatus.PENDING,
        )

    response = client_for(secretariat).get(reverse("home"))

    sections = part(response, "home-sections")
    assert reverse("admin:index") in sections.links
    assert reverse("members:application_list") in sections.links
    assert reverse("audit_list") in sections.links
    assert re.search(r'<span class="badge[^"]*">\s*3\s*</span>', response.content.decode()), "3 pending applications"


def test_secretariat_sees_no_count_when_nothing_waits(secretariat):
    response = client_for(secretariat).get(reverse("home"))

    assert not re.search(r'<span class="badge text-bg-danger">', response.content.decode())


def test_teacher_is_sent_to_their_school_and_their_account(teacher, school):
    links = home_links(teacher)

    assert school.get_absolute_url() in links and reverse("members:account") in links


def test_enterprise_hr_is_sent_to_their_enterprise_and_their_account(member_a, org_a):
    response = client_for(member_a).get(reverse("home"))

    sections = part(response, "home-sections")
    assert org_a.get_absolute_url() in sections.links and reverse("members:account") in sections.links
    assert zh("Enterprise HR") in sections.text


def test_a_person_with_two_roles_sees_their_organisation_once_with_both(org_a):
    engineer_and_hr = person(org_a, Role.ENGINEER, Role.HR)

    response = client_for(engineer_and_hr).get(reverse("home"))

    sections = part(response, "home-sections")
    assert sections.links.count(org_a.get_absolute_url()) == 1
    assert zh("Enterprise HR") in sections.text and zh("Enterprise engineer") in sections.text


@pytest.mark.parametrize("persona", ["student", "teacher", "member_a", "admin_a", "officer", "secretariat"])
def test_every_role_s_home_page_offers_pages_that_open(persona, request):
    user = request.getfixturevalue(persona)
    client = client_for(user)

    links = part(client.get(reverse("home")), "home-sections").links

    assert len(links) >= 2, f"{persona}'s home page offers next to nothing"
    for url in links:
        assert client.get(url).status_code == 200, url


def test_org_admin_is_sent_to_their_people_and_organisation(admin_a, org_a):
    links = home_links(admin_a)

    assert reverse("members:people", args=[org_a.pk]) in links
    assert org_a.get_absolute_url() in links


def test_officer_follows_the_consortium_in_the_member_directory(officer):
    links = home_links(officer)

    assert reverse("members:organization_list") in links


def test_applicant_sees_the_state_of_their_application(client):
    organization = OrganizationFactory(status=OrganizationStatus.APPLICANT)
    applicant = person(organization, Role.ORG_ADMIN)
    application = MembershipApplication.objects.create(organization=organization, applicant=applicant, statement="申请。")

    response = client_for(applicant).get(reverse("home"))

    sections = part(response, "home-sections")
    assert sections.links == [application.get_absolute_url()]
    assert zh("Pending review") in sections.text


def test_a_person_without_a_role_is_told_to_ask_for_an_invitation():
    response = client_for(UserFactory()).get(reverse("home"))

    assert zh("Your account has no role in any organisation yet. Ask your organisation's administrator to invite you.") \
        in part(response, "home-sections").text


# --- the public pages promise only what exists ------------------------------------------------------------

# What the portal cannot do yet, in the words a visitor would read it in. Credentials and
# their verification (credentials/) and the talent platform's postings, matching and placements
# (talent_matching/) exist: training records, the quality report and votes do not.
NOT_YET_PROMISED = {
    "zh-hans": ("质量年度报告", "表决"),
    "en": ("quality report", "vote"),
}


def page_text(url, language, user=None) -> str:
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Language"] == language
    return strip_tags(response.content.decode())


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("url_name", ["home", "about", "members:organization_list", "members:join", "members:apply", "login"])
def test_a_visitor_is_promised_nothing_the_portal_does_not_do(url_name, language, org_a):
    text = page_text(reverse(url_name), language).lower()

    promised = [word for word in NOT_YET_PROMISED[language] if word in text]
    assert not promised, f"{reverse(url_name)} ({language}) speaks of {promised}"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_visitor_is_offered_the_verification_that_exists(language, db):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    home = client.get(reverse("home")).content.decode()

    assert home.count(f'href="{reverse("credentials:verify")}"') >= 2  # a home section, and the footer
    assert client.get(reverse("credentials:verify")).status_code == 200


@pytest.mark.parametrize("persona", ["student", "teacher", "member_a", "admin_a", "officer", "secretariat"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_member_s_home_page_promises_nothing_the_portal_does_not_do(persona, language, request):
    text = page_text(reverse("home"), language, request.getfixturevalue(persona)).lower()

    promised = [word for word in NOT_YET_PROMISED[language] if word in text]
    assert not promised, f"{persona}'s home page ({language}) speaks of {promised}"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_about_page_says_what_the_portal_does(language):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    does = part(client.get(reverse("about")), "portal-does").text

    with translation.override(language):
        for item in ("Every change is recorded in an audit trail that the secretariat reads and downloads.",
                     "Members' own systems connect through an API, with keys their administrators create and revoke."):
            assert translation.gettext(item) in does
    assert has_cjk(does) == (language == "zh-hans")


# --- navigation: only what the role may use ------------------------------------------------------------


def test_student_has_no_audit_trail_or_applications_in_the_menu(student):
    links = nav_links(student)

    assert links == [reverse("home"), reverse("announcements:list"), reverse("members:organization_list"),
                     reverse("talent:home"), reverse("training:home"), reverse("credentials:wallet"),
                     reverse("credentials:credit_account")]
    assert reverse("audit_list") not in links
    assert reverse("members:application_list") not in links
    assert reverse("admin:index") not in links


def test_secretariat_has_the_audit_trail_applications_and_admin_console_in_the_menu(secretariat):
    links = nav_links(secretariat)

    assert reverse("audit_list") in links
    assert reverse("members:application_list") in links
    assert reverse("admin:index") in links


@pytest.mark.parametrize("persona", ["student", "teacher", "member_a", "admin_a", "secretariat"])
def test_schools_enterprises_and_the_secretariat_have_training_in_the_menu(persona, request):
    assert reverse("training:home") in nav_links(request.getfixturevalue(persona))


def test_government_officers_have_no_training_in_the_menu_nor_its_hub(officer):
    assert reverse("training:home") not in nav_links(officer)
    assert client_for(officer).get(reverse("training:home")).status_code == 403


def test_enterprise_member_has_no_audit_trail_in_the_menu(member_a):
    links = nav_links(member_a)

    assert links == [reverse("home"), reverse("announcements:list"), reverse("members:organization_list"),
                     reverse("governance:home"), reverse("talent:home"), reverse("training:home")]


def test_visitor_menu_offers_about_and_joining_but_no_member_tools(client):
    links = nav_links()

    assert reverse("about") in links and reverse("members:join") in links
    for tool in ("audit_list", "admin:index", "members:application_list"):
        assert reverse(tool) not in links


def test_menu_items_open_for_the_role_that_sees_them(student, officer, secretariat):
    for user in (student, officer, secretariat):
        client = client_for(user)
        for url in nav_links(user):
            assert client.get(url).status_code == 200, url


def test_the_current_section_is_marked_in_the_menu(secretariat):
    response = client_for(secretariat).get(reverse("audit_list"))

    assert re.search(r'aria-current="page" href="%s"' % re.escape(reverse("audit_list")), response.content.decode())


# --- language ----------------------------------------------------------------------------------------


def test_pages_are_in_chinese_even_for_an_english_browser(client):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert '<html lang="zh-hans">' in response.content.decode()
    assert response["Content-Language"] == "zh-hans"


def test_the_language_switch_turns_the_site_to_english_and_back(client):
    switched = client.post(reverse("set_language"), {"language": "en", "next": reverse("about")})

    assert switched.status_code == 302 and switched.url == reverse("about")
    english = client.get(reverse("about"))
    assert '<html lang="en">' in english.content.decode()
    assert english["Content-Language"] == "en"

    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert '<html lang="zh-hans">' in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("language,gap", [("zh-hans", ""), ("en", " ")])
def test_sentences_run_on_in_chinese_and_are_spaced_in_english(client, language, gap):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = client.get(reverse("login")).content.decode()

    with translation.override(language):
        question = translation.gettext("Not a member yet?")
    assert f'{question}{gap}<a href="{reverse("members:join")}">' in page


def test_english_pages_show_english_names(client, org_a):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    response = client.get(reverse("members:organization_list"))

    assert "Enterprise A" in part(response, "organization-table").text


# --- signing in and its rate limit ---------------------------------------------------------------------


def sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_a_member_signs_in_with_the_login_form(client, admin_a):
    response = sign_in(client, "admin_a", PASSWORD)

    assert response.status_code == 302 and response.url == reverse("home")
    assert client.get(reverse("home")).context["user"] == admin_a


def test_a_wrong_password_shows_the_form_again(client, admin_a):
    response = sign_in(client, "admin_a", "wrong-password")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not response.context["user"].is_authenticated


def test_after_five_failures_even_the_right_password_is_refused(client, admin_a, member_a):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "admin_a", f"wrong-{attempt}").status_code == 200
    assert sign_in(client, "admin_a", "wrong-last").status_code == 429, "the fifth failure locks the user name"

    refused = sign_in(client, "admin_a", PASSWORD)

    assert refused.status_code == 429
    assert zh("Too many failed sign-in attempts") in refused.content.decode()
    assert part(refused, "locked-out").text
    assert "_auth_user_id" not in client.session

    other = sign_in(client, "member_a", PASSWORD)
    assert other.status_code == 302, "another user name still signs in from the same address"


def test_the_lockout_page_states_the_configured_cool_off(client, admin_a, settings):
    from datetime import timedelta

    settings.AXES_COOLOFF_TIME = timedelta(minutes=40)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "admin_a", f"wrong-{attempt}")

    refused = sign_in(client, "admin_a", PASSWORD)

    assert "40" in part(refused, "locked-out").text and "15" not in part(refused, "locked-out").text


def test_a_successful_sign_in_forgets_earlier_failures(client, admin_a):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "admin_a", f"wrong-{attempt}")
    assert sign_in(client, "admin_a", PASSWORD).status_code == 302
    client.post(reverse("logout"))

    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "admin_a", f"wrong-again-{attempt}").status_code == 200
    assert sign_in(client, "admin_a", PASSWORD).status_code == 302


def test_the_secretariat_sees_a_lockout_in_its_own_language_and_lifts_it(client, admin_a, secretariat):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "admin_a", f"wrong-{attempt}")
    console = client_for(secretariat)

    listing = console.get(reverse("admin:members_loginlockout_changelist"))

    html = listing.content.decode()
    assert zh("sign-in lockouts") in html and zh("Failed Logins") in html and zh("Username") in html
    assert "Failed Logins" not in html and "Access attempts" not in html
    assert "admin_a" in html
    lockout = LoginLockout.objects.get(username="admin_a")
    console.post(reverse("admin:members_loginlockout_delete", args=[lockout.pk]), {"post": "yes"})
    assert sign_in(client, "admin_a", PASSWORD).status_code == 302, "the lock is lifted"
    unlocked = AuditEvent.objects.get(action="delete", content_type__model="loginlockout")
    assert (unlocked.actor, unlocked.source) == (secretariat, AuditEvent.Source.ADMIN)
    assert unlocked.changes["username"] == ["admin_a", None]


# --- passwords -----------------------------------------------------------------------------------------


NEW_PASSWORD = "Brand-New-Passw0rd-2026"


def test_a_person_changes_their_password_and_stays_signed_in(member_a):
    client = client_for(member_a)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302 and response.url == reverse("password_change_done")
    assert client.get(reverse("members:account")).status_code == 200, "still signed in"
    member_a.refresh_from_db()
    assert member_a.check_password(NEW_PASSWORD)
    assert sign_in(Client(), "member_a", NEW_PASSWORD).status_code == 302


def test_a_wrong_old_password_does_not_change_it(member_a):
    response = client_for(member_a).post(
        reverse("password_change"),
        {"old_password": "not-my-password", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    member_a.refresh_from_db()
    assert member_a.check_password(PASSWORD)


def test_a_forgotten_password_is_reset_through_the_emailed_link(client, member_a):
    response = client.post(reverse("password_reset"), {"email": member_a.email})

    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [member_a.email]
    assert "member_a" in email.body
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", email.body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert done.status_code == 302 and done.url == reverse("password_reset_complete")
    member_a.refresh_from_db()
    assert member_a.check_password(NEW_PASSWORD)
    assert sign_in(Client(), "member_a", NEW_PASSWORD).status_code == 302
    used_again = client.get(link, follow=True)
    assert not used_again.context["validlink"], "the link works once"


def test_a_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.cn"})

    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert mail.outbox == []


# --- demo data --------------------------------------------------------------------------------------------


def counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (Organization, User, Membership, MembershipApplication, Invitation)
    }


def test_seed_demo_twice_creates_nothing_twice_and_prints_the_logins():
    first_out = StringIO()
    call_command("seed_demo", stdout=first_out)
    after_first = counts()
    call_command("seed_demo", stdout=StringIO())

    assert counts() == after_first
    assert after_first["Organization"] >= 10 and after_first["User"] >= 300
    assert after_first["MembershipApplication"] == 1 and after_first["Invitation"] == 1
    output = first_out.getvalue()
    assert DEMO_PASSWORD in output
    for username, *_rest in LOGINS:
        assert re.search(rf"\b{username}\b", output), username
    assert User.objects.get(username="secretariat").check_password(DEMO_PASSWORD)


def test_every_demo_address_is_a_valid_email_address():
    """The API's schema promises e-mail addresses; the demo's must be ones."""
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    validate = EmailValidator()
    addresses = [*User.objects.values_list("email", flat=True),
                 *Organization.objects.values_list("contact_email", flat=True),
                 *Invitation.objects.values_list("email", flat=True)]
    assert len(addresses) > 300
    for address in addresses:
        validate(address)


def test_the_demo_reads_like_a_real_city():
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    organizations = Organization.objects.select_related("region")

    for organization in organizations:
        assert re.fullmatch(r"常州市[\u4e00-\u9fff]{2}[区市][\u4e00-\u9fff]{2,5}[路道街]\d{1,4}号", organization.address)
        assert organization.region.name in organization.address, "the street is in the registered district"
        assert re.fullmatch(r"0519-8\d{3} \d{4}", organization.contact_phone)
        assert re.fullmatch(r"https://www\.[a-z0-9-]+\.example\.cn/", organization.website)
        assert organization.contact_email.endswith("@" + organization.website.removeprefix("https://www.")[:-1])
        assert re.fullmatch(r"[\u4e00-\u9fff]{2,3}", organization.contact_name)
    people = User.objects.exclude(username__startswith="scale_")
    for user in people:
        assert re.fullmatch(r"[\u4e00-\u9fff]{2,3}", user.full_name), user.full_name
        assert not re.search("秘书|理事|校管|老师|同学|人事|科长|申请|新人", user.full_name), "a name, not a role"
        assert re.fullmatch(r"1[3-9]\d \d{4} \d{4}|0519-8\d{3} \d{4}", user.phone), "a mobile or office phone"
        assert "demo" not in user.email
    assert len({user.full_name for user in people}) > 0.8 * people.count(), "names vary as a city's do"


def test_the_readme_lists_the_demo_logins_that_exist():
    readme = (BASE_DIR / "README.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| [^|]+ \| `(\w+)` \| ([^|]+) \|$", readme, re.MULTILINE)

    assert [username for username, _org in listed] == [username for username, *_rest in LOGINS] + ["applicant", "admin_bachelor"]
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    for username, organization in listed:
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD)
        assert user.memberships.filter(organization__name_zh=organization.strip()).exists(), username


def test_demo_secretariat_can_sign_in_and_use_the_admin_console(client):
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())

    assert sign_in(client, "secretariat", DEMO_PASSWORD).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("members:application_list")).context["page"].paginator.count == 1


def test_seed_demo_at_scale_builds_students_teachers_and_organisations():
    output = StringIO()

    call_command("seed_demo", "--scale", "500", "--quiet-logins", stdout=output)

    scale = Membership.objects.filter(user__username__startswith="scale_")
    assert scale.filter(role=Role.STUDENT).count() == 500
    assert scale.filter(role=Role.TEACHER).count() == 20
    assert Organization.objects.filter(name_zh__startswith="常州规模测试").count() >= 10
    assert all(org.is_school for org in Organization.objects.filter(memberships__in=scale.filter(role=Role.STUDENT)))
    assert "500 students" in output.getvalue()


def test_seed_demo_at_a_scale_whose_draw_has_no_school_still_places_its_students():
    # With 62 students the random kinds of the ten organisations include no school.
    call_command("seed_demo", "--scale", "62", "--quiet-logins", stdout=StringIO())

    students = Membership.objects.filter(user__username__startswith="scale_student", role=Role.STUDENT)
    assert students.count() == 62
    assert all(membership.organization.is_school for membership in students.select_related("organization"))


# --- production settings --------------------------------------------------------------------------------------


PRODUCTION = {
    "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": secrets.token_urlsafe(64), "DJANGO_ALLOWED_HOSTS": "portal.example.cn",
    "REDIS_URL": "redis://127.0.0.1:6379/14", "CELERY_BROKER_URL": "redis://127.0.0.1:6379/15",
    "PRIVATE_KEY_SEAL_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
}


def run_django(args, **environment) -> subprocess.CompletedProcess:
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in ("REDIS_URL", "CELERY_BROKER_URL", "PRIVATE_KEY_SEAL_KEY")
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_deployment_checks_pass_with_the_production_settings():
    result = run_django(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "variable,value",
    [
        ("DJANGO_SECRET_KEY", None),
        ("DJANGO_SECRET_KEY", ""),
        ("DJANGO_SECRET_KEY", "   "),
        ("DJANGO_SECRET_KEY", settings.DEV_SECRET_KEY),
        ("DJANGO_SECRET_KEY", "…"),
        ("DJANGO_SECRET_KEY", "django-insecure-0123456789abcdefghijklmnopqrstuvwxyz"),
        ("DJANGO_SECRET_KEY", "short-key"),
        ("REDIS_URL", None),
        ("REDIS_URL", ""),
        ("PRIVATE_KEY_SEAL_KEY", None),
        ("PRIVATE_KEY_SEAL_KEY", ""),
        ("PRIVATE_KEY_SEAL_KEY", settings.DEV_SEAL_KEY),
        ("PRIVATE_KEY_SEAL_KEY", "not base64!"),
        ("PRIVATE_KEY_SEAL_KEY", "c2hvcnQ="),
    ],
    ids=["key missing", "key empty", "key blank", "development key", "sample key", "insecure key", "short key",
         "redis missing", "redis empty", "seal key missing", "seal key empty", "development seal key",
         "seal key not base64", "seal key short"],
)
def test_production_refuses_to_start_and_names_the_variable(variable, value):
    environment = {**PRODUCTION, variable: value}
    if value is None:
        del environment[variable]
        if variable == "REDIS_URL":
            del environment["CELERY_BROKER_URL"]

    result = run_django(["manage.py", "check"], **environment)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{variable}:" in result.stderr.splitlines()[-1]


def test_production_refuses_to_start_without_a_celery_broker():
    environment = {**PRODUCTION, "CELERY_BROKER_URL": ""}
    environment["REDIS_URL"] = "redis://127.0.0.1:6379/14"

    # Redis doubles as the broker when no other is named; only with neither does it refuse.
    assert run_django(["manage.py", "check"], **environment).returncode == 0
    del environment["REDIS_URL"]
    result = run_django(["-c", "import consortium.settings"], **environment)
    assert result.returncode != 0 and ("REDIS_URL:" in result.stderr or "CELERY_BROKER_URL:" in result.stderr)


def test_debug_is_off_unless_asked_for():
    result = run_django(["manage.py", "shell", "-c", "from django.conf import settings; print(settings.DEBUG)"],
                        **PRODUCTION | {"DJANGO_DEBUG": ""})

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_a_log_line_is_printed_once_with_time_level_and_logger():
    result = run_django(
        ["manage.py", "shell", "-c", "import logging; logging.getLogger('django.request').warning('probe-7731')"],
        **PRODUCTION,
    )

    lines = [line for line in (result.stdout + result.stderr).splitlines() if "probe-7731" in line]
    assert len(lines) == 1, lines
    assert re.match(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} WARNING django\.request probe-7731$", lines[0])


def test_the_admin_console_carries_the_consortium_s_name(secretariat):
    page = client_for(secretariat).get(reverse("admin:index")).content.decode()
    with translation.override("zh-hans"):
        assert str(settings.CONSORTIUM_NAME) in page


def test_the_admin_console_filters_organisations_by_industry_section(secretariat, org_a, school):
    client = client_for(secretariat)
    page = client.get(reverse("admin:members_organization_changelist")).content.decode()
    assert "?industry_section=C" in page
    assert page.count("industry_section=") <= 25, "a section each, not every industry"

    manufacturing = client.get(reverse("admin:members_organization_changelist"), {"industry_section": "C"})
    names = manufacturing.content.decode()
    assert org_a.name_zh in names and school.name_zh not in names
