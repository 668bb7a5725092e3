"""Loading the national reference lists from CSV files (the shipped subsets or full lists)."""

import csv
from pathlib import Path

from django.db import transaction

DATA_DIR = Path(__file__).resolve().parent / "data"


class ReferenceImportError(ValueError):
    """A reference file is malformed; the message names the file and line."""


def _rows(path: Path, required: set[str]):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = required - set(reader.fieldnames or [])
        if missing:
            raise ReferenceImportError(f"{path.name}: missing columns {', '.join(sorted(missing))}")
        for line, row in enumerate(reader, start=2):
            yield line, {key: (value or "").strip() for key, value in row.items()}


@transaction.atomic
def regions_import(*, Region, directory: Path = DATA_DIR) -> int:
    """Load provinces.csv, cities.csv and areas.csv (NBS layout, 2/4/6-digit codes) as
    GB/T 2260 six-digit codes. Existing codes are updated; returns the number of rows read."""
    levels = [
        ("provinces.csv", 1, lambda row: None),
        ("cities.csv", 2, lambda row: row["provinceCode"].ljust(6, "0")),
        ("areas.csv", 3, lambda row: row["cityCode"].ljust(6, "0")),
    ]
    known = dict(Region.objects.values_list("code", "id"))
    count = 0
    for filename, level, parent_code in levels:
        fresh, changed = [], []
        for line, row in _rows(directory / filename, {"code", "name"}):
            code = row["code"].ljust(6, "0")
            if not code.isdigit() or len(code) != 6 or not row["name"]:
                raise ReferenceImportError(f"{filename} line {line}: bad code or name")
            parent = parent_code(row)
            parent_id = known.get(parent) if parent else None
            if parent and parent_id is None:
                raise ReferenceImportError(f"{filename} line {line}: unknown parent {parent}")
            region = Region(code=code, name=row["name"], level=level, parent_id=parent_id)
            if code in known:
                region.id = known[code]
                changed.append(region)
            else:
                fresh.append(region)
            count += 1
        Region.objects.bulk_update(changed, ["name", "level", "parent"], batch_size=1000)
        for region in Region.objects.bulk_create(fresh, batch_size=1000):
            known[region.code] = region.id
        known.update(Region.objects.filter(level=level).values_list("code", "id"))
    return count


@transaction.atomic
def industries_import(*, Industry, path: Path = DATA_DIR / "industries.csv") -> int:
    """Load GB/T 4754 codes (code,name_zh,name_en; parents before children)."""
    known = dict(Industry.objects.values_list("code", "id"))
    count = 0
    for line, row in _rows(path, {"code", "name_zh", "name_en"}):
        code = row["code"].upper()
        if not code or not code[0].isalpha() or not (len(code) == 1 or code[1:].isdigit()) or len(code) > 5 or not row["name_zh"]:
            raise ReferenceImportError(f"{path.name} line {line}: bad code or name")
        parent_code = code[0] if len(code) == 3 else code[:-1] if len(code) > 3 else None
        if parent_code and parent_code not in known:
            raise ReferenceImportError(f"{path.name} line {line}: unknown parent {parent_code}")
        industry, _ = Industry.objects.update_or_create(
            code=code,
            defaults={"name_zh": row["name_zh"], "name_en": row["name_en"] or row["name_zh"],
                      "parent_id": known.get(parent_code)},
        )
        known[code] = industry.id
        count += 1
    return count


MAJOR_LEVELS = {2: 1, 4: 2, 6: 3}


@transaction.atomic
def majors_import(*, Major, path: Path = DATA_DIR / "majors.csv") -> int:
    """Load 职业教育专业目录 codes (code,name_zh,name_en; 2, 4 or 6 digits; parents before
    children). Existing codes are updated; returns the number of rows read."""
    known = dict(Major.objects.values_list("code", "id"))
    count = 0
    for line, row in _rows(path, {"code", "name_zh", "name_en"}):
        code = row["code"]
        if not code.isdigit() or len(code) not in MAJOR_LEVELS or not row["name_zh"]:
            raise ReferenceImportError(f"{path.name} line {line}: bad code or name")
        parent_code = code[:-2] if len(code) > 2 else None
        if parent_code and parent_code not in known:
            raise ReferenceImportError(f"{path.name} line {line}: unknown parent {parent_code}")
        major, _ = Major.objects.update_or_create(
            code=code,
            defaults={"name_zh": row["name_zh"], "name_en": row["name_en"] or row["name_zh"],
                      "level": MAJOR_LEVELS[len(code)], "parent_id": known.get(parent_code)},
        )
        known[code] = major.id
        count += 1
    return count


def ensure_loaded() -> None:
    """Load the shipped reference lists if the tables are empty (a flushed test database)."""
    from reference.models import Industry, Major, Region

    if not Major.objects.exists():
        majors_import(Major=Major)
    if not Region.objects.exists():
        regions_import(Region=Region)
    if not Industry.objects.exists():
        industries_import(Industry=Industry)
