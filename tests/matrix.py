"""The security matrix's vocabulary: personas, the world they live in, and rules.

Each app keeps its own rules beside its tests, in ``<app>/tests/matrix.py``: a ``RULES``
dict from URL name to the ``Rule`` objects that say what every persona gets, by name
(``personas(404, admin_a=200, secretariat=200)``). ``tests/test_security_matrix.py``
collects them from every installed app and fails on any URL of the URL configuration
without a rule.

Each rule is asked for the objects of several organisations, relative to the persona:

* ``any``       the URL takes no object;
* ``own``       an object of the persona's own organisation (not for the anonymous visitor);
* ``other``     an object of another active member organisation (enterprise B for A's people,
                enterprise A for everyone else);
* ``applicant`` an object of an organisation still applying, which is no one's business
                but its own people's and the secretariat's;
* ``self``      the persona's own account or membership.

Statuses: 200 page, 201 created, 204 deleted, 301/302 redirect (to sign-in for the anonymous
visitor, unless said otherwise), 400 bad input, 401 not signed in (API), 403 refused, 404 not
there for you, 405 wrong method; ``_`` (None) where the case does not apply.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable

from django.apps import apps
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from members.models import ApiKey, Invitation, Membership, Organization

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


def personas(default, **statuses) -> dict[str, int | None]:
    """What every persona gets, by name: ``default`` for those not named."""
    unknown = set(statuses) - set(PERSONAS)
    assert not unknown, f"no such persona: {', '.join(sorted(unknown))}"
    return {name: statuses.get(name, default) for name in PERSONAS}


def everyone(status):
    return personas(status)


def signed_in(status, *, anonymous=302):
    """The same status for everyone signed in; the anonymous visitor is sent to sign in."""
    return personas(status, anonymous=anonymous)


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


def attachment_pk(w, t):
    return {"pk": w.attachment[t.org.pk].pk}


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

    ``expect`` maps a scope to every persona's status, by persona name (see ``personas``)."""

    expect: dict[str, dict[str, int | None]]
    method: str = "get"
    kwargs: Callable | None = None
    data: dict | None = None
    api: bool = False
    state: Callable | None = None  # must be unchanged when the request is refused
    forbidden_text: tuple[str, ...] = ()  # must never appear in the answer
    anonymous_goes_to_login: bool = True  # an anonymous 302 must lead to a sign-in page

    def __post_init__(self):
        for scope, statuses in self.expect.items():
            assert set(statuses) == set(PERSONAS), f"scope {scope!r} must name every persona: use personas()"


def page(**kw):
    return Rule(**kw)


def api(**kw):
    return Rule(api=True, **kw)


# --- collecting every app's rules -------------------------------------------------------------


def _app_matrices() -> list:
    modules = []
    for config in apps.get_app_configs():
        try:
            modules.append(importlib.import_module(f"{config.name}.tests.matrix"))
        except ModuleNotFoundError as error:
            if error.name not in (f"{config.name}.tests", f"{config.name}.tests.matrix"):
                raise
    return modules


def collect_rules() -> dict[str, tuple[Rule, ...]]:
    """Every app's RULES; a URL name claimed by two apps is a mistake."""
    rules: dict[str, tuple[Rule, ...]] = {}
    for module in _app_matrices():
        for name, app_rules in getattr(module, "RULES", {}).items():
            assert name not in rules, f"{name} has rules in two apps' matrices"
            rules[name] = app_rules
    return rules


def collect(attribute: str) -> dict:
    """A dict every app's matrix may add to (FAMILIES)."""
    merged = {}
    for module in _app_matrices():
        merged.update(getattr(module, attribute, {}))
    return merged


# --- the world the matrix runs in ---------------------------------------------------------

@dataclass
class World:
    orgs: dict = field(default_factory=dict)  # key -> Organization
    users: dict = field(default_factory=dict)  # persona -> User (None for anonymous)
    colleague: dict = field(default_factory=dict)  # org pk -> a staff member
    colleague_membership: dict = field(default_factory=dict)
    invitation: dict = field(default_factory=dict)  # org pk -> an open invitation
    application: dict = field(default_factory=dict)  # org pk -> its membership application
    attachment: dict = field(default_factory=dict)  # org pk -> its application's licence scan
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

