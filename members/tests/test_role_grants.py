"""Who may give which role where: a generated matrix, every granting standing × every role ×
every organisation kind × own or other organisation × every door (the service, the people
page's invitation form, the API, the admin console), with the expected answer written down
here — not computed by the code under test.

Plus the attacks that opened this hole: an administrator inviting their own address as
secretariat staff, a forged invitation, an invitation taken up by someone else's account,
an inviter who lost the right, and changing one's own roles."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from core.models import AuditEvent
from members import services
from members.models import Invitation, Membership, OrganizationKind as K, OrganizationStatus, Role, invitation_expiry
from members.tests.factories import OrganizationFactory, person
from tests.fixtures import client_for
from tests.pages import messages_on, zh

pytestmark = pytest.mark.django_db

# --- the rule, written down -----------------------------------------------------------------------

# The roles an organisation of each kind has (standing in the consortium is no organisation role).
ROLES_OF_KIND = {
    K.GOVERNMENT: {"org_admin", "staff", "officer"},
    K.INDUSTRIAL_PARK: {"org_admin", "staff", "officer"},
    K.ENTERPRISE: {"org_admin", "staff", "hr", "engineer"},
    K.SECONDARY_VOCATIONAL: {"org_admin", "staff", "teacher", "student"},
    K.HIGHER_VOCATIONAL: {"org_admin", "staff", "teacher", "student"},
    K.VOCATIONAL_BACHELOR: {"org_admin", "staff", "teacher", "student"},
    K.UNIVERSITY: {"org_admin", "staff", "teacher", "student"},
    K.RESEARCH_INSTITUTE: {"org_admin", "staff", "researcher", "engineer"},
    K.INDUSTRY_ASSOCIATION: {"org_admin", "staff"},
}
# Who grants: (standing, relation to the organisation). Only the organisation's own
# administrators and the secretariat give roles, and only organisation roles.
GRANTORS = [
    ("secretariat", "own"), ("secretariat", "other"),
    ("admin", "own"), ("admin", "other"),
    ("member", "own"), ("member", "other"),
]
DELEGATES = {("secretariat", "own"), ("secretariat", "other"), ("admin", "own")}
# The secretariat appoints secretariat staff in the console, in a lead member or a public body
# only. No one appoints a council representative: the role follows from a council seat.
APPOINTABLE = {
    "secretariat": {K.GOVERNMENT, K.INDUSTRIAL_PARK},
}


def may_grant(standing: str, relation: str, kind: str, role: str) -> bool:
    return (standing, relation) in DELEGATES and role in ROLES_OF_KIND[kind]


def manages(standing: str, relation: str) -> bool:
    """May open the organisation's people page and its roles at all."""
    return (standing, relation) in DELEGATES


# --- the world ------------------------------------------------------------------------------------------


@dataclass
class Place:
    organization: object
    admin: object
    member: object
    colleague: object  # the person who receives the role


def build_world():
    government = OrganizationFactory(kind=K.GOVERNMENT, industry_id="S91", name_zh="授权矩阵教育局")
    secretariat = person(government, Role.SECRETARIAT, username="matrix_secretariat")
    places = {}
    for kind in ROLES_OF_KIND:
        organization = government if kind == K.GOVERNMENT else OrganizationFactory(kind=kind)
        places[kind] = Place(
            organization=organization,
            admin=person(organization, Role.ORG_ADMIN, username=f"admin_{kind}"),
            member=person(organization, Role.STAFF, username=f"member_{kind}"),
            colleague=person(organization, Role.STAFF, username=f"colleague_{kind}"),
        )
    return secretariat, places


def grantor(standing, relation, kind, secretariat, places):
    if standing == "secretariat":
        return secretariat
    # "other": someone of the same standing in another organisation.
    place = places[kind] if relation == "own" else places[K.ENTERPRISE if kind != K.ENTERPRISE else K.UNIVERSITY]
    return place.admin if standing == "admin" else place.member


def counts(place):
    return (Membership.objects.filter(organization=place.organization).count(),
            Invitation.objects.filter(organization=place.organization).count())


# --- the doors ----------------------------------------------------------------------------------------------


def by_service(actor, place, role, clients):
    try:
        services.membership_grant(actor=actor, user=place.colleague, organization=place.organization, role=role)
    except (PermissionDenied, ValidationError):
        return "refused"
    return "granted"


def by_page(actor, place, role, clients):
    response = clients.page(actor).post(
        reverse("members:invitation_create", args=[place.organization.pk]),
        {"full_name": "新同事", "email": f"new-{role}@example.cn", "role": role},
    )
    return response.status_code


def by_api(actor, place, role, clients):
    response = clients.api(actor).post(
        "/api/v1/memberships/", {"user": place.colleague.pk, "organization": place.organization.pk, "role": role},
        format="json",
    )
    return response.status_code


def by_console(actor, place, role, clients):
    response = clients.page(actor).post(
        reverse("admin:members_membership_add"),
        {"user": place.colleague.pk, "organization": place.organization.pk, "role": role, "title": ""},
    )
    return response.status_code


