"""API keys: an organisation's partner systems call the API with a key that acts for the
organisation — never with more than its administrator could do, only in the parts of the
portal its scopes name — shown once, stored hashed, revocable, and recorded at every use."""

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import AuditEvent
from consortium.navigation import header_state
from members import access, services
from members.api import UserViewSet
from members.models import ApiKey, Organization, OrganizationStatus
from tests.fixtures import client_for
from tests.pages import messages_on, part, zh

pytestmark = pytest.mark.django_db

IP = "198.51.100.23"


def make_key(organization, actor, *scopes, **fields):
    return services.api_key_create(
        organization=organization, actor=actor, name=fields.pop("name", "人事系统"),
        scopes=list(scopes) or ["members:read"], **fields,
    )


def with_key(full_key, scheme="Bearer") -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"{scheme} {full_key}", REMOTE_ADDR=IP)
    return client


def uses_of(api_key):
    return AuditEvent.objects.filter(action="api_call", object_id=str(api_key.pk))


# --- created once, stored hashed --------------------------------------------------------------


def test_an_administrator_creates_a_key_and_sees_it_once(admin_a, org_a):
    client = client_for(admin_a)

    response = client.post(
        reverse("members:api_keys", args=[org_a.pk]), {"name": "人事系统", "scope_members": "read"}
    )

    assert response.status_code == 200
    full_key = part(response, "full-key").text
    api_key = ApiKey.objects.get(organization=org_a)
    assert full_key.startswith(f"ck_{api_key.prefix}_")
    assert zh("Copy it now: it is shown only this once and cannot be shown again.") in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    # Shown again? Never: not on the list, not in a message of the next page.
    later = client.get(reverse("members:api_keys", args=[org_a.pk]))
    assert full_key not in later.content.decode()
    assert api_key.prefix in part(later, "api-keys-table").text


def test_the_database_holds_only_a_hash_of_the_key(admin_a, org_a):
    api_key, full_key = make_key(org_a, admin_a)

    row = ApiKey.objects.filter(pk=api_key.pk).values().get()
    secret = full_key.split("_", 2)[2]
    assert row["key_hash"] == hashlib.sha256(full_key.encode()).hexdigest()
    assert not any(secret in str(value) for value in row.values())


def test_a_key_is_given_only_scopes_that_exist(admin_a, org_a):
    with pytest.raises(ValidationError) as raised:
        make_key(org_a, admin_a, "members:read", "payroll:write")

    assert "payroll:write" in raised.value.message_dict["scopes"][0]
    assert not ApiKey.objects.exists()


def test_a_key_needs_at_least_one_part_of_the_portal(admin_a, org_a):
    response = client_for(admin_a).post(reverse("members:api_keys", args=[org_a.pk]), {"name": "空"})

    assert zh("Choose at least one part of the portal the key may use.") in response.content.decode()
    assert not ApiKey.objects.exists()


def test_a_key_with_write_keeps_only_the_write_scope(admin_a, org_a):
    api_key, _key = make_key(org_a, admin_a, "members:read", "members:write")

    assert api_key.scopes == ["members:write"]


def test_an_expiry_in_the_past_is_refused(admin_a, org_a):
    with pytest.raises(ValidationError) as raised:
        make_key(org_a, admin_a, expires_at=timezone.now() - timedelta(days=1))

    assert "expires_at" in raised.value.message_dict


# --- who may manage keys ----------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["student", "teacher", "member_a", "outsider", "officer"])
def test_people_who_are_not_administrators_cannot_open_or_create_keys(persona, request, org_a, admin_a):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    url = reverse("members:api_keys", args=[org_a.pk])

    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "偷偷的", "scope_members": "write"}).status_code == 404
    assert not ApiKey.objects.exists()
    with pytest.raises(PermissionDenied):
        make_key(org_a, user)


def test_a_student_cannot_open_their_own_schools_key_page(student, school):
    assert client_for(student).get(reverse("members:api_keys", args=[school.pk])).status_code == 404


def test_an_administrator_of_a_suspended_organisation_cannot_create_keys(admin_a, org_a, secretariat):
    services.organization_set_status(organization=org_a, actor=secretariat, status=OrganizationStatus.SUSPENDED)

    with pytest.raises(PermissionDenied):
        make_key(org_a, admin_a)


def test_the_secretariat_creates_a_key_for_an_organisation(secretariat, org_a):
    api_key, _key = make_key(org_a, secretariat)

    assert api_key.organization == org_a and api_key.created_by == secretariat


