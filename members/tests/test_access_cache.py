"""A signed-in person's account and access profile are read from the cache between requests;
every change to their roles, their account or an organisation reaches the very next request.

Requests run inside the test's transaction, whose commit never comes: the cache is filled by
on-commit callbacks, so each request here runs them as a real commit would."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members import services
from members.demo import credit_code
from members.models import Membership, OrganizationStatus, Role
from members.tests.factories import person
from reference.models import Region
from tests.fixtures import client_for

pytestmark = pytest.mark.django_db

# A page of an organisation one no longer belongs to answers 404 (it is not theirs to know
# of); one they still belong to but may no longer manage answers 403.
REFUSED = (403, 404)


@pytest.fixture
def get(django_capture_on_commit_callbacks):
    def get(client, url):
        with django_capture_on_commit_callbacks(execute=True):
            return client.get(url)

    return get


def people_link_in_menu(page, organization) -> bool:
    return reverse("members:people", args=[organization.pk]) in page.content.decode()


def test_a_signed_in_request_costs_no_query_once_the_person_is_cached(get, member_a):
    client = client_for(member_a)
    url = reverse("healthz_session")
    get(client, url)
    with CaptureQueriesContext(connection) as captured:
        assert get(client, url).status_code == 200
    # The request's own transaction (a savepoint inside the test's) is all that reaches the database.
    reads = [q["sql"] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert reads == []


def test_an_ended_role_is_refused_on_the_next_request(get, admin_a, org_a):
    other_admin = person(org_a, Role.ORG_ADMIN, username="admin_a2")
    client, people = client_for(other_admin), reverse("members:people", args=[org_a.pk])
    assert get(client, people).status_code == 200
    home = get(client, reverse("home"))
    assert people_link_in_menu(home, org_a)

    services.membership_end(membership=Membership.objects.get(user=other_admin, role=Role.ORG_ADMIN), actor=admin_a)

    assert get(client, people).status_code in REFUSED
    assert not people_link_in_menu(get(client, reverse("home")), org_a)


def test_a_granted_role_opens_its_pages_on_the_next_request(get, admin_a, member_a, org_a):
    client, people = client_for(member_a), reverse("members:people", args=[org_a.pk])
    assert not people_link_in_menu(get(client, reverse("home")), org_a)
    assert get(client, people).status_code in REFUSED

    services.membership_grant(actor=admin_a, user=member_a, organization=org_a, role=Role.ORG_ADMIN)

    assert get(client, people).status_code == 200
    assert people_link_in_menu(get(client, reverse("home")), org_a)


def test_a_suspended_organisation_loses_its_pages_on_the_next_request(get, admin_a, org_a, secretariat):
    client, people = client_for(admin_a), reverse("members:people", args=[org_a.pk])
    assert get(client, people).status_code == 200

    services.organization_set_status(organization=org_a, actor=secretariat, status=OrganizationStatus.SUSPENDED)

    assert get(client, people).status_code in REFUSED
    assert not people_link_in_menu(get(client, reverse("home")), org_a)


def test_a_deactivated_person_is_signed_out_on_the_next_request(get, member_a, secretariat):
    client = client_for(member_a)
    account = get(client, reverse("members:account"))
    assert account.status_code == 200

    services.user_deactivate(user=member_a, actor=secretariat)

    after = get(client, reverse("members:account"))
    assert after.status_code == 302 and after["Location"].startswith(reverse("login"))


def test_a_changed_password_signs_out_other_sessions(get, member_a):
    client = client_for(member_a)
    assert get(client, reverse("members:account")).status_code == 200

    member_a.set_password("Another-Strong-Passw0rd")
    member_a.save()

    assert get(client, reverse("members:account")).status_code == 302


def test_the_menu_shows_the_name_a_person_just_saved(get, member_a):
    client = client_for(member_a)
    get(client, reverse("home"))

    services.profile_update(user=member_a, full_name="改名后的人", email=member_a.email, phone="")

    assert "改名后的人" in get(client, reverse("home")).content.decode()


# --- pages kept per viewer ----------------------------------------------------------------------

DIRECTORY_URL = reverse("members:organization_list")


def test_a_signed_in_persons_directory_is_served_again_without_the_database(get, member_a, org_a):
    client = client_for(member_a)
    get(client, DIRECTORY_URL)
    with CaptureQueriesContext(connection) as captured:
        page = get(client, DIRECTORY_URL)
    assert [q["sql"] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]] == []
    assert org_a.name_zh in page.content.decode() and member_a.display_name in page.content.decode()


def test_a_page_served_again_carries_a_fresh_csrf_token_that_signs_out(get, member_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member_a)
    first, second = get(client, DIRECTORY_URL), get(client, DIRECTORY_URL)
    tokens = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
              for page in (first, second)]
    assert tokens[0] != tokens[1]

    signed_out = client.post(reverse("logout"), {"csrfmiddlewaretoken": tokens[1]})

    assert signed_out.status_code == 302
    assert get(client, reverse("members:account")).status_code == 302


def test_the_kept_directory_follows_the_viewers_roles(get, member_a, org_a, secretariat, government):
    client = client_for(member_a)
    applications = reverse("members:application_list")
    assert applications not in get(client, DIRECTORY_URL).content.decode()

    colleague = person(government, Role.OFFICER, username="new_staff")
    services.secretariat_appoint(actor=secretariat, user=colleague, organization=government)
    staff = client_for(colleague)
    assert applications in get(staff, DIRECTORY_URL).content.decode()

    services.membership_end(membership=Membership.objects.get(user=colleague, role=Role.SECRETARIAT), actor=secretariat)
    assert applications not in get(staff, DIRECTORY_URL).content.decode()


def test_the_kept_directory_shows_a_new_member_at_once(get, member_a, secretariat):
    client = client_for(member_a)
    get(client, DIRECTORY_URL)

    services.organization_create(
        actor=secretariat, kind="enterprise", name_zh="新加入的科技有限公司", credit_code=credit_code("320411", 777001),
        region=Region.objects.get(code="320411"), contact_name="钱", contact_phone="0519-1", contact_email="q@example.cn",
    )

    assert "新加入的科技有限公司" in get(client, DIRECTORY_URL).content.decode()


def test_a_pending_message_is_shown_not_a_kept_page(get, admin_a, org_a, member_a):
    client = client_for(admin_a)
    get(client, DIRECTORY_URL)
    removed = Membership.objects.get(user=member_a, organization=org_a)

    assert client.post(reverse("members:membership_end", args=[removed.pk])).status_code == 302

    page = get(client, DIRECTORY_URL)
    assert page.context is not None, "rendered afresh, not served from the cache"
    assert 'role="alert"' in page.content.decode()
    assert 'role="alert"' not in get(client, DIRECTORY_URL).content.decode(), "a message is shown once"
