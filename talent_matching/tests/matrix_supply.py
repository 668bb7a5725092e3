"""The talent platform's security-matrix rules: supply and demand (供需预警).

The figures and warnings are for public bodies, the secretariat and the people who act for
schools and enterprises (teachers and administrators, HR); students and visitors find nothing.
The exposure report is for public bodies, the secretariat and schools (their own); thresholds
and taking a month by hand are the secretariat's alone."""

from datetime import date

from django.utils import timezone

from talent_matching.models import SupplyDemandSnapshot, SupplyLevel, SupplySide, WarningThresholds
from tests.matrix import api, page, personas

FIGURES = {"any": personas(200, anonymous=302, student=404)}
EXPOSURE = {"any": personas(404, anonymous=302, teacher=200, officer=200, secretariat=200)}
SECRETARIAT_ONLY = {"any": personas(404, anonymous=302, secretariat=200)}
API_FIGURES = {"any": personas(200, anonymous=401, student=404)}


def _month() -> date:
    return timezone.localdate().replace(day=1)


def _snapshot(w, code="46"):
    """This month's red figure of 装备制造大类 (and of a major), warned about."""
    row, _created = SupplyDemandSnapshot.objects.get_or_create(
        period=_month(), family_code=code[:2], major_code=code if len(code) > 2 else "",
        defaults={"demand": 9, "supply": 2, "ratio": "4.50", "level": SupplyLevel.RED, "side": SupplySide.SHORTAGE,
                  "warning": True, "cohorts": [[w.orgs["school"].pk, _month().year + 1, 2]]})
    return row


def this_month(w, t):
    _snapshot(w)
    return {}


def a_family(w, t):
    _snapshot(w)
    return {"code": "46"}


def a_figure(w, t):
    _snapshot(w, "460301")
    return {"year": _month().year, "month": _month().month, "code": "460301"}


def csv_export(w, t):
    _snapshot(w)
    return {"export": "csv"}


def a_snapshot_pk(w, t):
    return {"pk": _snapshot(w).pk}


def thresholds_state(w, t):
    return WarningThresholds.objects.values_list("low_red", "low_yellow", "high_yellow", "high_red").first()


def snapshot_state(w, t):
    return list(SupplyDemandSnapshot.objects.values_list("pk", "demand", "computed_at"))


THRESHOLDS = {"low_red": "0.4", "low_yellow": "0.7", "high_yellow": "1.6", "high_red": "2.5"}

RULES: dict = {
    "talent:supply_demand": (page(kwargs=this_month, expect=FIGURES),),
    "talent:supply_family": (page(kwargs=a_family, expect=FIGURES),),
    "talent:supply_figure": (page(kwargs=a_figure, expect=FIGURES),),
    "talent:supply_warnings": (page(expect=FIGURES),),
    "talent:supply_exposure": (page(expect=EXPOSURE),),
    "talent:supply_thresholds": (
        page(expect=SECRETARIAT_ONLY),
        page(method="post", data=THRESHOLDS, state=thresholds_state,
             expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "talent:supply_snapshot": (
        page(expect={"any": personas(405, anonymous=302)}),
        page(method="post", state=snapshot_state, expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "talent:supply_export": (page(kwargs=csv_export, expect=FIGURES),),
    "supply-demand-list": (api(expect={"any": personas(200, anonymous=401)}),),
    "supply-demand-detail": (api(kwargs=a_snapshot_pk, expect=API_FIGURES),),
    "supply-warning-list": (api(expect={"any": personas(200, anonymous=401)}),),
    "supply-warning-detail": (api(kwargs=a_snapshot_pk, expect=API_FIGURES),),
}
