import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from reference.models import Industry, Region

pytestmark = pytest.mark.django_db


def test_shipped_regions_have_three_levels_with_six_digit_codes():
    changzhou = Region.objects.get(code="320400")
    assert changzhou.name == "常州市" and changzhou.level == Region.Level.CITY
    assert changzhou.parent.code == "320000"
    assert Region.objects.get(code="320411").parent == changzhou
    assert Region.objects.filter(level=Region.Level.COUNTY).count() > 2800


def test_industry_import_adds_and_updates_from_csv(tmp_path):
    source = tmp_path / "industries.csv"
    source.write_text("code,name_zh,name_en\nC,制造业,Manufacturing\nC31,黑色金属冶炼和压延加工业,Ferrous metal smelting\n",
                      encoding="utf-8")
    call_command("import_reference", "industries", str(source))
    added = Industry.objects.get(code="C31")
    assert added.parent.code == "C" and added.name_zh == "黑色金属冶炼和压延加工业"


def test_a_malformed_industry_file_imports_nothing(tmp_path):
    source = tmp_path / "industries.csv"
    source.write_text("code,name_zh,name_en\nC32,有色金属冶炼和压延加工业,Non-ferrous\nX9999999,坏,Bad\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_reference", "industries", str(source))
    assert "line 3" in str(error.value)
    assert not Industry.objects.filter(code="C32").exists()


def test_an_industry_with_an_unknown_parent_is_refused(tmp_path):
    source = tmp_path / "industries.csv"
    source.write_text("code,name_zh,name_en\nC3911,未知,Unknown\n", encoding="utf-8")
    with pytest.raises(CommandError, match="unknown parent C391"):
        call_command("import_reference", "industries", str(source))
