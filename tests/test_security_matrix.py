"""The security matrix: who gets what answer from every URL of the portal.

The list of URLs comes from the URL configuration itself (``get_resolver()``); each app
gives its named URLs their expected answers, per persona by name, in its own
``<app>/tests/matrix.py`` (see ``tests/matrix.py``). A new URL without a rule fails
``test_every_url_in_the_url_configuration_has_a_rule``, so nobody adds a page without
deciding who may open it.

Besides the status, every answer to anyone but the secretariat is checked for the contact
details and people's addresses of organisations the persona does not belong to: another
organisation's data never appears, whatever the status. And a refused write changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.test import APIClient

from members.models import (
    ApiKey,
    ApplicationAttachment,
    ApplicationStatus,
    Invitation,
    MembershipApplication,
    OrganizationStatus,
    Role,
    application_reference,
    invitation_expiry,
)
from members.tests.factories import OrganizationFactory, person
from members.tests.matrix import NEW_INVITATION
from tests.matrix import PERSONAS, Rule, World, collect, collect_rules

RULES = collect_rules()
FAMILIES = collect("FAMILIES")
# Unnamed patterns are allowed only inside a family's URL space (the admin's redirects).
UNNAMED_ALLOWED_UNDER = ("admin/",)

#        path                                                   anonymous status
PATHS = (
    ("/static/vendor/bootstrap/css/bootstrap.min.css", 200),
    ("/static/css/portal.css", 200),
    ("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css", 200),
    ("/static/../consortium/settings.py", 404),
    ("/static/../.env", 404),
    ("/media/anything.pdf", 404),
    ("/db.sqlite3", 404),
)


# --- the URL configuration ----------------------------------------------------------------


def url_patterns(resolver=None, prefix="", namespace=""):
    """Every (full name or None, route) in the URL configuration, walking includes."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else (
                pattern.namespace or namespace
            )
            yield from url_patterns(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, route


def has_rule(name, route) -> bool:
    if name is None:
        return route.startswith(UNNAMED_ALLOWED_UNDER)
    return name in RULES or name.startswith(tuple(FAMILIES))


def test_every_url_in_the_url_configuration_has_a_rule():
    missing = sorted(
        {f"{name or '(unnamed)'} at /{route}" for name, route in url_patterns() if not has_rule(name, route)}
    )
    assert not missing, (
        "These URLs have no rule in their app's tests/matrix.py RULES; add one saying who may open them:\n  "
        + "\n  ".join(missing)
    )


def test_every_rule_names_a_url_that_exists():
    names = {name for name, _route in url_patterns() if name}
    stale = sorted(set(RULES) - names)
    assert not stale, f"RULES has rules for URLs that no longer exist: {', '.join(stale)}"


def test_every_family_is_shown_by_representatives_with_rules():
    names = {name for name, _route in url_patterns() if name}
    for prefix in FAMILIES:
        representatives = [name for name in RULES if name.startswith(prefix)]
        assert len(representatives) > 1, f"the family {prefix} has too few representatives with rules"
        assert set(representatives) <= names


@pytest.fixture
def world(government, org_a, org_b, school, secretariat, admin_a, member_a, admin_b, outsider, student, teacher,
          officer):
    w = World()
    applicant = OrganizationFactory(status=OrganizationStatus.APPLICANT, name_zh="申请中科技有限公司",
                                    name_en="Applicant Tech")
    w.orgs = {"government": government, "org_a": org_a, "org_b": org_b, "school": school, "applicant": applicant}
    w.users = {
        "anonymous": None, "student": student, "teacher": teacher, "member_a": member_a, "admin_a": admin_a,
        "outsider": outsider, "admin_b": admin_b, "officer": officer, "secretariat": secretariat,
    }
    applicant_admin = person(applicant, Role.ORG_ADMIN, username="applicant_admin")
    for key, org in w.orgs.items():
        # Distinct contact addresses, so that a leak of one can be told from the others.
        org.contact_email = f"contact@{key.replace('_', '-')}.example.cn"
        org.save(update_fields=["contact_email"])
        colleague = person(org, Role.STAFF, username=f"colleague_{key}")
        w.colleague[org.pk] = colleague
        w.colleague_membership[org.pk] = colleague.memberships.get()
        w.invitation[org.pk] = Invitation.objects.create(
            organization=org, email=f"invitee@{key.replace('_', '-')}.example.cn", full_name="被邀请人",
            role=Role.STAFF, invited_by=colleague, expires_at=invitation_expiry(),
        )
        w.api_key[org.pk] = ApiKey.objects.create(
            organization=org, name="对接系统", prefix=f"matrix{org.pk}", key_hash="0" * 64,
            scopes=["members:read"], created_by=colleague,
        )
        decided = org.status == OrganizationStatus.ACTIVE
        w.application[org.pk] = MembershipApplication.objects.create(
            reference=application_reference(), organization=org,
            applicant=applicant_admin if key == "applicant" else colleague,
            statement="希望加入联合体。",
            status=ApplicationStatus.APPROVED if decided else ApplicationStatus.PENDING,
            decided_at=timezone.now() if decided else None,
        )
        w.attachment[org.pk] = ApplicationAttachment.objects.create(
            application=w.application[org.pk], file=ContentFile(b"%PDF-1.4 licence", name="licence.pdf"),
            name="营业执照.pdf", content_type="application/pdf", size=16,
        )
    return w


# --- the matrix ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One row of the matrix: a request to a URL, about one scope's object, made by every persona."""

    name: str
    rule: Rule
    scope: str

    def __str__(self):
        return f"{self.rule.method.upper()} {self.name} {self.scope}"


CASES = [Case(name, rule, scope) for name, rules in RULES.items() for rule in rules for scope in rule.expect]


def client_for_persona(user, *, api: bool):
    if api:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def send(rule: Rule, client, url):
    method = getattr(client, rule.method)
    if rule.api and rule.method != "get":
        return method(url, rule.data, format="json")
    if rule.method != "get":
        return method(url, rule.data or {})
    return method(url)


def body_of(response) -> str:
    """The answer's text, a downloaded file's included."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(errors="replace")


def problems_with(case: Case, persona: str, expected: int, world: World) -> list[str]:
    """What is wrong with the answer this persona gets (nothing, one hopes)."""
    rule = case.rule
    target = world.target(persona, case.scope)
    url = reverse(case.name, kwargs=rule.kwargs(world, target) if rule.kwargs else None)
    before = rule.state(world, target) if rule.state else None
    response = send(rule, client_for_persona(target.user, api=rule.api), url)
    after = rule.state(world, target) if rule.state else None
    asked = f"{rule.method.upper()} {url} as {persona}"
    if response.status_code != expected:
        return [f"{asked} answered {response.status_code}, expected {expected}"]
    problems = []
    refused = expected >= 400 or persona == "anonymous"
    if rule.state and refused and after != before:
        problems.append(f"{asked} was refused but changed something")
    if persona == "anonymous" and expected == 302 and rule.anonymous_goes_to_login:
        location = urlparse(response["Location"]).path
        if location not in (reverse("login"), reverse("admin:login")):
            problems.append(f"{asked} sent the visitor to {location}, not to sign in")
    body = body_of(response)
    problems += [f"{asked} shows {text!r}" for text in rule.forbidden_text if text in body]
    if persona != "secretariat":
        problems += [
            f"{asked} shows {secret}, which belongs to another organisation"
            for secret in world.secrets_hidden_from(persona)
            if re.search(rf"(?<![\w.@-]){re.escape(secret)}", body)
        ]
    return problems


@pytest.mark.parametrize("case", CASES, ids=str)
def test_every_persona_gets_the_answer_the_rules_give(case, world):
    problems = []
    for persona in PERSONAS:
        expected = case.rule.expect[case.scope][persona]
        if expected is None:
            continue
        # Each persona starts from the same world: what one did is rolled back for the next.
        with transaction.atomic():
            problems += problems_with(case, persona, expected, world)
            transaction.set_rollback(True)
    assert not problems, f"{case}:\n  " + "\n  ".join(problems)


# --- the API with an organisation's key ------------------------------------------------------------
# A key of enterprise A, with every part of the portal in its scopes, acts as A's administrator
# would, never more: every API rule is asked again with A's key and must get admin_a's answer.
# A read-only key gets the same answers to reads, and 403 to every write, before anything is
# looked up.

KEY_CASES = [case for case in CASES if case.rule.api and case.scope != "self"]
# A key is no person: it has no "me".
KEY_ANSWERS = {"user-me": 404}


def key_problems(case: Case, world: World, *, level: str) -> list[str]:
    rule = case.rule
    from core.api_scopes import api_parts
    from members import services

    _api_key, full_key = services.api_key_create(
        organization=world.orgs["org_a"], actor=world.users["admin_a"], name="矩阵系统",
        scopes=[f"{part}:{level}" for part in api_parts()],
    )
    target = world.target("admin_a", case.scope)
    expected = KEY_ANSWERS.get(case.name, rule.expect[case.scope]["admin_a"])
    if level == "read" and rule.method not in ("get", "head", "options") and case.name not in (
        "api_schema", "api_docs",
    ):
        expected = 403
    url = reverse(case.name, kwargs=rule.kwargs(world, target) if rule.kwargs else None)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {full_key}")
    before = rule.state(world, target) if rule.state else None
    response = send(rule, client, url)
    after = rule.state(world, target) if rule.state else None
    asked = f"{rule.method.upper()} {url} with a {level} key of org_a"
    if response.status_code != expected:
        return [f"{asked} answered {response.status_code}, expected {expected}"]
    problems = []
    if rule.state and expected >= 400 and after != before:
        problems.append(f"{asked} was refused but changed something")
    body = body_of(response)
    problems += [
        f"{asked} shows {secret}, which belongs to another organisation"
        for secret in world.secrets_hidden_from("admin_a")
        if re.search(rf"(?<![\w.@-]){re.escape(secret)}", body)
    ]
    return problems


@pytest.mark.parametrize("case", KEY_CASES, ids=str)
def test_an_api_key_gets_no_more_than_its_organisations_administrator(case, world):
    problems = []
    for level in ("write", "read"):
        with transaction.atomic():
            problems += key_problems(case, world, level=level)
            transaction.set_rollback(True)
    assert not problems, f"{case}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("path,status", PATHS, ids=[p for p, _s in PATHS])
def test_static_files_are_public_and_nothing_else_is_served_from_disk(path, status, settings, db):
    # As in development: WhiteNoise finds the files without collectstatic.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = Client().get(path)
    assert response.status_code == status, f"{path} answered {response.status_code}"


# --- CSRF, redirects ------------------------------------------------------------------------


def test_a_state_changing_post_without_a_csrf_token_is_refused(admin_a, org_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_a)
    url = reverse("members:invitation_create", args=[org_a.pk])

    response = client.post(url, NEW_INVITATION)

    assert response.status_code == 403
    assert not Invitation.objects.filter(organization=org_a).exists()


def test_the_same_post_with_the_csrf_token_goes_through(admin_a, org_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_a)
    client.get(reverse("members:people", args=[org_a.pk]))  # sets the CSRF cookie

    response = client.post(
        reverse("members:invitation_create", args=[org_a.pk]),
        {**NEW_INVITATION, "csrfmiddlewaretoken": client.cookies["csrftoken"].value},
    )

    assert response.status_code == 302
    assert Invitation.objects.filter(organization=org_a, email=NEW_INVITATION["email"]).exists()


def test_the_api_refuses_a_session_authenticated_write_without_a_csrf_token(admin_a, org_a):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(admin_a)

    response = client.patch(
        reverse("organization-detail", args=[org_a.pk]), {"contact_phone": "0519-86669999"}, format="json"
    )

    assert response.status_code == 403
    org_a.refresh_from_db()
    assert org_a.contact_phone != "0519-86669999"


def test_signing_out_needs_a_csrf_token_too(admin_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_a)

    assert client.post(reverse("logout")).status_code == 403
    assert client.get(reverse("members:account")).status_code == 200


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "http://testserver.evil.example/"])
def test_switching_language_never_redirects_to_another_site(next_url, db):
    response = Client().post(reverse("set_language"), {"language": "en", "next": next_url})

    assert response.status_code == 302
    assert urlparse(response["Location"]).netloc in ("", "testserver")


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/"])
def test_signing_in_never_redirects_to_another_site(next_url, admin_a):
    response = Client().post(
        reverse("login") + f"?next={next_url}", {"username": "admin_a", "password": "Correct-Horse-2026"}
    )

    assert response.status_code == 302
    assert urlparse(response["Location"]).netloc == ""


def test_a_valid_password_reset_link_still_works_for_its_owner(admin_a):
    """The matrix checks that a wrong token is refused; this shows the refusal is the token's."""
    uid = urlsafe_base64_encode(force_bytes(admin_a.pk))
    token = default_token_generator.make_token(admin_a)
    client = Client()

    response = client.get(reverse("password_reset_confirm", args=[uid, token]), follow=True)

    assert response.status_code == 200
    assert 'name="new_password1"' in response.content.decode()



# --- the language switch: no token, but no other site may press it ---------------------------------


@pytest.mark.parametrize("headers", [
    {"HTTP_SEC_FETCH_SITE": "cross-site"},
    {"HTTP_SEC_FETCH_SITE": "same-site"},
    {"HTTP_ORIGIN": "https://evil.example"},
    {"HTTP_ORIGIN": "null"},
], ids=["fetch metadata cross-site", "fetch metadata same-site", "another origin", "opaque origin"])
def test_another_site_cannot_switch_the_language(headers, db):
    response = Client().post(reverse("set_language"), {"language": "en", "next": "/"}, **headers)

    assert response.status_code == 403
    assert "django_language" not in response.cookies


@pytest.mark.parametrize("headers", [
    {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"},
    {"HTTP_ORIGIN": "http://testserver"},
    {},
], ids=["fetch metadata same-origin", "same origin", "no browser headers"])
def test_the_portals_own_pages_switch_the_language(headers, db):
    response = Client().post(reverse("set_language"), {"language": "en", "next": "/"}, **headers)

    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"


# --- headers every answer carries --------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/members/organizations/", "/no-such-page/", "/admin/login/", "/api/v1/",
                                  "/api/docs/", "/api/schema/", "/favicon.ico"])
def test_every_answer_carries_the_content_security_policy(path, db):
    policy = Client().get(path)["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "http" not in policy


def test_the_favicon_is_found_where_browsers_look_for_it(db, settings):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True

    response = Client().get("/favicon.ico", follow=True)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
