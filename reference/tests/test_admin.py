"""The console's read-only pages of the reference lists: majors with their education level and
family, occupations and skills, searched by code or name and filtered."""

import pytest
from django.urls import reverse

from reference.models import Major, Occupation, Skill
from tests.fixtures import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["major", "occupation", "skill"])
def test_the_secretariat_reads_each_list_and_cannot_change_it(secretariat, name, django_assert_max_num_queries):
    client = client_for(secretariat)
    with django_assert_max_num_queries(15):
        listing = client.get(reverse(f"admin:reference_{name}_changelist"))
    assert listing.status_code == 200
    model = {"major": Major, "occupation": Occupation, "skill": Skill}[name]
    assert client.get(reverse(f"admin:reference_{name}_change", args=[model.objects.first().pk])).status_code == 200
    assert client.get(reverse(f"admin:reference_{name}_add")).status_code == 403


def test_majors_show_their_education_level_and_family_and_filter_by_them(secretariat):
    client = client_for(secretariat)
    url = reverse("admin:reference_major_changelist")
    html = client.get(url, {"family": "51", "education_level": "1"}, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "710201" in html and "计算机应用" in html
    assert "510203" not in html, "a 高职专科 major is not 中职"
    assert "460301" not in html, "装备制造 is another family"
    assert "51 电子与信息大类" in html
    found = client.get(url, {"q": "软件技术"}).content.decode()
    assert "510203" in found and "710201" not in found


def test_occupations_are_searched_by_code_or_name_and_filtered_by_level_and_group(secretariat):
    client = client_for(secretariat)
    url = reverse("admin:reference_occupation_changelist")
    by_code = client.get(url, {"q": "2-02-10-03"}).content.decode()
    assert "计算机软件工程技术人员" in by_code
    occupations = client.get(url, {"level": "4", "group": "6"}).content.decode()
    assert "6-31-01-03" in occupations and "2-02-10-03" not in occupations and ">6-31-01<" not in occupations


def test_skills_are_filtered_by_family(secretariat):
    client = client_for(secretariat)
    html = client.get(reverse("admin:reference_skill_changelist"), {"family": "电气控制"}).content.decode()
    assert "PLC 编程" in html and "Java 编程" not in html
