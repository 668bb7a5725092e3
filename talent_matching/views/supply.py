"""Supply and demand (供需预警) pages: the month's table per family of majors with its trends,
a family's majors, the postings and cohorts behind a figure, the warnings, the exposure report,
the secretariat's thresholds, and downloads of the table. De-identified counts only.

Whoever may not see a page finds nothing there (404); writes go through ``services.supply``."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.forms import add_service_errors
from talent_matching import access
from talent_matching.forms.supply import SupplyFilterForm, ThresholdsForm
from talent_matching.models import WarningThresholds
from talent_matching.selectors import supply as selectors
from talent_matching.services import supply as services
from talent_matching.views import supply_charts as charts
from talent_matching.views import supply_export as export_file

PAGE_SIZE = 25


def _viewer(request):
    if not access.can_view_supply_demand(request.user):
        raise Http404


def _nav(request) -> dict:
    return {"can_set_thresholds": access.can_set_supply_thresholds(request.user),
            "can_view_exposure": access.can_view_exposure(request.user)}


def _filters(request):
    form = SupplyFilterForm(request.GET or None, periods=selectors.periods())
    return form, form.values()


def _with_sparklines(figures, thresholds):
    for item in figures:
        first, last = item.trend[0][0], item.trend[-1][0]
        item.chart = charts.sparkline(
            item.trend, thresholds=thresholds,
            title=_("Demand ÷ supply of %(name)s by month") % {"name": f"{item.code} {item.name}"},
            desc=_("From %(first)s to %(last)s: %(values)s. The shaded band is balanced.") % {
                "first": f"{first:%Y-%m}", "last": f"{last:%Y-%m}",
                "values": "; ".join(f"{month:%Y-%m} {f.ratio if f and f.ratio is not None else '–'}"
                                    for month, f in item.trend)},
        )
    return figures


@login_required
def supply_demand(request):
    """The month's figures per family of majors: demand, supply, ratio, level, trend."""
    _viewer(request)
    form, values = _filters(request)
    thresholds = WarningThresholds.current()
    figures = []
    if values["period"]:
        figures = _with_sparklines(selectors.table(values["period"], industry=values["industry"],
                                                   region=values["region"], thresholds=thresholds), thresholds)
    return render(request, "talent_matching/supply/table.html", {
        "form": form, "filters": values, "figures": figures, "thresholds": thresholds,
        "warning_count": selectors.warnings(values["period"]).count() if values["period"] else 0,
        "query": request.GET.urlencode(), **_nav(request),
    })


@login_required
def supply_family(request, code):
    """A family of majors: its demand and supply by month, and the month's figures per major."""
    _viewer(request)
    form, values = _filters(request)
    period = values["period"]
    family = selectors.snapshot_for(period, code) if period and len(code) == 2 else None
    if family is None:
        raise Http404
    thresholds = WarningThresholds.current()
    [item] = selectors.table(period, industry=values["industry"], region=values["region"], family=code,
                             thresholds=thresholds)
    majors = _with_sparklines(selectors.table(period, industry=values["industry"], region=values["region"],
                                              family=code, majors=True, thresholds=thresholds), thresholds)
    chart = charts.demand_supply_chart(
        item.trend, demand_label=_("Demand"), supply_label=_("Supply"),
        title=_("Demand and supply of %(name)s by month") % {"name": f"{item.code} {item.name}"},
        desc=_("Demand (open headcount, solid line) and supply (graduating within a year, dashed line) from "
               "%(first)s to %(last)s; the figures are in the table below the chart.") % {
            "first": f"{item.trend[0][0]:%Y-%m}", "last": f"{item.trend[-1][0]:%Y-%m}"},
    )
    return render(request, "talent_matching/supply/family.html", {
        "form": form, "filters": values, "item": item, "majors": majors, "chart": chart,
        "trend": [(month, f) for month, f in reversed(item.trend)], "query": request.GET.urlencode(),
    })


