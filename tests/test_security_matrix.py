"""The security matrix: who gets what answer from every URL of the portal.

The list of URLs comes from the URL configuration itself (``get_resolver()``), and
``RULES`` gives each named URL its expected answers. A new URL without a rule fails
``test_every_url_in_the_url_configuration_has_a_rule``, so nobody adds a page without
deciding who may open it.

Each rule is asked for the objects of several organisations, relative to the persona:

* ``any``       the URL takes no object;
* ``own``       an object of the persona's own organisation (not for the anonymous visitor);
* ``other``     an object of another active member organisation (enterprise B for A's people,
                enterprise A for everyone else);
* ``applicant`` an object of an organisation still applying, which is no one's business
                but its own people's and the secretariat's;
* ``self``      the persona's own account or membership.

Besides the status, every answer to anyone but the secretariat is checked for the contact
details and people's addresses of organisations the persona does not belong to: another
organisation's data never appears, whatever the status. And a refused write changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlparse

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.test import APIClient

from members.demo import credit_code
from members.models import (
    ApiKey,
    ApplicationStatus,
    Invitation,
    Membership,
    MembershipApplication,
    Organization,
    OrganizationStatus,
    Role,
    invitation_expiry,
)
from members.tests.factories import OrganizationFactory, person

PERSONAS = ("anonymous", "student", "teacher", "member_a", "admin_a", "outsider", "admin_b", "officer", "secretariat")
# The organisation each persona belongs to (the fixtures of tests/fixtures.py).
HOME = {
    "student": "school", "teacher": "school",
    "member_a": "org_a", "admin_a": "org_a",
    "outsider": "org_b", "admin_b": "org_b",
    "officer": "government", "secretariat": "government",
}
MEMBER_ORGS = ("government", "org_a", "org_b", "school")

_ = None  # not applicable: the anonymous visitor has no organisation of their own


# --- how to build a URL's arguments -----------------------------------------------------------


@dataclass
class Target:
    """What a request is about: the persona asking and the organisation whose object it wants."""

    persona: str
    user: object
    org: Organization


def org_pk(w, t):
    return {"pk": t.org.pk}


def org_object_id(w, t):
    return {"object_id": t.org.pk}


def invitation_pk(w, t):
    return {"pk": w.invitation[t.org.pk].pk}


def invitation_token(w, t):
    return {"token": w.invitation[t.org.pk].token}


def colleague_pk(w, t):
    """Someone else in the organisation: a staff member."""
    return {"pk": w.colleague[t.org.pk].pk}


def colleague_membership_pk(w, t):
    return {"pk": w.colleague_membership[t.org.pk].pk}


def self_pk(w, t):
    return {"pk": t.user.pk}


def self_membership_pk(w, t):
    return {"pk": t.user.memberships.order_by("pk").first().pk}


def api_key_pk(w, t):
    return {"pk": w.api_key[t.org.pk].pk}


def application_pk(w, t):
    return {"pk": w.application[t.org.pk].pk}


def reset_link_with_a_wrong_token(w, t):
    return {"uidb64": urlsafe_base64_encode(force_bytes(w.users["admin_a"].pk)), "token": "cz4w1b-0123456789abcdef"}


# --- what a refused write must leave as it was ------------------------------------------------


def invitations_of(w, t):
    return list(Invitation.objects.filter(organization=t.org).values_list("pk", "revoked_at"))


def invitation_state(w, t):
    return Invitation.objects.filter(pk=w.invitation[t.org.pk].pk).values_list("revoked_at", "accepted_at").get()


def colleague_membership_state(w, t):
    return Membership.objects.filter(pk=w.colleague_membership[t.org.pk].pk).values_list("ended_at").get()


def self_membership_state(w, t):
    return list(t.user.memberships.values_list("pk", "ended_at"))


def organization_state(w, t):
    return Organization.objects.filter(pk=t.org.pk).values().get()


def organization_count(w, t):
    return Organization.objects.count()


def api_keys_of(w, t):
    return list(ApiKey.objects.filter(organization=t.org).values_list("pk", "revoked_at"))


def api_key_state(w, t):
    return ApiKey.objects.filter(pk=w.api_key[t.org.pk].pk).values_list("revoked_at", "revoked_by").get()


# --- the rules --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One request to a URL and the answer each persona must get, per scope.

    ``expect`` maps a scope to nine statuses in the order of PERSONAS."""

    expect: dict[str, tuple]
    method: str = "get"
    kwargs: Callable | None = None
    data: dict | None = None
    api: bool = False
    state: Callable | None = None  # must be unchanged when the request is refused
    forbidden_text: tuple[str, ...] = ()  # must never appear in the answer
    anonymous_goes_to_login: bool = True  # an anonymous 302 must lead to a sign-in page


