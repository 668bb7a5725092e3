"""信息公开: the public pages show what is marked public and nothing else, without signing in."""

import pytest
from django.urls import reverse

from consortium.governance.tests.disclosure_support import resolution

pytestmark = pytest.mark.django_db


def test_a_visitor_reads_public_resolutions_and_never_the_others(client):
    shown = resolution(1, public=True, title="关于成立智能制造产业学院的决议")
    hidden = resolution(2, public=False, title="关于内部人事安排的决议")
    home = client.get(reverse("governance:public_home")).content.decode()
    assert shown.number in home and shown.title in home
    assert hidden.number not in home and hidden.title not in home
    listing = client.get(reverse("governance:public_resolutions")).content.decode()
    assert shown.title in listing and hidden.title not in listing
    assert client.get(reverse("governance:public_resolution", args=[hidden.number])).status_code == 404
    page = client.get(reverse("governance:public_resolution", args=[shown.number])).content.decode()
    assert "关于成立智能制造产业学院的决议" in page and "赞成 4，反对 1，弃权 0（按席位权重）" in page


def test_marking_a_resolution_public_shows_it_at_once_despite_the_page_cache(client):
    hidden = resolution(3, public=False, title="关于共建实训基地的决议")
    assert hidden.title not in client.get(reverse("governance:public_resolutions")).content.decode()
    hidden.is_public = True
    hidden.save()
    assert hidden.title in client.get(reverse("governance:public_resolutions")).content.decode()


def test_the_public_list_searches_filters_and_pages_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for n in range(1, 41):
        resolution(n, public=True, title=f"公开决议{n:02d}", year=2025 if n % 2 else 2026)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("governance:public_resolutions"), {"year": 2025, "q": "公开决议"})
    body = response.content.decode()
    assert "公开决议01" in body and "公开决议02" not in body
    assert "共 20 项决议" in body
    first = client.get(reverse("governance:public_resolutions")).content.decode()
    second = client.get(reverse("governance:public_resolutions"), {"page": 2}).content.decode()
    assert "公开决议40" in first and "公开决议40" not in second and "公开决议01" in second
