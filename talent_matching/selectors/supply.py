"""Reads of supply and demand (供需预警): the month's table per family of majors, trends, the
postings and cohorts behind a figure, the warnings and the exposure report. Counts only: no
read here returns a student's name or account."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from members.models import Organization
from reference.models import Industry, Major, Region
from talent_matching import access
from talent_matching.models import (
    MatchResult,
    MatchRun,
    StudentProfile,
    SupplyDemandSnapshot,
    SupplyLevel,
    SupplySide,
    Visibility,
    WarningThresholds,
)
from talent_matching.services.supply import add_months, ratio_of

TREND_MONTHS = 12
# A school is flagged when the share of its students among some posting's top candidates is
# below this fraction of the consortium's share.
EXPOSURE_FLAG_FACTOR = Decimal("0.5")


# --- names and filters ---------------------------------------------------------------------------


def major_names(codes) -> dict[str, str]:
    return {m.code: m.name for m in Major.objects.filter(code__in=set(codes)).only("code", "name_zh", "name_en")}


def periods() -> list[date]:
    return list(SupplyDemandSnapshot.objects.families().order_by("-period").values_list("period", flat=True).distinct())


def industry_choices() -> list[tuple[str, str]]:
    return [(i.code, f"{i.code} {i.name}") for i in Industry.objects.order_by("code")]


def region_choices() -> list[tuple[str, str]]:
    """Cities of the consortium's area, then its counties and districts."""
    prefixes = Q()
    for prefix in settings.CONSORTIUM_REGION_PREFIXES:
        prefixes |= Q(code__startswith=prefix)
    regions = Region.objects.filter(prefixes, level__in=(Region.Level.CITY, Region.Level.COUNTY)).order_by("code")
    return [(r.code, f"{r.code} {r.name}") for r in regions]


def region_prefix(code: str) -> str:
    """A region matches the codes under it: a province its first two digits, a city four."""
    if not code:
        return ""
    trimmed = code.rstrip("0")
    return code[:2] if len(trimmed) <= 2 else code[:4] if len(trimmed) <= 4 else code


def _key_matches(key: str, industry: str, region: str) -> bool:
    key_industry, _sep, key_region = key.partition("|")
    return (not industry or key_industry.startswith(industry)) and (not region or key_region.startswith(region))


# --- figures ---------------------------------------------------------------------------------------


@dataclass
class Figure:
    """A snapshot as the page shows it: with the industry and region filters applied to its
    demand (and its ratio and level read again from the thresholds then)."""

    snapshot: SupplyDemandSnapshot
    demand: int
    ratio: Decimal | None
    level: str
    side: str
    name: str = ""
    trend: list = field(default_factory=list)

    @property
    def code(self):
        return self.snapshot.code

    @property
    def level_label(self):
        return SupplyLevel(self.level).label

    @property
    def side_label(self):
        return SupplySide(self.side).label if self.side else ""


def figure(snapshot, *, industry="", region="", thresholds=None) -> Figure:
    if not industry and not region:
        return Figure(snapshot, snapshot.demand, snapshot.ratio, snapshot.level, snapshot.side)
    demand = sum(n for key, n in snapshot.demand_breakdown.items() if _key_matches(key, industry, region))
    ratio = ratio_of(demand, snapshot.supply)
    level, side = (thresholds or WarningThresholds.current()).classify(ratio, demand=demand, supply=snapshot.supply)
    return Figure(snapshot, demand, ratio, level, side)


def table(period: date, *, industry="", region="", family="", majors=False, thresholds=None) -> list[Figure]:
    """The month's figures per family (or, with ``majors``, per major; ``family`` narrows to one
    family), each with its trend over the twelve months up to ``period``."""
    rows = SupplyDemandSnapshot.objects.filter(period=period)
    rows = rows.majors() if majors else rows.families()
    if family:
        rows = rows.filter(family_code=family)
    rows = list(rows.order_by("family_code", "major_code"))
    thresholds = thresholds or WarningThresholds.current()
    figures = [figure(row, industry=industry, region=region, thresholds=thresholds) for row in rows]
    names = major_names(f.code for f in figures)
    trend_map = trends([f.snapshot for f in figures], end=period, industry=industry, region=region,
                       thresholds=thresholds)
    for item in figures:
        item.name = names.get(item.code, "")
        item.trend = trend_map.get((item.snapshot.family_code, item.snapshot.major_code), [])
    return figures


def trends(snapshots, *, end: date, industry="", region="", thresholds=None, months=TREND_MONTHS) -> dict:
    """(family, major) → the figures of the ``months`` months up to ``end`` (None where a month
    has none), in one query."""
    if not snapshots:
        return {}
    start = add_months(end, -(months - 1))
    months_list = [add_months(start, i) for i in range(months)]
    families = {s.family_code for s in snapshots}
    majors = {s.major_code for s in snapshots}
    rows = SupplyDemandSnapshot.objects.filter(
        period__gte=start, period__lte=end, family_code__in=families, major_code__in=majors)
    thresholds = thresholds or WarningThresholds.current()
    found = {}
    for row in rows:
        found[(row.family_code, row.major_code, row.period)] = figure(
            row, industry=industry, region=region, thresholds=thresholds)
    return {
        (s.family_code, s.major_code): [(month, found.get((s.family_code, s.major_code, month))) for month in months_list]
        for s in snapshots
    }