def page(**kw):
    return Rule(**kw)


def api(**kw):
    return Rule(api=True, **kw)


def everyone(status):
    return (status,) * len(PERSONAS)


def signed_in(status, *, anonymous=302):
    """The same status for everyone signed in; the anonymous visitor is sent to sign in."""
    return (anonymous,) + (status,) * (len(PERSONAS) - 1)

NEW_API_KEY = {"name": "矩阵系统", "scope_members": "read"}
NEW_INVITATION = {"full_name": "新同事", "email": "newcomer@example.cn", "role": Role.STAFF}
NEW_ORGANIZATION = {
    "kind": "enterprise", "name_zh": "矩阵新设科技有限公司", "credit_code": credit_code("320411", 990001),
    "region": "320411", "contact_name": "孙经理", "contact_phone": "0519-86001234",
    "contact_email": "sun@matrix.example.cn",
}

# Statuses: 200 page, 201 created, 302 redirect (to sign-in for the anonymous visitor, unless
# said otherwise), 400 bad input, 401 not signed in (API), 403 refused, 404 not there for you,
# 405 wrong method.
#
#                                       anon  stud  teach mem_a adm_a outs  adm_b offic secr
RULES: dict[str, tuple[Rule, ...]] = {
    # --- site pages ---
    "home": (page(expect={"any": everyone(200)}),),
    "about": (page(expect={"any": everyone(200)}),),
    "healthz": (page(expect={"any": everyone(200)}),),
    "audit_list": (page(expect={"any":         (302,  403,  403,  403,  403,  403,  403,  403,  200)}),),
    "set_language": (
        page(method="post", data={"language": "en", "next": "/"}, anonymous_goes_to_login=False,
             expect={"any": everyone(302)}),
    ),
    "login": (page(expect={"any": signed_in(302, anonymous=200)}),),
    "logout": (
        page(method="post", anonymous_goes_to_login=False, expect={"any": everyone(302)}),
        page(expect={"any": everyone(405)}),
    ),
    "password_change": (page(expect={"any": signed_in(200)}),),
    "password_change_done": (page(expect={"any": signed_in(200)}),),
    "password_reset": (page(expect={"any": everyone(200)}),),
    "password_reset_done": (page(expect={"any": everyone(200)}),),
    # A reset link with a wrong token shows "link invalid", never the new-password form.
    "password_reset_confirm": (
        page(kwargs=reset_link_with_a_wrong_token, forbidden_text=('name="new_password1"',),
             expect={"any": everyone(200)}),
    ),
    "password_reset_complete": (page(expect={"any": everyone(200)}),),
    # --- members ---
    "members:organization_list": (page(expect={"any": everyone(200)}),),
    "members:organization_detail": (
        page(kwargs=org_pk, expect={
            "own":                              (  _,  200,  200,  200,  200,  200,  200,  200,  200),
            "other":                            (200,  200,  200,  200,  200,  200,  200,  200,  200),
            "applicant":                        (404,  404,  404,  404,  404,  404,  404,  404,  200),
        }),
    ),
    # The directory is public, so another member's edit page is refused (403), not hidden.
    "members:organization_edit": (
        page(kwargs=org_pk, expect={
            "own":                              (  _,  403,  403,  403,  200,  403,  200,  403,  200),
            "other":                            (302,  403,  403,  403,  403,  403,  403,  403,  200),
            "applicant":                        (302,  404,  404,  404,  404,  404,  404,  404,  200),
        }),
        page(kwargs=org_pk, method="post", data={"contact_phone": "0519-86669999"}, state=organization_state,
             expect={
            "other":                            (302,  403,  403,  403,  403,  403,  403,  403,  200),
            "applicant":                        (302,  404,  404,  404,  404,  404,  404,  404,  200),
        }),
    ),
    "members:people": (
        page(kwargs=org_pk, expect={
            "own":                              (  _,  404,  404,  404,  200,  404,  200,  404,  200),
            "other":                            (302,  404,  404,  404,  404,  404,  404,  404,  200),
            "applicant":                        (302,  404,  404,  404,  404,  404,  404,  404,  200),
        }),
    ),
    "members:invitation_create": (
        page(kwargs=org_pk, method="post", data=NEW_INVITATION, state=invitations_of, expect={
            "own":                              (  _,  404,  404,  404,  302,  404,  302,  404,  302),
            "other":                            (302,  404,  404,  404,  404,  404,  404,  404,  302),
            "applicant":                        (302,  404,  404,  404,  404,  404,  404,  404,  302),
        }),
        page(kwargs=org_pk, expect={"own": signed_in(405, anonymous=_)}),
    ),
    "members:invitation_revoke": (
        page(kwargs=invitation_pk, method="post", state=invitation_state, expect={
            "own":                              (  _,  404,  404,  404,  302,  404,  302,  404,  302),
            "other":                            (302,  404,  404,  404,  404,  404,  404,  404,  302),
            "applicant":                        (302,  404,  404,  404,  404,  404,  404,  404,  302),
        }),
        page(kwargs=invitation_pk, expect={"own": signed_in(405, anonymous=_)}),
    ),
    # Whoever holds the invitation's secret link may open it; a made-up token finds nothing.
    "members:invitation_accept": (
        page(kwargs=invitation_token, state=invitation_state, expect={"other": everyone(200)}),
        page(kwargs=lambda w, t: {"token": "no-such-invitation"}, expect={"any": everyone(404)}),
    ),
    "members:membership_end": (
        page(kwargs=colleague_membership_pk, method="post", state=colleague_membership_state, expect={
            "own":                              (  _,  404,  404,  404,  302,  404,  302,  404,  302),
            "other":                            (302,  404,  404,  404,  404,  404,  404,  404,  302),
            "applicant":                        (302,  404,  404,  404,  404,  404,  404,  404,  302),
        }),
        # People see their own memberships but only administrators may end them (an
        # organisation's last administrator is told to appoint another first: 302 with a message).
        page(kwargs=self_membership_pk, method="post", state=self_membership_state, expect={
            "self":                             (  _,  403,  403,  403,  302,  403,  302,  403,  302),
        }),
        page(kwargs=colleague_membership_pk, expect={"own": signed_in(405, anonymous=_)}),
    ),
    "members:apply": (page(expect={"any": signed_in(302, anonymous=200)}, anonymous_goes_to_login=False),),
    "members:application_list": (page(expect={"any": (302,  403,  403,  403,  403,  403,  403,  403,  200)}),),
    "members:application_detail": (
        page(kwargs=application_pk, expect={
            "own":                              (  _,  404,  404,  404,  200,  404,  200,  404,  200),
            "other":                            (302,  404,  404,  404,  404,  404,  404,  404,  200),
            "applicant":                        (302,  404,  404,  404,  404,  404,  404,  404,  200),
        }),
    ),
    "members:account": (page(expect={"any": signed_in(200)}),),
    # An organisation's API keys: its administrators while it is active, and the secretariat.
    # Creating answers the page itself (200), which shows the new key once.
    "members:api_keys": (
        page(kwargs=org_pk, expect={
            "own":                              (  _,  404,  404,  404,  200,  404,  200,  404,  200),
            "other":                            (302,  404,  404,  404,  404,  404,  404,  404,  200),
            "applicant":                        (302,  404,  404,  404,  404,  404,  404,  404,  200),
        }),
        page(kwargs=org_pk, method="post", data=NEW_API_KEY, state=api_keys_of, expect={
            "own":                              (  _,  404,  404,  404,  200,  404,  200,  404,  200),
            "other":                            (302,  404,  404,  404,  404,  404,  404,  404,  200),
            "applicant":                        (302,  404,  404,  404,  404,  404,  404,  404,  200),
        }),
    ),
    # Revoking asks first (GET), then revokes (POST).
    "members:api_key_revoke": (
        page(kwargs=api_key_pk, expect={
            "own":                              (  _,  404,  404,  404,  200,  404,  200,  404,  200),
            "other":                            (302,  404,  404,  404,  404,  404,  404,  404,  200),
            "applicant":                        (302,  404,  404,  404,  404,  404,  404,  404,  200),
        }),
        page(kwargs=api_key_pk, method="post", state=api_key_state, expect={
            "own":                              (  _,  404,  404,  404,  302,  404,  302,  404,  302),
            "other":                            (302,  404,  404,  404,  404,  404,  404,  404,  302),
            "applicant":                        (302,  404,  404,  404,  404,  404,  404,  404,  302),
        }),
    ),
    # --- the other areas' starting pages ---
    "talent_matching:index": (page(expect={"any": signed_in(200)}),),
    "credentials:index": (page(expect={"any": signed_in(200)}),),
    "training:index": (page(expect={"any":     (302,  200,  200,  200,  200,  200,  200,  403,  200)}),),
    # --- the admin console: the secretariat only; everyone else is sent to its sign-in page ---
    # One sign-in page for the whole portal: the admin console's sends visitors to it.
    "admin:login": (page(expect={"any":        (302,  403,  403,  403,  403,  403,  403,  403,  302)}),),
    "admin:index": (page(expect={"any":        (302,  302,  302,  302,  302,  302,  302,  302,  200)}),),
    "admin:members_organization_changelist": (
        page(expect={"any":                     (302,  302,  302,  302,  302,  302,  302,  302,  200)}),
    ),
    "admin:members_organization_change": (
        page(kwargs=org_object_id, expect={
            "own":                              (  _,  302,  302,  302,  302,  302,  302,  302,  200),
            "other":                            (302,  302,  302,  302,  302,  302,  302,  302,  200),
        }),
        page(kwargs=org_object_id, method="post", data={"contact_phone": "1"}, state=organization_state, expect={
            "other":                            (302,  302,  302,  302,  302,  302,  302,  302,  200),
        }),
    ),
    "admin:members_user_changelist": (
        page(expect={"any":                     (302,  302,  302,  302,  302,  302,  302,  302,  200)}),
    ),
    "admin:members_membershipapplication_changelist": (
        page(expect={"any":                     (302,  302,  302,  302,  302,  302,  302,  302,  200)}),
    ),
    "admin:consortium_auditevent_changelist": (
        page(expect={"any":                     (302,  302,  302,  302,  302,  302,  302,  302,  200)}),
    ),
    "admin:members_apikey_changelist": (
        page(expect={"any":                     (302,  302,  302,  302,  302,  302,  302,  302,  200)}),
    ),
    # --- the API: 401 without credentials, 404 outside the caller's scope, 403 for a
    # visible object the caller may not change ---
    "api-root": (api(expect={"any": signed_in(200, anonymous=401)}),),
    "organization-list": (
        api(expect={"any": signed_in(200, anonymous=401)}),
        api(method="post", data=NEW_ORGANIZATION, state=organization_count, expect={
            "any":                              (401,  403,  403,  403,  403,  403,  403,  403,  201),
        }),
    ),
    "organization-detail": (
        api(kwargs=org_pk, expect={
            "own":                              (  _,  200,  200,  200,  200,  200,  200,  200,  200),
            "other":                            (401,  200,  200,  200,  200,  200,  200,  200,  200),
            "applicant":                        (401,  404,  404,  404,  404,  404,  404,  404,  200),
        }),
        api(kwargs=org_pk, method="patch", data={"contact_phone": "0519-86669999"}, state=organization_state,
            expect={
            "own":                              (  _,  403,  403,  403,  200,  403,  200,  403,  200),
            "other":                            (401,  403,  403,  403,  403,  403,  403,  403,  200),
            "applicant":                        (401,  404,  404,  404,  404,  404,  404,  404,  200),
        }),
        api(kwargs=org_pk, method="put", data=NEW_ORGANIZATION, state=organization_state, expect={
            "other":                            (401,  405,  405,  405,  405,  405,  405,  405,  405),
        }),
        api(kwargs=org_pk, method="delete", state=organization_state, expect={
            "own":                              (  _,  405,  405,  405,  405,  405,  405,  405,  405),
        }),
    ),
    "user-list": (api(expect={"any": signed_in(200, anonymous=401)}),),
    "user-me": (api(expect={"any": signed_in(200, anonymous=401)}),),
    "user-detail": (
        api(kwargs=colleague_pk, expect={
            "own":                              (  _,  404,  404,  404,  200,  404,  200,  404,  200),
            "other":                            (401,  404,  404,  404,  404,  404,  404,  404,  200),
            "applicant":                        (401,  404,  404,  404,  404,  404,  404,  404,  200),
        }),
        api(kwargs=self_pk, expect={"self": signed_in(200, anonymous=_)}),
    ),
    "membership-list": (api(expect={"any": signed_in(200, anonymous=401)}),),
    "membership-detail": (
        api(kwargs=colleague_membership_pk, expect={
            "own":                              (  _,  404,  404,  404,  200,  404,  200,  404,  200),
            "other":                            (401,  404,  404,  404,  404,  404,  404,  404,  200),
            "applicant":                        (401,  404,  404,  404,  404,  404,  404,  404,  200),
        }),
        api(kwargs=self_membership_pk, expect={"self": signed_in(200, anonymous=_)}),
    ),
    "api_schema": (api(expect={"any": everyone(200)}),),
    "api_docs": (api(expect={"any": everyone(200)}),),
}

