"""The talent platform's share of the large demo consortium (``seed_demo --scale N``), for the
matching benchmark: a profile for every scale student (with about eight skills each, most
from their family of majors), 5,000 published postings of the scale enterprises, a skills
vocabulary of 2,000 and the 19 families × 5 classes × 4 majors of a full-sized catalogue.

Loaded with PostgreSQL COPY (bulk inserts send no signals and write no audit rows, as the
members' scale data does): 50,000 profiles, 400,000 skills and 5,000 postings in seconds.
Running it again adds nothing twice."""

from __future__ import annotations

import io
from datetime import date, timedelta

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from members.models import Membership, Organization, OrganizationKind, Role
from reference.models import EducationLevel, Major, Region, Skill
from talent_matching.models import (
    Posting, PostingCertificate, PostingKind, PostingSkill, PostingStatus, ProfileSkill, StudentProfile, Visibility,
)

FAMILIES = range(41, 60)  # the 19 families (专业大类) as the 高职专科 catalogue numbers them
CLASSES_PER_FAMILY = 5
MAJORS_PER_CLASS = 4
SKILLS = 2000
POSTINGS = 5000
POSTING_TITLE = "规模测试岗位"
CERTIFICATES = [f"规模测试职业技能等级证书{n:02d}" for n in range(1, 41)]


def _copy(model_or_table, columns: list[str], rows) -> int:
    """COPY rows (tuples; None is NULL) into a table."""
    table = model_or_table if isinstance(model_or_table, str) else model_or_table._meta.db_table
    buffer = io.StringIO()
    count = 0
    for row in rows:
        buffer.write("\t".join("\\N" if v is None else str(v) for v in row))
        buffer.write("\n")
        count += 1
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)
    return count


def _catalogue() -> list[int]:
    """A full-sized catalogue: the families, five classes each, four majors each (the real
    entries kept as they are). Returns the majors' ids."""
    def make(entries):
        Major.objects.bulk_create(entries, ignore_conflicts=True, batch_size=2000)

    make([Major(code=f"{f}", name_zh=f"规模测试专业大类{f}", name_en=f"Scale family {f}", level=Major.Level.FAMILY,
                family_code=f"{f}") for f in FAMILIES])
    families = dict(Major.objects.filter(level=Major.Level.FAMILY).values_list("code", "pk"))
    make([Major(code=f"{f}{c:02d}", name_zh=f"规模测试专业类{f}{c:02d}", name_en=f"Scale class {f}{c:02d}",
                level=Major.Level.CLASS, family_code=f"{f}", parent_id=families[f"{f}"])
          for f in FAMILIES for c in range(1, CLASSES_PER_FAMILY + 1)])
    classes = dict(Major.objects.filter(level=Major.Level.CLASS).values_list("code", "pk"))
    make([Major(code=f"{f}{c:02d}{m:02d}", name_zh=f"规模测试专业{f}{c:02d}{m:02d}", name_en=f"Scale major {f}{c:02d}{m:02d}",
                level=Major.Level.MAJOR, family_code=f"{f}", education_level=EducationLevel.HIGHER,
                parent_id=classes[f"{f}{c:02d}"])
          for f in FAMILIES for c in range(1, CLASSES_PER_FAMILY + 1) for m in range(1, MAJORS_PER_CLASS + 1)])
    return list(Major.objects.filter(level=Major.Level.MAJOR, family_code__in=[f"{f}" for f in FAMILIES])
                .order_by("code").values_list("pk", flat=True))


def _skills() -> dict[str, list[int]]:
    """2,000 skills, spread over the families; returns the skill ids by family code."""
    per_family = SKILLS // len(FAMILIES) + 1
    Skill.objects.bulk_create(
        [Skill(code=f"SCL{n:05d}", name_zh=f"规模测试技能{n:05d}", name_en=f"Scale skill {n:05d}",
               family=f"{41 + n % len(FAMILIES)}") for n in range(SKILLS)],
        ignore_conflicts=True, batch_size=2000,
    )
    found: dict[str, list[int]] = {}
    for pk, family in Skill.objects.filter(code__startswith="SCL").values_list("pk", "family"):
        found.setdefault(family, []).append(pk)
    del per_family
    return found


def seed_demo_scale(context: dict, *, students: int) -> str:
    rng = np.random.default_rng(students)
    with transaction.atomic():
        majors = _catalogue()
        skills = _skills()
        major_family = dict(Major.objects.filter(pk__in=majors).values_list("pk", "family_code"))
        made_profiles = _profiles(rng, majors, major_family, skills)
        made_postings = _postings(rng, majors, major_family, skills)
    return (f"{made_profiles} student profiles, {made_postings} published postings, {Skill.objects.count()} skills, "
            f"{Major.objects.filter(level__in=[Major.Level.FAMILY, Major.Level.CLASS]).count()} families and classes "
            f"of majors")


def _districts() -> list[int]:
    return list(Region.objects.filter(code__startswith="3204").exclude(code="320400").values_list("pk", flat=True))


