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


def test_public_minutes_and_projects_show_only_what_is_marked_public(client, org_a):
    from decimal import Decimal

    from consortium.governance.models import Expense
    from consortium.governance.tests.disclosure_support import minutes_version, project

    shown, hidden = minutes_version(public=True), minutes_version(public=False)
    listing = client.get(reverse("governance:public_minutes")).content.decode()
    assert "公开纪要测试会议" in listing and "内部纪要测试会议" not in listing
    assert "公开纪要测试会议纪要正文" in client.get(
        reverse("governance:public_minutes_detail", args=[shown.pk])).content.decode()
    assert client.get(reverse("governance:public_minutes_detail", args=[hidden.pk])).status_code == 404

    public, internal = project(public=True), project(public=False)
    Expense.objects.create(line=public.budget_lines.get(), amount=Decimal("25000"), spent_on="2026-05-01",
                           description="购置数控机床")
    home = client.get(reverse("governance:public_home")).content.decode()
    assert "公开测试项目" in home and "内部测试项目" not in home
    page = client.get(reverse("governance:public_project", args=[public.pk])).content.decode()
    assert "设备购置" in page and "25,000.00" in page and "25.0%" in page
    assert client.get(reverse("governance:public_project", args=[internal.pk])).status_code == 404