# Families of URLs answered by one rule. Their members need no rule of their own, but
# the representatives above (which must exist) show the family's rule holds.
FAMILIES = {
    # Django's admin console: every page of it is behind AdminSite.has_permission, which is
    # access.can_use_admin_console: the secretariat only.
    "admin:": (
        "admin:index", "admin:members_organization_changelist", "admin:members_organization_change",
        "admin:members_user_changelist", "admin:members_membershipapplication_changelist",
        "admin:consortium_auditevent_changelist", "admin:members_apikey_changelist",
    ),
}
# Unnamed patterns are allowed only inside a family's URL space (the admin's redirects).
UNNAMED_ALLOWED_UNDER = ("admin/",)

# Paths the resolver does not know: static files (WhiteNoise) and uploads (not served).
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
        "These URLs have no rule in tests/test_security_matrix.py RULES; add one saying who may open them:\n  "
        + "\n  ".join(missing)
    )


def test_every_rule_names_a_url_that_exists():
    names = {name for name, _route in url_patterns() if name}
    stale = sorted(set(RULES) - names)
    assert not stale, f"RULES has rules for URLs that no longer exist: {', '.join(stale)}"


def test_every_family_is_shown_by_representatives_with_rules():
    names = {name for name, _route in url_patterns() if name}
    for prefix, representatives in FAMILIES.items():
        assert representatives, f"the family {prefix} has no representative URL"
        for name in representatives:
            assert name.startswith(prefix) and name in names and name in RULES, f"{name} does not represent {prefix}"