def test_the_organisation_and_people_pages_link_to_the_keys_for_administrators_only(admin_a, member_a, org_a):
    link = f'href="{reverse("members:api_keys", args=[org_a.pk])}" data-testid="api-keys-link"'

    assert link in client_for(admin_a).get(org_a.get_absolute_url()).content.decode()
    assert link in client_for(admin_a).get(reverse("members:people", args=[org_a.pk])).content.decode()
    assert 'data-testid="api-keys-link"' not in client_for(member_a).get(org_a.get_absolute_url()).content.decode()


@pytest.mark.parametrize("persona,shown", [
    ("student", False), ("teacher", False), ("member_a", False), ("officer", False),
    ("admin_a", True), ("secretariat", True),
])
def test_the_menu_shows_api_only_to_those_who_manage_keys(persona, shown, request, rf):
    user = request.getfixturevalue(persona)
    http = rf.get("/")
    http.user = user

    assert bool(header_state(http).api_url) is shown
    body = client_for(user).get(reverse("home")).content.decode()
    assert (f">{zh('API')}</a>" in body) is shown


def test_the_menu_takes_an_administrator_to_their_organisations_keys(admin_a, org_a, rf):
    http = rf.get("/")
    http.user = admin_a

    assert header_state(http).api_url == reverse("members:api_keys", args=[org_a.pk])


# --- authenticating with a key ------------------------------------------------------------------


def test_a_key_works_as_a_bearer_credential(admin_a, org_a):
    _api_key, full_key = make_key(org_a, admin_a)

    response = with_key(full_key).get(reverse("organization-detail", args=[org_a.pk]))

    assert response.status_code == 200
    assert response.json()["contact_email"] == org_a.contact_email, "its own organisation's contacts"


def test_a_key_is_also_accepted_with_the_api_key_scheme(admin_a, org_a):
    _api_key, full_key = make_key(org_a, admin_a)

    assert with_key(full_key, "Api-Key").get(reverse("organization-list")).status_code == 200


@pytest.mark.parametrize("header", [
    "Bearer ck_nosuchkey_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
    "Bearer not-a-key",
    "Bearer",
    "Bearer two words",
])
def test_a_wrong_key_gets_401_in_the_apis_error_shape(header, admin_a, org_a):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)

    response = client.get(reverse("organization-list"))

    assert response.status_code == 401
    body = response.json()
    assert set(body) == {"code", "message", "errors"} and body["code"] == "invalid_key"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_key_with_the_right_prefix_and_a_wrong_secret_is_refused(admin_a, org_a):
    api_key, full_key = make_key(org_a, admin_a)

    response = with_key(full_key[:-4] + "AAAA").get(reverse("organization-list"))

    assert response.status_code == 401
    assert not uses_of(api_key).exists()


def test_a_revoked_key_gets_401(admin_a, org_a):
    api_key, full_key = make_key(org_a, admin_a)
    services.api_key_revoke(api_key=api_key, actor=admin_a)

    response = with_key(full_key).get(reverse("organization-list"))

    assert response.status_code == 401 and response.json()["code"] == "key_revoked"
    attempt = uses_of(api_key).get()
    assert (attempt.organization, attempt.object_repr) == (org_a, "GET /api/v1/organizations/ → 401")
    api_key.refresh_from_db()
    assert api_key.last_used_at is None, "a refused attempt is no use"