# The person who receives a role through the service, the API or the console already holds
# this one (they must belong to the organisation); the page invites someone new instead.
ALREADY_HELD = "staff"


def expected(door, standing, relation, kind, role):
    """(answer, whether a role or invitation is created)."""
    grants = may_grant(standing, relation, kind, role) and (door == "page" or role != ALREADY_HELD)
    if door == "service":
        return ("granted" if grants else "refused"), grants
    if door == "page":
        # Those who manage the organisation are sent back to its people page with the
        # invitation, or shown the form again with the reason on its field; others find no
        # such page.
        if not manages(standing, relation):
            return 404, grants
        return (302 if grants else 200), grants
    if door == "api":
        if not manages(standing, relation):
            return 403, False
        return (201 if grants else 400), grants
    # The console: the secretariat only (everyone else is sent to sign in); a standing is
    # appointed there, an organisation role granted.
    if standing != "secretariat":
        return 302, False
    allowed = grants or (role in APPOINTABLE and kind in APPOINTABLE[role])
    return (302 if allowed else 200), allowed


class Clients:
    """One signed-in client per person, reused across the cases."""

    def __init__(self):
        self._page, self._api = {}, {}

    def page(self, user):
        if user.pk not in self._page:
            self._page[user.pk] = client_for(user)
        return self._page[user.pk]

    def api(self, user):
        if user.pk not in self._api:
            client = APIClient()
            client.force_login(user)
            self._api[user.pk] = client
        return self._api[user.pk]


DOORS = {"service": by_service, "page": by_page, "api": by_api, "console": by_console}


@pytest.mark.parametrize("door", list(DOORS))
def test_who_may_give_which_role_where_follows_the_written_rule(door):
    secretariat, places = build_world()
    clients = Clients()
    problems, cases, started = [], 0, time.monotonic()
    for kind, place in places.items():
        for standing, relation in GRANTORS:
            actor = grantor(standing, relation, kind, secretariat, places)
            for role in Role.values:
                want_answer, want_created = expected(door, standing, relation, kind, role)
                with transaction.atomic():
                    before = counts(place)
                    answer = DOORS[door](actor, place, role, clients)
                    created = counts(place) != before
                    transaction.set_rollback(True)
                cases += 1
                if (answer, created) != (want_answer, want_created):
                    problems.append(f"{door}: {standing} ({relation}) giving {role} in a {kind}: answered {answer}"
                                    f"{' and created' if created else ''}, expected {want_answer}"
                                    f"{' and created' if want_created else ''}")
    assert cases == len(places) * len(GRANTORS) * len(Role.values)
    assert not problems, f"{len(problems)} of {cases} cases ({time.monotonic() - started:.1f} s):\n" + "\n".join(problems)


@pytest.mark.parametrize("door", ["page", "api"])
def test_a_visitor_gives_no_role(door, org_a):
    colleague = person(org_a, Role.STAFF)
    if door == "page":
        response = Client().post(reverse("members:invitation_create", args=[org_a.pk]),
                                 {"full_name": "新同事", "email": "x@example.cn", "role": "staff"})
        assert response.status_code == 302 and reverse("login") in response["Location"]
    else:
        response = APIClient().post("/api/v1/memberships/",
                                    {"user": colleague.pk, "organization": org_a.pk, "role": "staff"}, format="json")
        assert response.status_code == 401
    assert not Invitation.objects.filter(organization=org_a).exists()
    assert colleague.memberships.count() == 1


# --- the attacks ------------------------------------------------------------------------------------------------


def test_a_lead_members_administrator_cannot_invite_their_own_address_as_secretariat_staff(government):
    admin = person(government, Role.ORG_ADMIN, username="gov_admin", email="mine@example.cn")

    response = client_for(admin).post(
        reverse("members:invitation_create", args=[government.pk]),
        {"full_name": "我自己", "email": "mine-too@example.cn", "role": Role.SECRETARIAT},
    )

    assert response.status_code == 200 and response.context["form"].errors["role"]
    assert not Invitation.objects.filter(organization=government).exists()
    assert not Membership.objects.filter(role=Role.SECRETARIAT).exists()


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.COUNCIL_REP])
def test_a_forged_invitation_to_a_standing_cannot_be_taken_up(role, government):
    admin = person(government, Role.ORG_ADMIN, username="gov_admin")
    forged = Invitation.objects.create(organization=government, email="new@example.cn", full_name="新人", role=role,
                                       invited_by=admin, expires_at=invitation_expiry())

    response = Client().post(reverse("members:invitation_accept", args=[forged.token]),
                             {"username": "forged_user", "password1": "Long-Pass-2026!", "password2": "Long-Pass-2026!"})

    assert response.status_code == 200
    assert not Membership.objects.filter(role=role).exists()
    forged.refresh_from_db()
    assert forged.accepted_at is None