# --- the world the matrix runs in ---------------------------------------------------------


@dataclass
class World:
    orgs: dict = field(default_factory=dict)  # key -> Organization
    users: dict = field(default_factory=dict)  # persona -> User (None for anonymous)
    colleague: dict = field(default_factory=dict)  # org pk -> a staff member
    colleague_membership: dict = field(default_factory=dict)
    invitation: dict = field(default_factory=dict)  # org pk -> an open invitation
    application: dict = field(default_factory=dict)  # org pk -> its membership application
    api_key: dict = field(default_factory=dict)  # org pk -> an API key in use
    _hidden: dict = field(default_factory=dict)

    def target(self, persona, scope) -> Target:
        user = self.users[persona]
        home = self.orgs[HOME[persona]] if persona in HOME else None
        if scope == "other":
            org = self.orgs["org_b" if HOME.get(persona) == "org_a" else "org_a"]
        elif scope == "applicant":
            org = self.orgs["applicant"]
        else:  # own, self, any
            org = home or self.orgs["org_a"]
        return Target(persona=persona, user=user, org=org)

    def secrets_hidden_from(self, persona) -> list[str]:
        """Contact addresses and people's addresses of organisations the persona is not in."""
        if persona not in self._hidden:
            self._hidden[persona] = self._secrets_hidden_from(persona)
        return self._hidden[persona]

    def _secrets_hidden_from(self, persona) -> list[str]:
        user = self.users[persona]
        own = set(user.memberships.values_list("organization_id", flat=True)) if user else set()
        hidden = []
        for org in self.orgs.values():
            if org.pk in own:
                continue
            hidden.append(org.contact_email)
            hidden += [
                m.user.email for m in org.memberships.select_related("user")
                if user is None or m.user_id != user.pk
            ]
        return hidden


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
            organization=org, applicant=applicant_admin if key == "applicant" else colleague,
            statement="希望加入联合体。",
            status=ApplicationStatus.APPROVED if decided else ApplicationStatus.PENDING,
            decided_at=timezone.now() if decided else None,
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
    body = response.content.decode(errors="replace")
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
    for persona, expected in zip(PERSONAS, case.rule.expect[case.scope], strict=True):
        if expected is None:
            continue
        # Each persona starts from the same world: what one did is rolled back for the next.
        with transaction.atomic():
            problems += problems_with(case, persona, expected, world)
            transaction.set_rollback(True)
    assert not problems, f"{case}:\n  " + "\n  ".join(problems)


