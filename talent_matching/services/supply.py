"""Writes of the talent platform: supply and demand (供需预警).

``thresholds_update`` is the secretariat's; ``snapshot_month`` takes one month's figures (the
monthly task, or the secretariat on demand) and is safe to repeat: a month's rows are replaced
whole, in one transaction. The counting rules are in ``talent_matching.models.supply``."""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import BooleanField, Count, Exists, OuterRef, Q, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import record_event
from members.access import is_secretariat
from members.models import OrganizationStatus
from reference.models import Major
from talent_matching.models import (
    Application,
    ApplicationStage,
    MatchResult,
    MatchRun,
    Posting,
    StudentProfile,
    SupplyDemandSnapshot,
    SupplyLevel,
    WarningThresholds,
)

GRADUATION_MONTH_DAY = (6, 30)  # a cohort graduates on 30 June of its graduation year


# --- months ----------------------------------------------------------------------------------------


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def graduation_years(period: date) -> list[int]:
    """The graduation years whose cohorts graduate within twelve months of the period's first day."""
    end = add_months(period, 12)
    return [year for year in (period.year, period.year + 1) if period <= date(year, *GRADUATION_MONTH_DAY) < end]


def ratio_of(demand: int, supply: int) -> Decimal | None:
    if not supply:
        return None
    return (Decimal(demand) / Decimal(supply)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --- thresholds --------------------------------------------------------------------------------------


def _check_order(low_red, low_yellow, high_yellow, high_red) -> None:
    errors = {}
    if low_red <= 0:
        errors["low_red"] = [_("Give a ratio greater than zero.")]
    if low_red >= low_yellow:
        errors.setdefault("low_yellow", []).append(_("Yellow below must be greater than red below."))
    if low_yellow >= high_yellow:
        errors.setdefault("high_yellow", []).append(_("Yellow above must be greater than yellow below."))
    if high_yellow >= high_red:
        errors.setdefault("high_red", []).append(_("Red above must be greater than yellow above."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def thresholds_update(*, actor, low_red: Decimal, low_yellow: Decimal, high_yellow: Decimal,
                      high_red: Decimal) -> WarningThresholds:
    """Set the early-warning thresholds (the secretariat only). They apply from the next month
    taken; re-take the current month to apply them now. Raises ValidationError unless
    0 < low_red < low_yellow < high_yellow < high_red."""
    if not is_secretariat(actor):
        raise PermissionDenied
    _check_order(low_red, low_yellow, high_yellow, high_red)
    thresholds = WarningThresholds.locked()
    before = [str(v) for v in (thresholds.low_red, thresholds.low_yellow, thresholds.high_yellow, thresholds.high_red)]
    thresholds.low_red, thresholds.low_yellow = low_red, low_yellow
    thresholds.high_yellow, thresholds.high_red = high_yellow, high_red
    thresholds.updated_at, thresholds.updated_by = timezone.now(), actor
    thresholds.save()
    after = [str(v) for v in (low_red, low_yellow, high_yellow, high_red)]
    record_event("supply.thresholds_updated", instance=thresholds, actor=actor,
                 details={"before": " / ".join(before), "after": " / ".join(after)})
    return thresholds


# --- one month's figures --------------------------------------------------------------------------------


@dataclass
class _Figure:
    family_code: str
    major_code: str = ""
    demand: int = 0
    supply: int = 0
    matched: int = 0
    placed: int = 0
    breakdown: dict = field(default_factory=lambda: defaultdict(int))
    posting_ids: list = field(default_factory=list)
    cohorts: dict = field(default_factory=lambda: defaultdict(int))

    def add_posting(self, posting_id: int, headcount: int, key: str) -> None:
        self.demand += headcount
        self.breakdown[key] += headcount
        self.posting_ids.append(posting_id)


def _catalogue() -> dict[str, str]:
    """{major code: family code} of the catalogue's majors."""
    return dict(Major.objects.filter(level=Major.Level.MAJOR).values_list("code", "family_code"))


def _open_postings(as_of: date):
    """(id, headcount, breakdown key, [(code, level, family code), ...]) of every open published
    posting of an active member on ``as_of``."""
    postings = list(
        Posting.objects.open(today=as_of)
        .filter(organization__status=OrganizationStatus.ACTIVE)
        .filter(Q(published_at__isnull=True) | Q(published_at__date__lte=as_of))
        .values_list("pk", "headcount", "organization__industry_id", "location__code")
        .order_by("pk")
    )
    accepted = defaultdict(list)
    through = Posting.majors.through.objects.filter(posting_id__in=[p[0] for p in postings])
    for posting_id, code, level, family in through.values_list(
            "posting_id", "major__code", "major__level", "major__family_code"):
        accepted[posting_id].append((code, level, family))
    return [(pk, headcount, f"{industry or ''}|{region or ''}", accepted[pk])
            for pk, headcount, industry, region in postings]


def _accepts(entries, major_code: str, family: str) -> bool:
    if not entries:
        return True
    for code, level, entry_family in entries:
        if level == Major.Level.MAJOR and code == major_code:
            return True
        if level == Major.Level.CLASS and major_code.startswith(code):
            return True
        if level == Major.Level.FAMILY and entry_family == family:
            return True
    return False


def compute_month(period: date, *, as_of: date | None = None) -> list[_Figure]:
    """The month's figures, from the records as they are (nothing written)."""
    as_of = as_of or min(timezone.localdate(), month_end(period))
    catalogue = _catalogue()
    postings = _open_postings(as_of)

    # Supply: de-identified counts per major, school and graduation year.
    run = MatchRun.objects.current()
    top = MatchResult.objects.filter(run=run, profile=OuterRef("pk"), posting_rank__isnull=False) if run else None
    cohort = StudentProfile.objects.filter(graduation_year__in=graduation_years(period)).filter(
        Q(left_school_at__isnull=True) | Q(left_school_at__gte=period))
    cohort = cohort.annotate(
        is_placed=Exists(Application.objects.filter(profile=OuterRef("pk"), stage=ApplicationStage.PLACED)),
    )
    cohort = cohort.annotate(is_matched=Exists(top) if top is not None else Value(False, output_field=BooleanField()))
    counts = cohort.values("major__code", "major__family_code", "school_id", "graduation_year").annotate(
        n=Count("pk"), placed=Count("pk", filter=Q(is_placed=True)), matched=Count("pk", filter=Q(is_matched=True)),
    ).order_by()

    family_rows: dict[str, _Figure] = {}
    major_rows: dict[str, _Figure] = {}

    def family_row(code):
        return family_rows.setdefault(code, _Figure(family_code=code))

    def major_row(code, family):
        return major_rows.setdefault(code, _Figure(family_code=family, major_code=code))

    for row in counts:
        for figure in (family_row(row["major__family_code"]),
                       major_row(row["major__code"], row["major__family_code"])):
            figure.supply += row["n"]
            figure.matched += row["matched"]
            figure.placed += row["placed"]
            figure.cohorts[(row["school_id"], row["graduation_year"])] += row["n"]

    # Families and majors a posting names (a major directly or through its class) have a row of
    # their own; a posting that names none adds to the rows there are, without making new ones.
    for _pk, _headcount, _key, entries in postings:
        for code, level, family in entries:
            family_row(family)
            if level == Major.Level.MAJOR:
                major_row(code, family)
            elif level == Major.Level.CLASS:
                for major_code, major_family in catalogue.items():
                    if major_code.startswith(code):
                        major_row(major_code, major_family)

    for pk, headcount, key, entries in postings:
        touched = {family for _code, _level, family in entries} if entries else set(family_rows)
        for family in touched:
            family_rows[family].add_posting(pk, headcount, key)
        for figure in major_rows.values():
            if _accepts(entries, figure.major_code, figure.family_code):
                figure.add_posting(pk, headcount, key)
    return sorted(family_rows.values(), key=lambda f: f.family_code) + sorted(
        major_rows.values(), key=lambda f: f.major_code)


def _warned(level, side, previous) -> bool:
    return level != SupplyLevel.GREEN and previous is not None and previous[0] != SupplyLevel.GREEN and (
        previous[1] == side)


@transaction.atomic
def snapshot_month(*, period: date | None = None, actor=None) -> int:
    """Take the month's figures (the current month by default), replacing whatever the month
    had, and set its warnings (and the next month's, should it exist). Returns the number of
    figures. ``actor`` None is the scheduled task; a person must be the secretariat."""
    if actor is not None and not is_secretariat(actor):
        raise PermissionDenied
    today = timezone.localdate()
    period = month_start(period or today)
    if period > month_start(today):
        raise ValidationError(_("A month that has not begun has no figures yet."))
    # The thresholds row serialises concurrent runs: two workers never write the month twice.
    thresholds = WarningThresholds.locked()
    figures = compute_month(period)
    previous = {
        (s.family_code, s.major_code): (s.level, s.side)
        for s in SupplyDemandSnapshot.objects.filter(period=add_months(period, -1)).only(
            "family_code", "major_code", "level", "side")
    }
    now = timezone.now()
    rows = []
    for figure in figures:
        ratio = ratio_of(figure.demand, figure.supply)
        level, side = thresholds.classify(ratio, demand=figure.demand, supply=figure.supply)
        rows.append(SupplyDemandSnapshot(
            period=period, family_code=figure.family_code, major_code=figure.major_code,
            demand=figure.demand, supply=figure.supply, matched=figure.matched, placed=figure.placed,
            ratio=ratio, level=level, side=side,
            warning=_warned(level, side, previous.get((figure.family_code, figure.major_code))),
            demand_breakdown=dict(figure.breakdown), posting_ids=sorted(set(figure.posting_ids)),
            cohorts=sorted([school, year, n] for (school, year), n in figure.cohorts.items()),
            computed_at=now,
        ))
    SupplyDemandSnapshot.objects.filter(period=period).delete()
    SupplyDemandSnapshot.objects.bulk_create(rows)
    refresh_warnings(period=add_months(period, 1))
    record_event("supply.snapshot_taken", actor=actor, details={
        "month": f"{period:%Y-%m}", "figures": len(rows),
        "warnings": sum(1 for row in rows if row.warning),
    })
    return len(rows)


def refresh_warnings(*, period: date) -> None:
    """Set the month's warnings again from the month before (after that month was re-taken)."""
    previous = {
        (s.family_code, s.major_code): (s.level, s.side)
        for s in SupplyDemandSnapshot.objects.filter(period=add_months(period, -1)).only(
            "family_code", "major_code", "level", "side")
    }
    changed = []
    for row in SupplyDemandSnapshot.objects.filter(period=period).only(
            "family_code", "major_code", "level", "side", "warning"):
        warning = _warned(row.level, row.side, previous.get((row.family_code, row.major_code)))
        if warning != row.warning:
            row.warning = warning
            changed.append(row)
    SupplyDemandSnapshot.objects.bulk_update(changed, ["warning"])


def snapshot_due() -> int:
    """The scheduled run: take the current month once, on the first run of the month."""
    period = month_start(timezone.localdate())
    if SupplyDemandSnapshot.objects.filter(period=period, backfilled=False).exists():
        return 0
    return snapshot_month(period=period)


def snapshot_request(*, actor) -> None:
    """The secretariat asks for the current month to be taken again now (by the worker)."""
    if not is_secretariat(actor):
        raise PermissionDenied
    transaction.on_commit(lambda: _queue(actor.pk))


def _queue(actor_id: int) -> None:
    from talent_matching.tasks.supply import supply_snapshot_task

    supply_snapshot_task.delay(actor_id=actor_id)
