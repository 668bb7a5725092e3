"""Picking a code by typing its code or name: the suggestions of a long list are written once
per page however many rows use them, what was typed resolves without script, an unknown entry
is refused with a message and an ambiguous name asks for the code."""

import re

import pytest
from django import forms
from django.urls import reverse

from core.widgets import one_page
from reference.forms import MajorField, OccupationField, SkillField
from reference.importing import skills_import
from reference.models import Major, Skill

pytestmark = pytest.mark.django_db


def _datalists(html: str) -> list[str]:
    return re.findall(r'<datalist id="([^"]+)">', html)


def _inputs(html: str, name: str) -> list[str]:
    return re.findall(rf'<input[^>]+name="{name}"[^>]*>', html)


@pytest.mark.urls("reference.tests.urls")
def test_a_formset_of_ten_skill_rows_carries_the_list_of_skills_once(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):  # the skills, the majors, and nothing per row
        html = client.get(reverse("skill_rows")).content.decode()
    skill_inputs = [tag for i in range(10) for tag in _inputs(html, f"form-{i}-skill")]
    assert len(skill_inputs) == 10
    list_ids = {re.search(r'list="([^"]+)"', tag)[1] for tag in skill_inputs}
    assert len(list_ids) == 1 and list_ids.pop().startswith("reference-skill-")
    assert len(_datalists(html)) == 2, "one list of skills and one of majors"
    assert html.count('<option value="S0101 Java 编程">') == 1
    assert html.count('<option value="510203 软件技术">') == 1
    assert 'value="46 ' not in html, "the majors' list holds majors only, as the field's queryset says"
    # Every field points to a list the page holds.
    for tag in [*skill_inputs, *(tag for i in range(10) for tag in _inputs(html, f"form-{i}-major"))]:
        assert re.search(r'list="([^"]+)"', tag)[1] in _datalists(html)
    # The next page has its own list again.
    assert _datalists(client.get(reverse("skill_rows")).content.decode()) == _datalists(html)


@pytest.mark.urls("reference.tests.urls")
def test_typed_rows_resolve_without_script_and_a_bad_row_says_what_to_type(client):
    data = {"form-TOTAL_FORMS": "10", "form-INITIAL_FORMS": "0",
            "form-0-skill": "S0101", "form-1-skill": "  plc 编程 ".replace("plc", "PLC"),
            "form-2-skill": "s0601 机械识图", "form-3-skill": "Industrial robot programming"}
    response = client.post(reverse("skill_rows"), data)
    assert response.content.decode() == "S0101,S0504,S0601,S0702"

    refused = client.post(reverse("skill_rows"), {**data, "form-4-skill": "S9999 不存在的技能"})
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "“S9999 不存在的技能”不在列表中" in html
    assert 'value="S9999 不存在的技能"' in html, "what was typed is kept"
    assert len(_datalists(html)) == 2


@pytest.mark.parametrize("typed", ["S0101", "s0101", "S0101 Java 编程", "S0101 java programming", "Java 编程",
                                   "java PROGRAMMING", "  S0101   Java 编程  "])
def test_a_skill_is_found_by_its_code_or_name(typed):
    assert SkillField().clean(typed) == Skill.objects.get(code="S0101")


@pytest.mark.parametrize("typed", ["S9999", "Java", "S0101 Python 编程", "0101"])
def test_an_unknown_entry_is_refused_with_what_to_type(typed):
    with pytest.raises(forms.ValidationError) as error:
        SkillField().clean(typed)
    assert error.value.code == "invalid_choice"
    assert "请输入代码或名称" in str(error.value.messages[0])


def test_a_name_several_entries_share_asks_for_the_code():
    with pytest.raises(forms.ValidationError) as error:
        MajorField().clean("电子商务")
    message = error.value.messages[0]
    assert error.value.code == "ambiguous"
    assert all(code in message for code in ("330701", "530701", "730701")) and "请输入您要选择的那一项的代码" in message
    assert MajorField().clean("730701") == Major.objects.get(code="730701")
    assert MajorField(queryset=Major.objects.filter(education_level=1)).clean("电子商务").code == "730701"
    with pytest.raises(forms.ValidationError, match="2-06-03"):
        OccupationField().clean("会计专业人员")


def test_a_form_shows_the_chosen_entry_as_code_and_name():
    class Posting(forms.Form):
        skill = SkillField()

    html = str(Posting(initial={"skill": "S0101"})["skill"])
    assert 'value="S0101 Java 编程"' in html


def test_outside_a_request_each_form_writes_its_list_and_one_page_writes_it_once():
    class Row(forms.Form):
        skill = SkillField()

    rows = [Row(prefix=str(i)) for i in range(3)]
    assert sum(len(_datalists(str(row))) for row in rows) == 3
    with one_page():
        assert sum(len(_datalists(str(row))) for row in rows) == 1
    assert len(_datalists(str(rows[0]))) == 1


def test_fields_share_a_list_only_when_they_offer_the_same_entries():
    class Both(forms.Form):
        any_major = MajorField()
        secondary = MajorField(queryset=Major.objects.filter(education_level=1))
        also_any = MajorField()

    with one_page():
        html = str(Both())
    ids = [re.search(r'list="([^"]+)"', tag)[1] for name in ("any_major", "secondary", "also_any")
           for tag in _inputs(html, name)]
    assert ids[0] == ids[2] != ids[1]
    assert sorted(_datalists(html)) == sorted({ids[0], ids[1]})


@pytest.mark.urls("reference.tests.urls")
def test_the_full_vocabulary_of_two_thousand_skills_stays_one_list(client, tmp_path, django_assert_max_num_queries):
    source = tmp_path / "skills.csv"
    source.write_text("code,name_zh,name_en,family\n" + "".join(
        f"S9{n:04d},测试技能{n},Test skill {n},测试\n" for n in range(2000)), encoding="utf-8")
    skills_import(Skill=Skill, path=source)
    with django_assert_max_num_queries(4):
        html = client.get(reverse("skill_rows")).content.decode()
    assert html.count("<option ") == Skill.objects.count() + Major.objects.filter(level=Major.Level.MAJOR).count()
    assert len(html.encode()) < 200_000


def test_rows_showing_chosen_entries_read_the_list_once_per_page(django_assert_max_num_queries):
    from reference.tests.urls import SkillRows

    skills = list(Skill.objects.order_by("code")[:10])
    initial = [{"skill": skill.code if n % 2 else skill.pk} for n, skill in enumerate(skills)]
    with one_page(), django_assert_max_num_queries(4):
        html = str(SkillRows(initial=initial))
    for skill in skills:
        assert f'value="{skill.code} {skill.name_zh}"' in html
    assert len(_datalists(html)) == 2