def _profiles(rng, majors, major_family, skills) -> int:
    memberships = list(
        Membership.objects.filter(user__username__startswith="scale_student", role=Role.STUDENT,
                                  user__talent_profile__isnull=True)
        .order_by("user_id").values_list("user_id", "organization_id")
    )
    if not memberships:
        return 0
    memberships = list(dict(memberships).items())  # one profile a student
    n = len(memberships)
    now = timezone.now().isoformat()
    major_of = rng.choice(majors, size=n)
    visibility = rng.choice([Visibility.CONSORTIUM.value, Visibility.APPLIED.value, Visibility.NOBODY.value],
                            p=[0.75, 0.15, 0.10], size=n)
    today = date.today()
    available = [(today + timedelta(days=int(d))).isoformat() if d >= 0 else None for d in rng.integers(-60, 200, n)]
    level = rng.choice([1, 2, 3], p=[0.25, 0.6, 0.15], size=n)
    _copy(StudentProfile, ["student_id", "school_id", "major_id", "education_level", "graduation_year",
                           "available_from", "kinds", "summary", "visibility", "created_at", "updated_at"],
          ((u, o, int(major_of[i]), int(level[i]), 2026 + int(i % 3), available[i], "[]", "", visibility[i], now, now)
           for i, (u, o) in enumerate(memberships)))
    ids = dict(StudentProfile.objects.filter(student_id__in=[u for u, _o in memberships]).values_list("student_id", "pk"))
    everything = np.concatenate([np.array(v) for v in skills.values()])
    rows = []
    counts = rng.integers(5, 12, n)
    for i, (user, _org) in enumerate(memberships):
        own = skills[major_family[int(major_of[i])]]
        k = int(counts[i])
        chosen = set(rng.choice(own, size=min(k - 2, len(own)), replace=False).tolist())
        chosen |= set(rng.choice(everything, size=2).tolist())
        levels = rng.integers(1, 5, len(chosen))
        rows += [(ids[user], s, int(lv)) for s, lv in zip(chosen, levels)]
    _copy(ProfileSkill, ["profile_id", "skill_id", "level"], rows)
    districts = _districts()
    if districts:
        regions = [(ids[u], int(rng.choice(districts))) for i, (u, _o) in enumerate(memberships) if i % 3 == 0]
        _copy(StudentProfile.regions.through, ["studentprofile_id", "region_id"], sorted(set(regions)))
    return n


def _postings(rng, majors, major_family, skills) -> int:
    if Posting.objects.filter(title__startswith=POSTING_TITLE).exists():
        return 0
    enterprises = list(Organization.objects.filter(name_zh__startswith="常州规模测试", kind=OrganizationKind.ENTERPRISE)
                       .values_list("pk", flat=True))
    if not enterprises:
        return 0
    now = timezone.now().isoformat()
    today = date.today()
    kinds = [k.value for k in PostingKind]
    districts = _districts() or [None]
    rows = []
    for j in range(POSTINGS):
        deadline = (today + timedelta(days=int(rng.integers(10, 120)))).isoformat() if j % 4 else None
        starts = (today + timedelta(days=int(rng.integers(20, 150)))).isoformat() if j % 2 else None
        location = districts[j % len(districts)] if j % 5 else None
        rows.append((int(enterprises[j % len(enterprises)]), kinds[j % len(kinds)], f"{POSTING_TITLE}{j + 1:05d}",
                     "规模测试用岗位需求。", [None, 1, 2][j % 3], int(rng.integers(1, 20)), location, starts, deadline,
                     PostingStatus.PUBLISHED.value, now, now, now))
    _copy(Posting, ["organization_id", "kind", "title", "description", "min_level", "headcount", "location_id",
                    "starts_on", "deadline", "status", "published_at", "created_at", "updated_at"], rows)
    ids = list(Posting.objects.filter(title__startswith=POSTING_TITLE).order_by("pk").values_list("pk", flat=True))
    by_family: dict[str, list[int]] = {}
    for pk, family in major_family.items():
        by_family.setdefault(family, []).append(pk)
    families = sorted(by_family)
    m_rows, s_rows, c_rows = set(), [], []
    for j, pk in enumerate(ids):
        family = families[j % len(families)]
        named = []
        if j % 20 != 0:  # one posting in twenty names no major: open to every student
            named = rng.choice(by_family[family], size=int(rng.integers(1, 4)), replace=False).tolist()
            if j % 10 == 1:
                named.append(int(rng.choice(by_family[families[(j + 7) % len(families)]])))
        m_rows |= {(pk, int(m)) for m in named}
        own = skills[family]
        chosen = rng.choice(own, size=int(rng.integers(3, 8)), replace=False)
        for number, skill in enumerate(chosen):
            s_rows.append((pk, int(skill), int(rng.integers(1, 4)), int(rng.integers(1, 6)),
                           "t" if number == 0 and j % 5 == 0 else "f"))
        if j % 3 == 0:
            c_rows.append((pk, CERTIFICATES[j % len(CERTIFICATES)], "中级", "f"))
    _copy(Posting.majors.through, ["posting_id", "major_id"], sorted(m_rows))
    _copy(PostingSkill, ["posting_id", "skill_id", "level", "weight", "required"], s_rows)
    _copy(PostingCertificate, ["posting_id", "name", "level", "required"], c_rows)
    return len(ids)
