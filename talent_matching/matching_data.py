"""What the matching engine reads from the database: students and open postings turned into the
matrices of ``talent_matching.matching``, in a handful of queries of plain values (no model instances).

Who enters a run: profiles of students (not de-identified) whose consent lets something be
done with them — shown to the consortium's enterprises (ranked on both sides) or only to those
they apply to (ranked for their own 'postings for me' only, never among a posting's candidates).
Profiles no one may see enter no run at all. Postings: published by an active member, before
their deadline."""

from __future__ import annotations

from datetime import date

import json

import numpy as np
from django.db.models import TextField
from django.db.models.functions import Cast

from credentials.models import AchievementKind
from credentials.selectors import verified_credentials
from reference.models import Major, Region, Skill
from talent_matching import matching
from talent_matching.models import (
    Posting, PostingCertificate, PostingKind, PostingSkill, ProfileSkill, StudentProfile, Visibility,
)

KIND_BITS = {kind.value: 1 << number for number, kind in enumerate(PostingKind)}
AWARD = AchievementKind.AWARD


def _ordinal(day: date | None) -> int:
    return day.toordinal() if day else 0


class Catalogue:
    """The majors and regions with their parents, and the column spaces of the matrices."""

    _kept: tuple | None = None

    @classmethod
    def current(cls) -> "Catalogue":
        """The catalogue as last read while the majors, regions and skills are the same (they
        change by import, rarely: two small aggregates tell), with its own certificate keys."""
        from django.db.models import Count, Max

        stamp = (tuple(Major.objects.aggregate(n=Count("pk"), top=Max("pk")).values()),
                 tuple(Region.objects.aggregate(n=Count("pk"), top=Max("pk")).values()),
                 tuple(Skill.objects.aggregate(top=Max("pk")).values()))
        kept = cls._kept
        if kept is None or kept[0] != stamp:
            kept = cls._kept = (stamp, cls())
        catalogue = object.__new__(cls)
        catalogue.__dict__.update(kept[1].__dict__)
        catalogue.certificates = {}
        return catalogue

    def __init__(self):
        self.majors = {pk: (level, parent, family) for pk, level, parent, family in
                       Major.objects.values_list("pk", "level", "parent_id", "family_code")}
        self.family_ids = {code: pk for pk, (level, _p, code) in self.majors.items() if level == Major.Level.FAMILY}
        self.regions = dict(Region.objects.values_list("pk", "parent_id"))
        self.region_levels = dict(Region.objects.values_list("pk", "level"))
        self.n_majors = max(self.majors, default=0) + 1
        self.n_regions = max(self.regions, default=0) + 1
        self.n_skills = (Skill.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        self.certificates: dict[tuple[str, str], int] = {}

    def family_of(self, major_id) -> int:
        return self.family_ids.get(self.majors[major_id][2], major_id)

    def class_of(self, major_id):
        level, parent, _family = self.majors[major_id]
        if level == Major.Level.MAJOR:
            return parent
        return major_id if level == Major.Level.CLASS else None

    def lineage(self, major_id) -> set[int]:
        """The major, its class and its family."""
        found = {major_id, self.family_of(major_id)}
        klass = self.class_of(major_id)
        if klass:
            found.add(klass)
        return found

    def city_of(self, region_id):
        if self.region_levels.get(region_id) == Region.Level.COUNTY:
            return self.regions[region_id]
        return region_id if self.region_levels.get(region_id) == Region.Level.CITY else None

    def region_and_above(self, region_id) -> list[int]:
        found = []
        while region_id is not None and len(found) < 4:
            found.append(region_id)
            region_id = self.regions.get(region_id)
        return found

    def families_of_majors(self, major_ids) -> set[int]:
        return {self.family_of(pk) for pk in major_ids}

    def majors_in_families(self, family_ids) -> list[int]:
        codes = {self.majors[f][2] for f in family_ids if f in self.majors}
        return [pk for pk, (_l, _p, code) in self.majors.items() if code in codes]


def certificate_key(catalogue: Catalogue, name: str, level: str) -> int:
    return catalogue.certificates.setdefault((name.strip(), (level or "").strip()), len(catalogue.certificates))


def verified_credentials_of_profiles(profiles) -> list[tuple]:
    """(profile id, credential id, kind, name, level) of every credential the students of the
    profiles (a queryset of their ids) hold that verifies now
    (``credentials.selectors.verified_credentials``), for many students in one query."""
    return list(
        verified_credentials().filter(holder__talent_profile__id__in=profiles)
        .values_list("holder__talent_profile__id", "pk", "achievement__kind", "achievement__name", "achievement__level")
    )


def load_students(catalogue: Catalogue, *, profile_ids=None, major_ids=None) -> matching.Students:
    """The profiles that may enter a run (all of them, or those named, or those of the majors)."""
    selected = StudentProfile.objects.filter(
        student__isnull=False, deidentified_at__isnull=True, visibility__in=[Visibility.CONSORTIUM, Visibility.APPLIED])
    if profile_ids is not None:
        selected = selected.filter(pk__in=list(profile_ids))
    if major_ids is not None:
        selected = selected.filter(major_id__in=list(major_ids))
    # The kinds as text: nearly always '[]', decoded only when not (a JSON decode per row costs more than the rest).
    rows = list(selected.order_by("pk").annotate(kinds_text=Cast("kinds", TextField()))
                .values_list("pk", "major_id", "education_level", "available_from", "kinds_text", "visibility"))
    rows = [(*row[:4], [] if row[4] in ("[]", None) else json.loads(row[4]), row[5]) for row in rows]
    n = len(rows)
    # Named by id when few (index lookups), by the selection itself when many.
    selection = [r[0] for r in rows] if n <= 1000 else selected.values("pk")
    ids = np.fromiter((r[0] for r in rows), np.int64, n)
    index = {pk: i for i, pk in enumerate(ids.tolist())}
    major_rows, major_cols = [], []
    for i, row in enumerate(rows):
        for column in catalogue.lineage(row[1]):
            major_rows.append(i)
            major_cols.append(column)
    family = np.fromiter((catalogue.family_of(r[1]) for r in rows), np.int64, n)
    kinds = np.fromiter((sum(KIND_BITS.get(k, 0) for k in (r[4] or [])) for r in rows), np.int64, n)

    skills = list(ProfileSkill.objects.filter(profile_id__in=selection).values_list("profile_id", "skill_id", "level",
                                                                                  "credential_id"))
    credentials = verified_credentials_of_profiles(selection) if n else []
    verified_ids = {pk for _p, pk, _k, _n, _l in credentials}
    awards = np.zeros(n, np.int64)
    cert_rows, cert_cols = [], []
    for profile_id, _pk, kind, name, level in credentials:
        i = index[profile_id]
        if kind == AWARD:
            awards[i] += 1
        for key in {(name.strip(), (level or "").strip()), (name.strip(), "")}:
            if key in catalogue.certificates:
                cert_rows.append(i)
                cert_cols.append(catalogue.certificates[key])
    s_rows = np.fromiter((index[r[0]] for r in skills), np.int64, len(skills))
    s_cols = np.fromiter((r[1] for r in skills), np.int64, len(skills))
    s_levels = np.fromiter((r[2] for r in skills), np.float32, len(skills))
    s_verified = np.fromiter((r[3] is not None and r[3] in verified_ids for r in skills), bool, len(skills))

    regions = list(StudentProfile.regions.through.objects.filter(studentprofile_id__in=selection)
                   .values_list("studentprofile_id", "region_id"))
    r_rows = [index[p] for p, _r in regions]
    cities = [(index[p], catalogue.city_of(r)) for p, r in regions]
    cities = [(i, c) for i, c in cities if c is not None]
    K, V, R, C = catalogue.n_skills, catalogue.n_majors, catalogue.n_regions, max(1, len(catalogue.certificates))
    return matching.Students(
        ids=ids, family=family,
        majors=matching._csr(major_rows, major_cols, np.ones(len(major_rows)), (n, V)),
        level=np.fromiter((r[2] for r in rows), np.int64, n),
        available=np.fromiter((_ordinal(r[3]) for r in rows), np.int64, n),
        kinds=kinds,
        visible=np.fromiter((r[5] == Visibility.CONSORTIUM for r in rows), bool, n),
        skill_level=matching._csr(s_rows, s_cols, s_levels, (n, K)),
        skill_verified=matching._csr(s_rows[s_verified], s_cols[s_verified], np.ones(int(s_verified.sum())), (n, K)),
        certificates=matching._binary(matching._csr(cert_rows, cert_cols, np.ones(len(cert_rows)), (n, C))),
        awards=awards,
        regions=matching._csr(r_rows, [r for _p, r in regions], np.ones(len(regions)), (n, R)),
        region_cities=matching._binary(matching._csr([i for i, _c in cities], [c for _i, c in cities],
                                                     np.ones(len(cities)), (n, R))),
    )


def open_posting_ids(*, family_ids=None) -> list[int]:
    """Postings open now (all, or those that consider a student of one of the families)."""
    qs = Posting.objects.open().filter(organization__status="active")
    if family_ids is None:
        return list(qs.order_by("pk").values_list("pk", flat=True))
    catalogue_majors = Major.objects.filter(family_code__in=Major.objects.filter(pk__in=family_ids).values("family_code"))
    from django.db.models import Q

    return list(qs.filter(Q(majors__isnull=True) | Q(majors__in=catalogue_majors)).distinct()
                .order_by("pk").values_list("pk", flat=True))


def open_posting_ids_of(posting_ids) -> set[int]:
    """Which of the postings named are open now."""
    return set(Posting.objects.open().filter(organization__status="active", pk__in=list(posting_ids))
               .values_list("pk", flat=True))


def load_postings(catalogue: Catalogue, posting_ids) -> matching.Postings:
    """The postings named (open ones: see ``open_posting_ids``), certificate keys registered
    in the catalogue first so that students' certificates line up."""
    posting_ids = list(posting_ids)
    rows = list(Posting.objects.filter(pk__in=posting_ids).order_by("pk")
                .values_list("pk", "kind", "min_level", "starts_on", "location_id"))
    m = len(rows)
    ids = np.fromiter((r[0] for r in rows), np.int64, m)
    index = {pk: j for j, pk in enumerate(ids.tolist())}
    majors = list(Posting.majors.through.objects.filter(posting_id__in=posting_ids).values_list("posting_id", "major_id"))
    named, classes, families = [], [], []
    for posting_id, major_id in majors:
        j = index[posting_id]
        named.append((j, major_id))
        klass = catalogue.class_of(major_id)
        if klass and catalogue.majors[major_id][0] == Major.Level.MAJOR:
            classes.append((j, klass))
        families.append((j, catalogue.family_of(major_id)))
    skills = list(PostingSkill.objects.filter(posting_id__in=posting_ids)
                  .values_list("posting_id", "skill_id", "level", "weight", "required"))
    certificates = list(PostingCertificate.objects.filter(posting_id__in=posting_ids)
                        .values_list("posting_id", "name", "level", "required"))
    preferred, required = [], []
    for posting_id, name, level, must in certificates:
        (required if must else preferred).append((index[posting_id], certificate_key(catalogue, name, level)))
    location, cities = [], []
    for j, row in enumerate(rows):
        if row[4]:
            location += [(j, r) for r in catalogue.region_and_above(row[4])]
            city = catalogue.city_of(row[4])
            if city:
                cities.append((j, city))
    K, V, R, C = catalogue.n_skills, catalogue.n_majors, catalogue.n_regions, max(1, len(catalogue.certificates))

    def pairs(found, shape):
        found = sorted(set(found))
        return matching._csr([a for a, _b in found], [b for _a, b in found], np.ones(len(found)), shape)

    sk_rows = [index[r[0]] for r in skills]
    sk_cols = [r[1] for r in skills]
    return matching.Postings(
        ids=ids,
        kind_bit=np.fromiter((KIND_BITS.get(r[1], 0) for r in rows), np.int64, m),
        min_level=np.fromiter((r[2] or 0 for r in rows), np.int64, m),
        starts=np.fromiter((_ordinal(r[3]) for r in rows), np.int64, m),
        families=pairs(families, (m, V)), named=pairs(named, (m, V)),
        named_classes=pairs(classes, (m, V)), named_families=pairs(families, (m, V)),
        skill_weight=matching._csr(sk_rows, sk_cols, [r[3] for r in skills], (m, K)),
        skill_level=matching._csr(sk_rows, sk_cols, [r[2] for r in skills], (m, K)),
        skill_required=matching._csr([index[r[0]] for r in skills if r[4]], [r[1] for r in skills if r[4]],
                                     np.ones(sum(1 for r in skills if r[4])), (m, K)),
        preferred_certificates=pairs(preferred, (m, C)), required_certificates=pairs(required, (m, C)),
        location=pairs(location, (m, R)), location_city=pairs(cities, (m, R)),
    )


def load_everything() -> tuple[matching.Students, matching.Postings]:
    catalogue = Catalogue()  # read afresh for a full run
    postings = load_postings(catalogue, open_posting_ids())
    students = load_students(catalogue)
    _widen(postings, catalogue)
    return students, postings


def _widen(postings: matching.Postings, catalogue: Catalogue) -> None:
    """Postings loaded before students may know fewer certificate keys than the students'
    matrices: give both the same width."""
    C = max(1, len(catalogue.certificates))
    for name in ("preferred_certificates", "required_certificates"):
        matrix = getattr(postings, name)
        if matrix.shape[1] != C:
            matrix.resize((matrix.shape[0], C))
