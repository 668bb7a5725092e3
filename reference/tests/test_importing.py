"""Importing full reference lists from CSV: a good file adds and updates and says how many; a
file with any bad row imports nothing and reports every bad row with its line and reason."""

import pytest
from django.db.models import F
from django.core.management import call_command
from django.core.management.base import CommandError

from reference.importing import DATA_DIR, ReferenceImportError, ensure_loaded, skills_import
from reference.models import EducationLevel, Major, Occupation, Skill

pytestmark = pytest.mark.django_db


def _csv(tmp_path, text, name="list.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _import(kind, path):
    from io import StringIO

    out = StringIO()
    call_command("import_reference", kind, str(path), stdout=out)
    return out.getvalue()


def _refused(kind, path) -> str:
    with pytest.raises(CommandError) as error:
        _import(kind, path)
    assert error.value.returncode == 1
    return str(error.value)


def test_the_shipped_lists_are_loaded_with_levels_families_and_parents():
    ensure_loaded()
    software = Occupation.objects.get(code="2-02-10-03")
    assert software.name_zh == "计算机软件工程技术人员" and software.level == Occupation.Level.OCCUPATION
    assert [software.parent.code, software.parent.parent.code, software.parent.parent.parent.code] == ["2-02-10", "2-02", "2"]
    assert Skill.objects.get(code="S0104").family == "软件开发"
    assert Skill.objects.count() >= 150 and Skill.objects.values("family").distinct().count() >= 8
    secondary = Major.objects.get(code="710201")
    assert secondary.education_level == EducationLevel.SECONDARY and secondary.family_code == "51"
    assert secondary.parent.name_zh == "计算机类" and secondary.parent.parent.code == "71"
    bachelor = Major.objects.get(code="310203")
    assert bachelor.education_level == EducationLevel.BACHELOR and bachelor.family_code == "51"
    for level in EducationLevel.values:
        assert Major.objects.filter(education_level=level, level=Major.Level.MAJOR).count() >= 8
    # Every family numbers its classes within its own range, at each level.
    assert not Major.objects.exclude(parent=None).exclude(parent__family_code=F("family_code")).exists()
    assert not Major.objects.exclude(parent=None).exclude(parent__education_level=F("education_level")).exists()


def test_occupations_are_added_and_updated_with_a_count(tmp_path):
    ensure_loaded()
    source = _csv(tmp_path, "code,name_zh,name_en\n"
                            "2-02-10-03,计算机软件工程技术人员,Software engineers\n"   # English name changed
                            "6-31-01-03,电工,Electricians\n"                         # as shipped
                            "6-31-01-99,其他机械设备修理人员,Other repairers\n"        # new, under a shipped group
                            "6-23,铁路、船舶、航空设备制造人员,Railway ship and aircraft equipment makers\n"
                            "6-23-01,轨道交通运输设备制造人员,Rail transit equipment makers\n")
    output = _import("occupations", source)
    assert "3 added, 1 updated, 1 unchanged" in output
    assert Occupation.objects.get(code="2-02-10-03").name_en == "Software engineers"
    added = Occupation.objects.get(code="6-23-01")
    assert added.level == Occupation.Level.MINOR_GROUP and added.parent.code == "6-23"
    assert added.parent.parent.code == "6"


def test_skills_are_added_and_updated(tmp_path):
    ensure_loaded()
    source = _csv(tmp_path, "code,name_zh,name_en,family\nS0101,Java 编程,Java,软件开发\ns9901,焊接机器人编程,"
                            "Welding robot programming,工业机器人\n")
    assert "1 added, 1 updated, 0 unchanged" in _import("skills", source)
    assert Skill.objects.get(code="S9901").family == "工业机器人"
    assert Skill.objects.get(code="S0101").name_en == "Java"


def test_majors_of_each_level_are_added_with_family_and_level(tmp_path):
    ensure_loaded()
    source = _csv(tmp_path, "code,name_zh,name_en\n"
                            "710299,计算机测试专业,Test major\n"      # under a shipped 中职 class
                            "2604,测试类,Test class\n")              # under a shipped 职教本科 family
    output = _import("majors", source)
    assert "2 added" in output
    added = Major.objects.get(code="710299")
    assert added.education_level == EducationLevel.SECONDARY and added.family_code == "51"
    assert added.level == Major.Level.MAJOR
    assert Major.objects.get(code="2604").education_level == EducationLevel.BACHELOR


def test_a_bad_occupation_file_reports_every_bad_row_and_imports_nothing(tmp_path):
    ensure_loaded()
    before = Occupation.objects.count()
    source = _csv(tmp_path, "code,name_zh,name_en\n"
                            "6-23,铁路、船舶、航空设备制造人员,Railway equipment makers\n"  # good
                            "2-2-10,坏代码,Bad code\n"                                     # line 3
                            "9-01,不存在的大类,No such major group\n"                       # line 4
                            "6-23-01,,No Chinese name\n"                                  # line 5
                            "6-23,重复,Duplicate\n"                                        # line 6
                            "6-24-01-01,上级不存在,Unknown parent\n"                       # line 7
                            ",无代码,No code\n")                                             # line 8
    message = _refused("occupations", source)
    assert "6 bad rows" in message
    assert "line 8: missing code" in message
    assert "line 3: bad code “2-2-10”" in message
    assert "line 4: bad code “9-01”" in message
    assert "line 5: missing Chinese name" in message
    assert "line 6: duplicate code 6-23 (first on line 2)" in message
    assert "line 7: unknown parent 6-24-01 of 6-24-01-01" in message
    assert "line 2" not in message.replace("first on line 2", "")
    assert Occupation.objects.count() == before and not Occupation.objects.filter(code="6-23").exists()


def test_a_bad_skill_file_imports_nothing(tmp_path):
    ensure_loaded()
    source = _csv(tmp_path, "code,name_zh,name_en,family\nS9901,焊接机器人编程,Welding,工业机器人\n"
                            "S-1,坏,Bad,工业机器人\nS9902,无族,No family,\n")
    message = _refused("skills", source)
    assert "line 3: bad code “S-1”" in message and "line 4: missing family" in message
    assert not Skill.objects.filter(code="S9901").exists()


def test_a_bad_major_file_names_codes_outside_the_catalogue_and_unknown_classes(tmp_path):
    source = _csv(tmp_path, "code,name_zh,name_en\n990101,坏,Bad\n469901,无上级,No class\n46,装备制造大类,Equipment\n"
                            "46,装备制造大类,Equipment\n")
    message = _refused("majors", source)
    assert "line 2: bad code “990101”" in message
    assert "line 3: unknown parent 4699 of 469901" in message
    assert "line 5: duplicate code 46 (first on line 4)" in message


def test_a_file_without_the_columns_or_not_in_utf8_is_refused(tmp_path):
    assert "line 1: missing columns family" in _refused("skills", _csv(tmp_path, "code,name_zh,name_en\nS9901,a,b\n"))
    gbk = _csv(tmp_path, "code,name_zh,name_en\n2-02,工程技术人员,Engineers\n", name="gbk.csv", encoding="gbk")
    assert "not UTF-8" in _refused("occupations", gbk)


def test_a_missing_file_or_a_file_for_regions_is_refused(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        _import("skills", tmp_path / "absent.csv")
    with pytest.raises(CommandError, match="must be a folder"):
        _import("regions", _csv(tmp_path, "code,name\n"))


def test_the_importer_raises_with_every_problem_for_callers_in_code(tmp_path):
    source = _csv(tmp_path, "code,name_zh,name_en,family\nBAD,坏,Bad,x\nS9901,,x,y\n")
    with pytest.raises(ReferenceImportError) as error:
        skills_import(Skill=Skill, path=source)
    assert [(problem.line, problem.reason.split(" ")[0]) for problem in error.value.problems] == [(2, "bad"), (3, "missing")]


def test_the_shipped_files_import_cleanly_again():
    ensure_loaded()
    for kind, name in [("majors", "majors.csv"), ("occupations", "occupations.csv"), ("skills", "skills.csv"),
                       ("industries", "industries.csv")]:
        assert "0 added, 0 updated" in _import(kind, DATA_DIR / name)
    assert "0 added, 0 updated" in _import("regions", DATA_DIR)


def test_ensure_loaded_brings_back_shipped_entries_a_database_lacks():
    ensure_loaded()
    Skill.objects.filter(code__startswith="S10").delete()
    Occupation.objects.filter(code="6-31-01-10").delete()
    ensure_loaded()
    assert Skill.objects.filter(code="S1001", name_zh="团队协作").exists()
    assert Occupation.objects.get(code="6-31-01-10").parent.code == "6-31-01"