def snapshot_for(period: date, code: str) -> SupplyDemandSnapshot | None:
    """The figure of a family (two digits) or a major (six) in a month."""
    rows = SupplyDemandSnapshot.objects.filter(period=period)
    if len(code) == 2:
        return rows.filter(family_code=code, major_code="").first()
    return rows.filter(major_code=code).first()


def figure_postings(user, snapshot, *, industry="", region=""):
    """The postings counted in a figure that the viewer may see (a posting closed since is
    counted but shown only to its enterprise and the secretariat)."""
    postings = access.postings_for(user).filter(pk__in=snapshot.posting_ids)
    if industry:
        postings = postings.filter(organization__industry_id__startswith=industry)
    if region:
        postings = postings.filter(location__code__startswith=region)
    return postings.select_related("organization", "location").order_by("-headcount", "pk")


def demand_by_industry_and_region(snapshot, *, industry="", region="") -> list[dict]:
    """The figure's demand by the enterprise's industry and the posting's region, largest first."""
    keys = [(key.partition("|")[0], key.partition("|")[2], n) for key, n in snapshot.demand_breakdown.items()
            if _key_matches(key, industry, region)]
    industries = {i.code: i.name for i in Industry.objects.filter(code__in={k[0] for k in keys if k[0]})}
    regions = {r.code: r.name for r in Region.objects.filter(code__in={k[1] for k in keys if k[1]})}
    rows = [{"industry": f"{code} {industries.get(code, '')}".strip() if code else _("Not given"),
             "region": regions.get(area, area) if area else _("Not given"), "headcount": n}
            for code, area, n in keys]
    return sorted(rows, key=lambda r: (-r["headcount"], r["industry"], r["region"]))


# A cohort smaller than this is shown as "fewer than" it behind a figure, so that no one reads a
# single student out of a school, major and year (the totals stay exact).
SMALL_COHORT = 3


def figure_cohorts(snapshot) -> list[dict]:
    """The cohorts counted in a figure: school, graduation year and count (``small`` below
    SMALL_COHORT), largest first."""
    schools = {o.pk: o.name for o in Organization.objects.filter(
        pk__in={school for school, _year, _n in snapshot.cohorts}).only("pk", "name_zh", "name_en")}
    rows = [{"school": schools.get(school, _("A school no longer listed")), "year": year, "count": n,
             "small": n < SMALL_COHORT} for school, year, n in snapshot.cohorts]
    return sorted(rows, key=lambda r: (-r["count"], r["school"], r["year"]))


def warnings(period: date | None = None):
    rows = SupplyDemandSnapshot.objects.filter(warning=True)
    if period:
        rows = rows.filter(period=period)
    return rows.order_by("-period", "family_code", "major_code")


# --- exposure --------------------------------------------------------------------------------------


@dataclass
class ExposureRow:
    school_id: int
    school: str
    major_code: str = ""
    major: str = ""
    students: int = 0
    visible: int = 0
    exposed: int = 0
    flagged: bool = False

    @property
    def share(self) -> Decimal | None:
        return ratio_of(self.exposed * 100, self.students)


@dataclass
class Exposure:
    run: MatchRun | None
    schools: list
    rows: list
    average: Decimal | None


def exposure(user) -> Exposure:
    """Per school and major, from the current matching run: the students with a profile (not
    de-identified), those visible to enterprises, those among at least one posting's top
    candidates, and the share; a school is flagged when its share is below half the
    consortium's. School people see their own schools beside the consortium's average."""
    run = MatchRun.objects.current()
    if run is None:
        return Exposure(None, [], [], None)
    profiles = StudentProfile.objects.filter(deidentified_at__isnull=True).annotate(
        exposed=Exists(MatchResult.objects.filter(run=run, profile=OuterRef("pk"), posting_rank__isnull=False)))
    counts = list(profiles.values("school_id", "major__code").annotate(
        students=Count("pk"),
        visible=Count("pk", filter=~Q(visibility=Visibility.NOBODY)),
        exposed_count=Count("pk", filter=Q(exposed=True)),
    ).order_by())
    total_students = sum(c["students"] for c in counts)
    total_exposed = sum(c["exposed_count"] for c in counts)
    average = ratio_of(total_exposed * 100, total_students)
    scope = access.exposure_school_scope(user)
    if scope is not None:
        counts = [c for c in counts if c["school_id"] in scope]
    school_names = {o.pk: o.name for o in Organization.objects.filter(
        pk__in={c["school_id"] for c in counts}).only("pk", "name_zh", "name_en")}
    names = major_names(c["major__code"] for c in counts)
    rows, schools = [], {}
    for c in counts:
        name = school_names.get(c["school_id"], "")
        rows.append(ExposureRow(c["school_id"], name, c["major__code"], names.get(c["major__code"], ""),
                                c["students"], c["visible"], c["exposed_count"]))
        school = schools.setdefault(c["school_id"], ExposureRow(c["school_id"], name))
        school.students += c["students"]
        school.visible += c["visible"]
        school.exposed += c["exposed_count"]
    for row in list(schools.values()) + rows:
        row.flagged = average is not None and row.share is not None and row.share < average * EXPOSURE_FLAG_FACTOR
    return Exposure(
        run,
        sorted(schools.values(), key=lambda r: (not r.flagged, r.share or 0, r.school)),
        sorted(rows, key=lambda r: (r.school, r.major_code)),
        average,
    )
