"""Loading the national reference lists from CSV files (the shipped subsets or full lists).

Every import reads the whole file first and checks every row: a bad code, a missing name, a
code given twice, a parent that is neither in the file nor already loaded. If any row is bad,
nothing is written and ``ReferenceImportError.problems`` lists them all, each with its file and
line. A good file is written in one transaction, parents before children, in bulk; the
``ImportReport`` says how many entries were added, updated and left as they were.

The importers take the model as an argument so that migrations can call them with the
historical model; fields the model does not have yet are left out."""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Problem:
    """One bad row: the file, its line (1 is the header) and what is wrong with it."""

    file: str
    line: int
    reason: str

    def __str__(self):
        return f"{self.file} line {self.line}: {self.reason}"


class ReferenceImportError(ValueError):
    """A reference file is malformed: ``problems`` lists every bad row, and nothing was imported."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass
class ImportReport:
    """What an import changed: entries added, updated (a name or parent changed) and unchanged."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged

    def __str__(self):
        return f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class _Entry:
    line: int
    file: str
    code: str
    values: dict
    parent_code: str | None
    depth: int


def _read(path: Path, required: set[str], problems: list[Problem]):
    """The rows of a CSV file as (line, row) with stripped values; a missing column or an
    undecodable file is one problem for the whole file."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = required - set(reader.fieldnames or [])
            if missing:
                problems.append(Problem(path.name, 1, f"missing columns {', '.join(sorted(missing))}"))
                return []
            return [
                (line, {key: (value or "").strip() for key, value in row.items() if key is not None})
                for line, row in enumerate(reader, start=2)
            ]
    except UnicodeDecodeError:
        problems.append(Problem(path.name, 1, "the file is not UTF-8 text"))
    except OSError as error:
        problems.append(Problem(path.name, 1, f"cannot be read ({error.strerror or error})"))
    return []


def _names(row: dict, problems: list[Problem], file: str, line: int, *, zh="name_zh", en="name_en",
           zh_max=100, en_max=150) -> dict | None:
    """The Chinese and English names of a row (English falls back to Chinese), or None with a
    problem when the Chinese name is missing or a name is too long."""
    name_zh, name_en = row.get(zh, ""), row.get(en, "") or row.get(zh, "")
    if not name_zh:
        problems.append(Problem(file, line, "missing Chinese name"))
        return None
    if len(name_zh) > zh_max or len(name_en) > en_max:
        problems.append(Problem(file, line, f"name too long (at most {zh_max} characters in Chinese, {en_max} in English)"))
        return None
    return {"name_zh": name_zh, "name_en": name_en}


def _missing_code(code: str, problems: list[Problem], file: str, line: int) -> bool:
    if code:
        return False
    problems.append(Problem(file, line, "missing code"))
    return True


def _check_tree(entries: list[_Entry], known: dict[str, int], problems: list[Problem]) -> None:
    """Duplicate codes in the file and parents neither in the file nor already loaded."""
    first_line: dict[str, _Entry] = {}
    for entry in entries:
        if entry.code in first_line:
            earlier = first_line[entry.code]
            where = f"line {earlier.line}" if earlier.file == entry.file else f"{earlier.file} line {earlier.line}"
            problems.append(Problem(entry.file, entry.line, f"duplicate code {entry.code} (first on {where})"))
        else:
            first_line[entry.code] = entry
    for entry in entries:
        if entry.parent_code and entry.parent_code not in first_line and entry.parent_code not in known:
            problems.append(Problem(entry.file, entry.line, f"unknown parent {entry.parent_code} of {entry.code}"))


def _write(Model, entries: list[_Entry], *, tree: bool = True) -> ImportReport:
    """Add new codes and update changed ones in bulk, parents before children."""
    fields = {f.name for f in Model._meta.concrete_fields}
    report = ImportReport()
    existing = {obj.code: obj for obj in Model.objects.all()}
    ids = {code: obj.pk for code, obj in existing.items()}
    for depth in sorted({entry.depth for entry in entries}):
        fresh, changed, changed_fields = [], [], set()
        for entry in (e for e in entries if e.depth == depth):
            values = {key: value for key, value in entry.values.items() if key in fields}
            if tree:
                values["parent_id"] = ids.get(entry.parent_code) if entry.parent_code else None
            current = existing.get(entry.code)
            if current is None:
                fresh.append(Model(code=entry.code, **values))
                continue
            differs = [key for key, value in values.items() if getattr(current, key) != value]
            if differs:
                for key in differs:
                    setattr(current, key, values[key])
                changed.append(current)
                changed_fields.update(key.removesuffix("_id") for key in differs)
            else:
                report.unchanged += 1
        if changed:
            Model.objects.bulk_update(changed, sorted(changed_fields), batch_size=1000)
        Model.objects.bulk_create(fresh, batch_size=1000)
        report.added += len(fresh)
        report.updated += len(changed)
        if tree:
            ids.update(Model.objects.filter(code__in=[obj.code for obj in fresh]).values_list("code", "pk"))
    return report


def _finish(Model, entries, problems, *, tree=True) -> ImportReport:
    if problems:
        files: dict[str, int] = {}
        for problem in problems:
            files.setdefault(problem.file, len(files))
        problems.sort(key=lambda problem: (files[problem.file], problem.line))
        raise ReferenceImportError(problems)
    return _write(Model, entries, tree=tree)


# --- regions (GB/T 2260) ---

REGION_FILES = [("provinces.csv", 1, None), ("cities.csv", 2, "provinceCode"), ("areas.csv", 3, "cityCode")]


@transaction.atomic
def regions_import(*, Region, directory: Path = DATA_DIR) -> ImportReport:
    """Load provinces.csv, cities.csv and areas.csv (NBS layout: code,name and the parent's
    provinceCode or cityCode; 2, 4 and 6-digit codes) as GB/T 2260 six-digit codes."""
    problems: list[Problem] = []
    entries: list[_Entry] = []
    cities: dict[str, _Entry] = {}
    for filename, level, parent_column in REGION_FILES:
        required = {"code", "name"} | ({parent_column} if parent_column else set())
        for line, row in _read(directory / filename, required, problems):
            raw = row["code"]
            if _missing_code(raw, problems, filename, line):
                continue
            if not raw.isdigit() or len(raw) not in (2 * level, 6):
                problems.append(Problem(filename, line, f"bad code “{raw}”: expected {2 * level} or 6 digits"))
                continue
            if not row["name"] or len(row["name"]) > 64:
                problems.append(Problem(filename, line, "missing name" if not row["name"] else "name too long"))
                continue
            parent = row[parent_column].ljust(6, "0") if parent_column else None
            if parent_column and not row[parent_column].isdigit():
                problems.append(Problem(filename, line, f"bad parent code “{row[parent_column]}”"))
                continue
            code = raw.ljust(6, "0")
            city = cities.get(code) if level == 3 else None
            if city is not None and parent == code:
                # A prefecture city without districts (东莞市, 中山市) is also listed as its own county:
                # one entry, picked as a county, under its province.
                city.values["level"] = level
                continue
            entry = _Entry(line, filename, code, {"name": row["name"], "level": level}, parent, level)
            if level == 2:
                cities[code] = entry
            entries.append(entry)
    _check_tree(entries, dict(Region.objects.values_list("code", "pk")), problems)
    return _finish(Region, entries, problems)


# --- industries (GB/T 4754-2017) ---

INDUSTRY_CODE = re.compile(r"[A-T](\d{2}|\d{3}|\d{4})?")


@transaction.atomic
def industries_import(*, Industry, path: Path = DATA_DIR / "industries.csv") -> ImportReport:
    """Load GB/T 4754 codes: code,name_zh,name_en — a section letter (C), a division (C34),
    a group (C341) or a class (C3411), each under the code one level up."""
    problems: list[Problem] = []
    entries: list[_Entry] = []
    for line, row in _read(path, {"code", "name_zh", "name_en"}, problems):
        code = row["code"].upper()
        if _missing_code(code, problems, path.name, line):
            continue
        if not INDUSTRY_CODE.fullmatch(code):
            problems.append(Problem(path.name, line, f"bad code “{row['code']}”: expected a section letter A–T, "
                                                     "then 2, 3 or 4 digits"))
            continue
        names = _names(row, problems, path.name, line)
        if names is None:
            continue
        parent = None if len(code) == 1 else code[0] if len(code) == 3 else code[:-1]
        entries.append(_Entry(line, path.name, code, names, parent, len(code)))
    _check_tree(entries, dict(Industry.objects.values_list("code", "pk")), problems)
    return _finish(Industry, entries, problems)


# --- majors (职业教育专业目录 2021) ---

MAJOR_LEVELS = {2: 1, 4: 2, 6: 3}


@transaction.atomic
def majors_import(*, Major, path: Path = DATA_DIR / "majors.csv") -> ImportReport:
    """Load 职业教育专业目录 codes: code,name_zh,name_en — a family (2 digits: 21–39 职教本科,
    41–59 高职专科, 61–79 中职), a class (4 digits) or a major (6 digits), each under the code
    two digits shorter. The education level and family are read from the code."""
    from reference.models import major_education_level, major_family_code

    problems: list[Problem] = []
    entries: list[_Entry] = []
    for line, row in _read(path, {"code", "name_zh", "name_en"}, problems):
        code = row["code"]
        if _missing_code(code, problems, path.name, line):
            continue
        if not code.isdigit() or len(code) not in MAJOR_LEVELS or major_education_level(code) is None:
            problems.append(Problem(path.name, line, f"bad code “{code}”: expected 2, 4 or 6 digits starting "
                                                     "21–39, 41–59 or 61–79"))
            continue
        names = _names(row, problems, path.name, line)
        if names is None:
            continue
        values = {**names, "level": MAJOR_LEVELS[len(code)], "family_code": major_family_code(code),
                  "education_level": int(major_education_level(code))}
        entries.append(_Entry(line, path.name, code, values, code[:-2] if len(code) > 2 else None, len(code)))
    _check_tree(entries, dict(Major.objects.values_list("code", "pk")), problems)
    return _finish(Major, entries, problems)


# --- occupations (职业分类大典 2022) ---

OCCUPATION_CODE = re.compile(r"[1-8](-\d{2}){0,3}")


@transaction.atomic
def occupations_import(*, Occupation, path: Path = DATA_DIR / "occupations.csv") -> ImportReport:
    """Load 职业分类大典 codes: code,name_zh,name_en — a major group (``2``), a middle group
    (``2-02``), a minor group (``2-02-10``) or an occupation (``2-02-10-03``), each under the
    code one part shorter."""
    problems: list[Problem] = []
    entries: list[_Entry] = []
    for line, row in _read(path, {"code", "name_zh", "name_en"}, problems):
        code = row["code"]
        if _missing_code(code, problems, path.name, line):
            continue
        if not OCCUPATION_CODE.fullmatch(code):
            problems.append(Problem(path.name, line, f"bad code “{code}”: expected a major group 1–8, then up to "
                                                     "three two-digit parts, as in 2-02-10-03"))
            continue
        names = _names(row, problems, path.name, line)
        if names is None:
            continue
        parts = code.split("-")
        entries.append(_Entry(line, path.name, code, {**names, "level": len(parts)},
                              "-".join(parts[:-1]) or None, len(parts)))
    _check_tree(entries, dict(Occupation.objects.values_list("code", "pk")), problems)
    return _finish(Occupation, entries, problems)


# --- skills (the consortium's vocabulary) ---

SKILL_CODE = re.compile(r"[A-Z]{1,3}\d{3,9}")


@transaction.atomic
def skills_import(*, Skill, path: Path = DATA_DIR / "skills.csv") -> ImportReport:
    """Load skills: code,name_zh,name_en,family — a code of capital letters and digits
    (``S0101``), its names and the family it belongs to (``软件开发``)."""
    problems: list[Problem] = []
    entries: list[_Entry] = []
    for line, row in _read(path, {"code", "name_zh", "name_en", "family"}, problems):
        code = row["code"].upper()
        if _missing_code(code, problems, path.name, line):
            continue
        if not SKILL_CODE.fullmatch(code) or len(code) > 12:
            problems.append(Problem(path.name, line, f"bad code “{row['code']}”: expected capital letters then "
                                                     "digits, as in S0101"))
            continue
        names = _names(row, problems, path.name, line)
        if names is None:
            continue
        if not row["family"] or len(row["family"]) > 50:
            problems.append(Problem(path.name, line, "missing family" if not row["family"]
                                    else "family too long (at most 50 characters)"))
            continue
        entries.append(_Entry(line, path.name, code, {**names, "family": row["family"]}, None, 1))
    _check_tree(entries, {}, problems)
    return _finish(Skill, entries, problems, tree=False)


def _shipped_codes(path: Path, normalize=lambda code: code) -> set[str]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return {normalize(row["code"].strip()) for row in csv.DictReader(handle)}


def ensure_loaded() -> None:
    """Load the shipped reference lists where any of their codes is missing (a flushed test
    database, or a database migrated before the shipped lists grew)."""
    from reference.models import Industry, Major, Occupation, Region, Skill

    if not Region.objects.exists():
        regions_import(Region=Region)
    for Model, importer, path, normalize in [
        (Industry, lambda: industries_import(Industry=Industry), DATA_DIR / "industries.csv", str.upper),
        (Major, lambda: majors_import(Major=Major), DATA_DIR / "majors.csv", str),
        (Occupation, lambda: occupations_import(Occupation=Occupation), DATA_DIR / "occupations.csv", str),
        (Skill, lambda: skills_import(Skill=Skill), DATA_DIR / "skills.csv", str.upper),
    ]:
        codes = _shipped_codes(path, normalize)
        if Model.objects.filter(code__in=codes).count() < len(codes):
            importer()
