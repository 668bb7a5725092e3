"""Demo data of the talent platform: supply and demand (供需预警).

The current month is taken from the demo's real postings and profiles (``snapshot_month``),
as the monthly task would. The eleven months before it are back-filled history, marked
``backfilled`` and said so on their pages: a red family of majors (装备制造大类, places
outrunning graduates for the last months, so it is warned about), a yellow one (电子与信息大类,
more graduates than places) and several green ones (those of the catalogue's other families that
exist here). A scripted family the real records give no figure this month is back-filled for the
current month too. Idempotent: a month's real figures are never overwritten by history."""

from __future__ import annotations

from django.db import transaction

from reference.models import Major
from talent_matching.models import SupplyDemandSnapshot, WarningThresholds
from talent_matching.services.supply import add_months, month_start, ratio_of, snapshot_month

HISTORY_MONTHS = 11

# family: (demand, supply) twelve months ago and now; the months between are drawn on a line, with a
# small seasonal swing (postings peak in spring, graduates are counted in full from July).
SCRIPT = {
    "46": ((70, 60), (130, 52)),   # 装备制造大类: red, demand exceeds supply
    "51": ((60, 70), (44, 68)),    # 电子与信息大类: yellow, supply exceeds demand
    "44": ((30, 28), (34, 30)),    # 土木建筑大类: green
    "47": ((18, 20), (21, 19)),    # 生物与化工大类: green
    "50": ((25, 24), (29, 25)),    # 交通运输大类: green
    "53": ((40, 44), (46, 41)),    # 财经商贸大类: green
}
SWING = (0, 2, 4, 6, 4, 1, -2, -3, -1, 0, 1, 0)


def _figure(family: str, step: int) -> tuple[int, int]:
    (demand_from, supply_from), (demand_to, supply_to) = SCRIPT[family]
    share = step / HISTORY_MONTHS
    demand = round(demand_from + (demand_to - demand_from) * share) + SWING[step % len(SWING)]
    supply = round(supply_from + (supply_to - supply_from) * share)
    return max(demand, 0), max(supply, 1)


@transaction.atomic
def _backfill(period, step: int, families: list[str], thresholds) -> None:
    real = set(SupplyDemandSnapshot.objects.filter(period=period, backfilled=False, major_code="").values_list(
        "family_code", flat=True))
    previous = {row.family_code: (row.level, row.side) for row in SupplyDemandSnapshot.objects.filter(
        period=add_months(period, -1), major_code="")}
    for family in families:
        if family in real:
            continue
        demand, supply = _figure(family, step)
        ratio = ratio_of(demand, supply)
        level, side = thresholds.classify(ratio, demand=demand, supply=supply)
        before = previous.get(family)
        SupplyDemandSnapshot.objects.update_or_create(period=period, family_code=family, major_code="", defaults={
            "demand": demand, "supply": supply, "matched": round(supply * 0.6), "placed": round(supply * 0.2),
            "ratio": ratio, "level": level, "side": side, "backfilled": True,
            "warning": level != "green" and before is not None and before[0] != "green" and before[1] == side,
            "demand_breakdown": {"C34|320411": demand}, "posting_ids": [], "cohorts": [],
        })


def seed(context) -> None:
    from django.utils import timezone

    current = month_start(timezone.localdate())
    snapshot_month(period=current, actor=None)
    thresholds = WarningThresholds.current()
    families = [code for code in SCRIPT if Major.objects.filter(level=Major.Level.FAMILY, family_code=code).exists()]
    for step in range(HISTORY_MONTHS + 1):
        _backfill(add_months(current, step - HISTORY_MONTHS), step, families, thresholds)
    # The current month's real figures are warned about against the history before them.
    from talent_matching.services.supply import refresh_warnings

    refresh_warnings(period=current)
