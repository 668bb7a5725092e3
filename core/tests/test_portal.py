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
    assert portal.url_mounts() == [("members/", "members.urls"), ("log/", "transparency.urls"),
                                   ("talent/", "talent_matching.urls"), ("credentials/", "credentials.urls"),
                                   ("training/", "training.urls"), ("governance/", "consortium.governance.urls")]
    assert reverse("members:organization_list") == "/members/organizations/"
    assert reverse("training:home") == "/training/"


def test_the_menu_collects_every_apps_entries_in_order():
    names = [entry.url_name for entry in portal.menu_entries()]

    assert names.index("home") < names.index("members:organization_list") < names.index("audit_list")
    assert {"members:application_list", "audit_list", "about", "members:join"} <= set(names)


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


def test_a_panel_s_link_to_a_page_the_menu_hides_from_this_person_is_left_out(student, secretariat):
    section = portal.Section("Work", "text", [("Applications", "members:application_list"), ("Home", "home")])
    panels = [portal.HomePanel(lambda user: [section])]

    assert [url for _label, url in portal.resolved_sections(student, panels)[0].links] == [reverse("home")]
    assert [url for _label, url in portal.resolved_sections(secretariat, panels)[0].links] == [
        reverse("members:application_list"), reverse("home"),
    ]


def test_a_research_institutes_engineer_is_offered_their_institute_and_account():
    institute = OrganizationFactory(kind=OrganizationKind.RESEARCH_INSTITUTE, industry_id="M73")
    engineer = person(institute, Role.ENGINEER)

    links = home_links(engineer)

    assert institute.get_absolute_url() in links and reverse("members:account") in links