@login_required
def supply_figure(request, year, month, code):
    """The postings (those the viewer may see) and the cohorts (counts per school and
    graduation year) behind one figure."""
    _viewer(request)
    try:
        period = date(year, month, 1)
    except ValueError:
        raise Http404 from None
    snapshot = selectors.snapshot_for(period, code)
    if snapshot is None:
        raise Http404
    form = SupplyFilterForm(request.GET or None, periods=[period])
    values = form.values()
    item = selectors.figure(snapshot, industry=values["industry"], region=values["region"])
    item.name = selectors.major_names([code]).get(code, "")
    postings = selectors.figure_postings(request.user, snapshot, industry=values["industry"], region=values["region"])
    page = Paginator(postings, PAGE_SIZE).get_page(request.GET.get("page"))
    hidden = len(snapshot.posting_ids) - postings.count() if not values["industry"] and not values["region"] else 0
    return render(request, "talent_matching/supply/figure.html", {
        "form": form, "filters": values, "item": item, "snapshot": snapshot, "page": page,
        "cohorts": selectors.figure_cohorts(snapshot), "small_cohort": selectors.SMALL_COHORT,
        "hidden": hidden, "period": period,
        "breakdown": selectors.demand_by_industry_and_region(snapshot, industry=values["industry"],
                                                             region=values["region"]),
    })


@login_required
def supply_warnings(request):
    """Figures outside green on the same side two months in a row, latest month first."""
    _viewer(request)
    form, values = _filters(request)
    chosen = values["period"] if request.GET.get("period") else None
    page = Paginator(selectors.warnings(chosen), PAGE_SIZE).get_page(request.GET.get("page"))
    names = selectors.major_names(row.code for row in page.object_list)
    for row in page.object_list:
        row.name = names.get(row.code, "")
    return render(request, "talent_matching/supply/warnings.html", {"form": form, "page": page, "chosen": chosen,
                                                                   **_nav(request)})


@login_required
def supply_exposure(request):
    """Exposure in the current matching run, per school and major."""
    if not access.can_view_exposure(request.user):
        raise Http404
    report = selectors.exposure(request.user)
    page = Paginator(report.rows, PAGE_SIZE * 2).get_page(request.GET.get("page"))
    return render(request, "talent_matching/supply/exposure.html", {
        "report": report, "page": page, "flag_factor": int(selectors.EXPOSURE_FLAG_FACTOR * 100),
        "all_schools": access.exposure_school_scope(request.user) is None, **_nav(request),
    })


@login_required
def supply_thresholds(request):
    """The secretariat sets the early-warning thresholds, and may take the month again now."""
    if not access.can_set_supply_thresholds(request.user):
        raise Http404
    thresholds = WarningThresholds.current()
    form = ThresholdsForm(request.POST or None, instance=thresholds)
    if request.method == "POST" and form.is_valid():
        try:
            services.thresholds_update(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The thresholds are saved. They apply from the next month taken; take the "
                                        "current month again to apply them now."))
            return redirect("talent:supply_thresholds")
    return render(request, "talent_matching/supply/thresholds.html", {"form": form, "thresholds": thresholds,
                                                                     **_nav(request)})


@login_required
@require_POST
def supply_snapshot(request):
    """The secretariat takes the current month's figures again (by the worker)."""
    if not access.can_set_supply_thresholds(request.user):
        raise Http404
    services.snapshot_request(actor=request.user)
    messages.success(request, _("The current month's figures are being taken again; reload the page in a minute."))
    return redirect("talent:supply_demand")


@login_required
def supply_export(request, export):
    """The table as shown (with its filters), as CSV or XLSX; a family's majors with ?family=."""
    _viewer(request)
    if export not in export_file.FORMATS:
        raise Http404
    form, values = _filters(request)
    family = request.GET.get("family", "")
    figures = []
    if values["period"]:
        figures = selectors.table(values["period"], industry=values["industry"], region=values["region"],
                                  family=family if len(family) == 2 else "", majors=len(family) == 2)
    return export_file.response(figures, export, period=values["period"])