def test_an_expired_key_gets_401(admin_a, org_a):
    api_key, full_key = make_key(org_a, admin_a, expires_at=timezone.now() + timedelta(days=1))
    ApiKey.objects.filter(pk=api_key.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    response = with_key(full_key).get(reverse("organization-list"))

    assert response.status_code == 401 and response.json()["code"] == "key_expired"


@pytest.mark.parametrize("status", [OrganizationStatus.SUSPENDED, OrganizationStatus.LEFT])
def test_a_key_of_an_organisation_that_is_no_active_member_gets_401(status, admin_a, org_a, secretariat):
    _api_key, full_key = make_key(org_a, admin_a)
    services.organization_set_status(organization=org_a, actor=secretariat, status=status)

    response = with_key(full_key).get(reverse("organization-list"))

    assert response.status_code == 401 and response.json()["code"] == "organization_inactive"


# --- what a key may do ----------------------------------------------------------------------------


def test_a_read_only_key_cannot_change_anything(admin_a, org_a):
    _api_key, full_key = make_key(org_a, admin_a, "members:read")
    before = Organization.objects.filter(pk=org_a.pk).values().get()

    response = with_key(full_key).patch(
        reverse("organization-detail", args=[org_a.pk]), {"contact_phone": "0519-86669999"}, format="json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert Organization.objects.filter(pk=org_a.pk).values().get() == before


def test_a_read_and_write_key_changes_what_its_administrator_could(admin_a, org_a):
    _api_key, full_key = make_key(org_a, admin_a, "members:write")

    response = with_key(full_key).patch(
        reverse("organization-detail", args=[org_a.pk]), {"contact_phone": "0519-86669999"}, format="json"
    )

    assert response.status_code == 200
    org_a.refresh_from_db()
    assert org_a.contact_phone == "0519-86669999"


def test_a_key_cannot_change_another_organisation(admin_a, org_a, org_b):
    _api_key, full_key = make_key(org_a, admin_a, "members:write")

    response = with_key(full_key).patch(
        reverse("organization-detail", args=[org_b.pk]), {"contact_phone": "0519-86669999"}, format="json"
    )

    assert response.status_code == 403
    org_b.refresh_from_db()
    assert org_b.contact_phone != "0519-86669999"


def test_a_key_sees_no_more_than_its_organisations_administrator(admin_a, member_a, org_a, org_b, admin_b, outsider):
    _api_key, full_key = make_key(org_a, admin_a)
    client = with_key(full_key)

    other = client.get(reverse("organization-detail", args=[org_b.pk])).json()
    people = {row["username"] for row in client.get(reverse("user-list")).json()["results"]}
    memberships = {row["organization"] for row in client.get(reverse("membership-list")).json()["results"]}

    assert "contact_email" not in other
    assert people == {"admin_a", "member_a"}
    assert memberships == {org_a.pk}
    assert client.get(reverse("user-detail", args=[outsider.pk])).status_code == 404


def test_a_key_is_no_person(admin_a, org_a):
    _api_key, full_key = make_key(org_a, admin_a)

    assert with_key(full_key).get(reverse("user-me")).status_code == 404


def test_a_key_created_by_the_secretariat_has_no_secretariat_powers(secretariat, government, org_a, org_b):
    _api_key, full_key = make_key(government, secretariat, "members:write")
    client = with_key(full_key)
    count = Organization.objects.count()

    created = client.post(reverse("organization-list"), {"name_zh": "冒名公司"}, format="json")
    other = client.patch(reverse("organization-detail", args=[org_a.pk]), {"description": "改"}, format="json")

    assert created.status_code == 403 and Organization.objects.count() == count
    assert other.status_code == 403
    assert "contact_email" not in client.get(reverse("organization-detail", args=[org_b.pk])).json()


def test_a_key_for_another_part_of_the_portal_cannot_read_organisations(admin_a, org_a):
    api_key, full_key = make_key(org_a, admin_a)
    ApiKey.objects.filter(pk=api_key.pk).update(scopes=["training:write"])  # a part some other app serves

    response = with_key(full_key).get(reverse("organization-list"))

    assert response.status_code == 403


def test_every_api_viewset_names_a_registered_part():
    from core.api_scopes import api_parts
    from consortium.urls import router

    for _prefix, viewset, _basename in router.registry:
        assert getattr(viewset, "api_part", None) in api_parts(), f"{viewset.__name__} names no registered part"
    assert UserViewSet.api_part == "members"


def test_a_key_never_manages_keys(admin_a, org_a):
    api_key, _key = make_key(org_a, admin_a)
    from members.principals import ApiKeyPrincipal

    principal = ApiKeyPrincipal(api_key)

    assert not access.can_manage_api_keys(principal, org_a)
    assert not access.api_keys_for(principal).exists()
    assert not access.is_secretariat(principal)
    assert list(access.applications_for(principal)) == list(access.applications_for(principal).filter(organization=org_a))


# --- every use recorded ---------------------------------------------------------------------------


def test_every_use_of_a_key_is_recorded_for_its_organisation(admin_a, org_a):
    api_key, full_key = make_key(org_a, admin_a, "members:read")
    client = with_key(full_key)

    client.get(reverse("organization-list"))
    client.get(reverse("organization-detail", args=[org_a.pk]))
    client.patch(reverse("organization-detail", args=[org_a.pk]), {"description": "改"}, format="json")

    uses = list(uses_of(api_key).order_by("id"))
    assert len(uses) == 3, "refused calls are recorded too"
    for event in uses:
        assert (event.actor, event.actor_label, event.organization, event.source, event.ip_address) == (
            None, f"api-key:{api_key.prefix}", org_a, "api", IP,
        )
    assert uses[0].object_repr == "GET /api/v1/organizations/ → 200"
    assert uses[2].object_repr == f"PATCH /api/v1/organizations/{org_a.pk}/ → 403"
    assert full_key not in str(AuditEvent.objects.values_list("object_repr", "changes"))


def test_the_last_use_is_listed_on_the_keys_page(admin_a, org_a):
    api_key, full_key = make_key(org_a, admin_a)
    page = client_for(admin_a).get(reverse("members:api_keys", args=[org_a.pk]))
    assert zh("never") in part(page, "last-used").text

    with_key(full_key).get(reverse("organization-list"))

    api_key.refresh_from_db()
    assert api_key.last_used_ip == IP and api_key.last_used_at is not None
    page = client_for(admin_a).get(reverse("members:api_keys", args=[org_a.pk]))
    assert IP in part(page, "last-used").text


def test_the_last_use_is_written_at_most_once_a_minute(admin_a, org_a):
    api_key, full_key = make_key(org_a, admin_a)
    with_key(full_key).get(reverse("organization-list"))
    api_key.refresh_from_db()
    first = api_key.last_used_at

    with_key(full_key).get(reverse("organization-list"))

    api_key.refresh_from_db()
    assert api_key.last_used_at == first
    assert uses_of(api_key).count() == 2


def test_keys_have_their_own_rate_buckets(admin_a, org_a):
    from members.api_auth import ApiRateThrottle

    first, first_key = make_key(org_a, admin_a, name="一号")
    second, second_key = make_key(org_a, admin_a, name="二号")
    throttle = ApiRateThrottle()

    class Request:
        def __init__(self, api_key):
            self.auth, self.user = api_key, object()

    assert throttle.get_cache_key(Request(first), None) != throttle.get_cache_key(Request(second), None)


# --- revoking ----------------------------------------------------------------------------------


def test_revoking_asks_first_then_revokes_and_is_recorded(admin_a, org_a):
    api_key, full_key = make_key(org_a, admin_a)
    client = client_for(admin_a)
    url = reverse("members:api_key_revoke", args=[api_key.pk])

    asked = client.get(url)
    assert part(asked, "revoke-form")
    api_key.refresh_from_db()
    assert api_key.revoked_at is None, "opening the confirmation changes nothing"

    done = client.post(url, REMOTE_ADDR=IP, follow=True)

    api_key.refresh_from_db()
    assert api_key.revoked_at is not None and api_key.revoked_by == admin_a
    assert zh("revoked") in part(done, f"api-key-{api_key.prefix}").text
    assert any(str(api_key.name) in message for message in messages_on(done))
    event = AuditEvent.objects.get(action="update", object_id=str(api_key.pk))
    assert (event.actor, event.organization, event.ip_address) == (admin_a, org_a, IP)
    assert set(event.changes) == {"revoked_at", "revoked_by_id"}
    assert with_key(full_key).get(reverse("organization-list")).status_code == 401


def test_revoking_twice_changes_nothing_the_second_time(admin_a, org_a, secretariat):
    api_key, _key = make_key(org_a, admin_a)
    first = services.api_key_revoke(api_key=api_key, actor=admin_a)

    again = services.api_key_revoke(api_key=api_key, actor=secretariat)

    assert (again.revoked_at, again.revoked_by) == (first.revoked_at, admin_a)
    assert AuditEvent.objects.filter(action="update", object_id=str(api_key.pk)).count() == 1


def test_another_organisations_administrator_cannot_revoke_a_key(admin_a, admin_b, org_a):
    api_key, _key = make_key(org_a, admin_a)

    response = client_for(admin_b).post(reverse("members:api_key_revoke", args=[api_key.pk]))

    assert response.status_code == 404
    api_key.refresh_from_db()
    assert api_key.revoked_at is None


def test_the_secretariat_revokes_keys_in_the_admin_console(admin_a, org_a, secretariat):
    api_key, _key = make_key(org_a, admin_a)
    client = client_for(secretariat)

    listing = client.get(reverse("admin:members_apikey_changelist"))
    assert api_key.prefix in listing.content.decode()
    assert api_key.key_hash not in listing.content.decode()
    detail = client.get(reverse("admin:members_apikey_change", args=[api_key.pk]))
    assert api_key.key_hash not in detail.content.decode()

    client.post(
        reverse("admin:members_apikey_changelist"), {"action": "revoke", "_selected_action": [api_key.pk]}
    )

    api_key.refresh_from_db()
    assert api_key.revoked_by == secretariat


def test_a_deactivated_creator_does_not_stop_the_organisations_key(admin_a, org_a, secretariat):
    _api_key, full_key = make_key(org_a, admin_a)

    services.user_deactivate(user=admin_a, actor=secretariat)

    assert with_key(full_key).get(reverse("organization-list")).status_code == 200
