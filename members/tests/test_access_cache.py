"""A signed-in person's account and access profile are read from the cache between requests;
every change to their roles, their account or an organisation reaches the very next request.

Requests run inside the test's transaction, whose commit never comes: the cache is filled by
on-commit callbacks, so each request here runs them as a real commit would."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members import services
from members.models import Membership, OrganizationStatus, Role
from members.tests.factories import person
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