def test_an_administrators_invitation_is_taken_up_only_by_the_invited_address(admin_a, org_a, outsider):
    invitation = services.invitation_create(organization=org_a, actor=admin_a, email="boss@example.cn",
                                            full_name="新管理员", role=Role.ORG_ADMIN)

    response = client_for(outsider).post(reverse("members:invitation_accept", args=[invitation.token]), follow=True)

    assert zh("This invitation is for %(email)s. Sign in with the account of that address, or sign out and "
              "create a new account.", email="boss@example.cn") in messages_on(response)
    assert not Membership.objects.filter(user=outsider, organization=org_a).exists()


def test_an_ordinary_invitation_may_be_taken_up_by_a_signed_in_account(admin_a, org_a, outsider):
    invitation = services.invitation_create(organization=org_a, actor=admin_a, email="engineer@example.cn",
                                            full_name="工程师", role=Role.ENGINEER)

    client_for(outsider).post(reverse("members:invitation_accept", args=[invitation.token]))

    assert Membership.objects.filter(user=outsider, organization=org_a, role=Role.ENGINEER).exists()
    granted = AuditEvent.objects.get(event="role.granted")
    assert granted.organization == org_a and granted.actor == outsider


def test_an_invitation_from_someone_who_lost_the_right_is_refused_at_acceptance(admin_a, org_a, secretariat):
    invitation = services.invitation_create(organization=org_a, actor=admin_a, email="late@example.cn",
                                            full_name="迟到者", role=Role.STAFF)
    person(org_a, Role.ORG_ADMIN)  # someone else keeps the organisation administered
    services.membership_end(membership=admin_a.memberships.get(role=Role.ORG_ADMIN), actor=secretariat)

    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, username="late_user", password="Long-Pass-2026!")
    assert not Membership.objects.filter(user__username="late_user").exists()


def test_an_invitation_of_a_suspended_organisation_is_refused_at_acceptance(admin_a, org_a, secretariat):
    invitation = services.invitation_create(organization=org_a, actor=admin_a, email="late@example.cn",
                                            full_name="迟到者", role=Role.STAFF)
    services.organization_set_status(organization=org_a, actor=secretariat, status=OrganizationStatus.SUSPENDED)

    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, username="late_user", password="Long-Pass-2026!")


def test_no_one_gives_themself_a_role(admin_a, org_a):
    with pytest.raises(ValidationError):
        services.membership_grant(actor=admin_a, user=admin_a, organization=org_a, role=Role.HR)
    with pytest.raises(ValidationError):
        services.invitation_create(organization=org_a, actor=admin_a, email=admin_a.email, full_name="我",
                                   role=Role.HR)
    assert admin_a.memberships.count() == 1


def test_no_one_accepts_their_own_invitation(admin_a, org_a):
    invitation = Invitation.objects.create(organization=org_a, email="other@example.cn", full_name="别人",
                                           role=Role.STAFF, invited_by=admin_a, expires_at=invitation_expiry())

    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, user=admin_a)
    assert admin_a.memberships.count() == 1


def test_only_the_secretariat_appoints_standing_and_records_it(admin_a, org_a, government, secretariat):
    officer = person(government, Role.OFFICER)
    with pytest.raises(PermissionDenied):
        services.standing_appoint(actor=admin_a, user=person(org_a, Role.HR), organization=org_a, role=Role.COUNCIL_REP)
    with pytest.raises(ValidationError) as refused:
        services.standing_appoint(actor=secretariat, user=person(org_a, Role.HR), organization=org_a,
                                  role=Role.COUNCIL_REP)
    assert "role" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.secretariat_appoint(actor=secretariat, user=person(org_a, Role.HR), organization=org_a)

    membership = services.secretariat_appoint(actor=secretariat, user=officer, organization=government)

    assert membership.role == Role.SECRETARIAT
    assert AuditEvent.objects.filter(event="standing.appointed", actor=secretariat).exists()
    with pytest.raises(PermissionDenied):
        services.membership_end(membership=membership, actor=person(government, Role.ORG_ADMIN))


def test_an_api_key_gives_only_what_its_organisations_administrator_may(admin_a, org_a):
    _key, secret = services.api_key_create(organization=org_a, actor=admin_a, name="人事系统",
                                           scopes=["members:write"])
    colleague = person(org_a, Role.STAFF)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")

    granted = api.post("/api/v1/memberships/", {"user": colleague.pk, "organization": org_a.pk, "role": "hr"},
                       format="json")
    standing = api.post("/api/v1/memberships/",
                        {"user": colleague.pk, "organization": org_a.pk, "role": "council_rep"}, format="json")

    assert granted.status_code == 201
    assert standing.status_code == 400 and "role" in standing.json()["errors"]
    assert set(colleague.memberships.values_list("role", flat=True)) == {"staff", "hr"}
    assert api.delete(f"/api/v1/memberships/{granted.json()['id']}/").status_code == 204
    assert set(colleague.memberships.filter(ended_at__isnull=True).values_list("role", flat=True)) == {"staff"}
