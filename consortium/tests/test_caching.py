"""Public pages are served to visitors from the cache, and never stale or personal."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members import services
from tests.fixtures import client_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_gets_the_directory_from_the_cache_without_queries(org_a):
    directory = reverse("members:organization_list")
    first = client_for().get(directory)
    with CaptureQueriesContext(connection) as queries:
        again = client_for().get(directory)
    assert again.status_code == 200 and len(queries) == 0
    assert again.content == first.content
    assert "Cookie" in again["Vary"]


def test_a_change_to_an_organisation_shows_at_once(org_a, admin_a):
    directory = reverse("members:organization_list")
    assert "甲企业有限公司" in client_for().get(directory).content.decode()
    services.organization_update(organization=org_a, actor=admin_a, name_en="Renamed Enterprise A")
    client = client_for()
    client.cookies["django_language"] = "en"
    assert "Renamed Enterprise A" in client.get(directory).content.decode()


def test_each_language_has_its_own_cached_page(org_a):
    directory = reverse("members:organization_list")
    chinese = client_for().get(directory).content.decode()
    english_client = client_for()
    english_client.cookies["django_language"] = "en"
    english = english_client.get(directory).content.decode()
    assert '<html lang="zh-hans">' in chinese and '<html lang="en">' in english


def test_signed_in_people_never_get_a_visitors_page(org_a, admin_a):
    client_for().get(reverse("members:organization_detail", args=[org_a.pk]))
    page = client_for(admin_a).get(reverse("members:organization_detail", args=[org_a.pk])).content.decode()
    assert org_a.contact_email in page, "the organisation's own administrator sees its contacts"
    assert org_a.contact_email not in client_for().get(
        reverse("members:organization_detail", args=[org_a.pk])
    ).content.decode()
