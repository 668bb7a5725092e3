"""Apps plug into the site through their own portal.py: menu entries, home panels, API
routes, periodic tasks and URL prefixes are collected, and the home page never offers a
link the menu hides."""

import pytest
from django.urls import reverse

from consortium.celery import app as celery_app
from core import portal
from members.models import OrganizationKind, Role
from members.tests.factories import OrganizationFactory, person
from tests.fixtures import client_for
from tests.pages import part

pytestmark = pytest.mark.django_db


def home_links(user):
    return part(client_for(user).get(reverse("home")), "home-sections").links


def test_every_app_area_is_mounted_at_the_prefix_its_portal_declares():
    assert reverse("talent_matching:index") == "/talent/"
    assert reverse("training:index") == "/training/"
    assert reverse("credentials:index") == "/credentials/"
    assert reverse("members:organization_list") == "/members/organizations/"


def test_the_menu_collects_every_apps_entries_in_order():
    names = [entry.url_name for entry in portal.menu_entries()]

    assert names.index("home") < names.index("members:organization_list") < names.index("talent_matching:index")
    assert {"training:index", "credentials:index", "members:application_list", "audit_list"} <= set(names)


def test_the_api_router_serves_every_apps_routes(secretariat):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(secretariat)
    root = api.get("/api/v1/").json()

    assert {route.prefix for route in portal.api_routes()} <= set(root)


def test_celery_beat_runs_every_apps_periodic_tasks():
    schedule = celery_app.conf.beat_schedule

    assert schedule["remind-open-invitations"]["task"] == "members.tasks.invitation_reminders_task"
    assert set(schedule) == {task.name for task in portal.periodic_tasks()}


def test_a_research_institutes_engineer_is_not_offered_talent_or_training_links_that_would_refuse_them():
    institute = OrganizationFactory(kind=OrganizationKind.RESEARCH_INSTITUTE, industry_id="M73")
    engineer = person(institute, Role.ENGINEER)

    links = home_links(engineer)
    menu = part(client_for(engineer).get(reverse("home")), "nav").links

    assert reverse("talent_matching:index") not in links and reverse("training:index") not in links
    assert reverse("talent_matching:index") not in menu and reverse("training:index") not in menu
    assert client_for(engineer).get(reverse("training:index")).status_code == 403


def test_an_enterprise_engineer_is_offered_the_talent_platform_and_training(org_a):
    engineer = person(org_a, Role.ENGINEER)

    links = home_links(engineer)

    assert reverse("talent_matching:index") in links and reverse("training:index") in links