# --- the API with an organisation's key ------------------------------------------------------------
# A key of enterprise A acts as A's administrator would, never more: every API rule is asked
# again with A's key and must get admin_a's answer. A read-only key gets the same answers to
# reads, and 403 to every write, before anything is looked up.

KEY_CASES = [case for case in CASES if case.rule.api and case.scope != "self"]
# A key is no person: it has no "me".
KEY_ANSWERS = {"user-me": 404}


def key_problems(case: Case, world: World, *, scope: str) -> list[str]:
    rule = case.rule
    from members import services

    _api_key, full_key = services.api_key_create(
        organization=world.orgs["org_a"], actor=world.users["admin_a"], name="矩阵系统", scopes=[scope]
    )
    target = world.target("admin_a", case.scope)
    expected = KEY_ANSWERS.get(case.name, rule.expect[case.scope][PERSONAS.index("admin_a")])
    if scope.endswith(":read") and rule.method not in ("get", "head", "options") and case.name not in (
        "api_schema", "api_docs",
    ):
        expected = 403
    url = reverse(case.name, kwargs=rule.kwargs(world, target) if rule.kwargs else None)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {full_key}")
    before = rule.state(world, target) if rule.state else None
    response = send(rule, client, url)
    after = rule.state(world, target) if rule.state else None
    asked = f"{rule.method.upper()} {url} with a {scope} key of org_a"
    if response.status_code != expected:
        return [f"{asked} answered {response.status_code}, expected {expected}"]
    problems = []
    if rule.state and expected >= 400 and after != before:
        problems.append(f"{asked} was refused but changed something")
    body = response.content.decode(errors="replace")
    problems += [
        f"{asked} shows {secret}, which belongs to another organisation"
        for secret in world.secrets_hidden_from("admin_a")
        if re.search(rf"(?<![\w.@-]){re.escape(secret)}", body)
    ]
    return problems


@pytest.mark.parametrize("case", KEY_CASES, ids=str)
def test_an_api_key_gets_no_more_than_its_organisations_administrator(case, world):
    problems = []
    for scope in ("members:write", "members:read"):
        with transaction.atomic():
            problems += key_problems(case, world, scope=scope)
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

