"""The talent platform's place in the portal (see ``core.portal``): its pages under /talent/,
its menu entry and home panels, API routes, scheduled jobs, decisions in the audit trail and the
kinds of transparency-log entry it writes. Each part declares here what it adds."""

URLS = "talent/"

MENU = []
HOME_PANELS = []
API_ROUTES = []
PERIODIC_TASKS = []
AUDIT_EVENTS = {}
API_SCOPES = {}
TRANSPARENCY_KINDS = {}

# --- supply ---
# 供需预警: supply and demand per family of majors and major, with early warnings.
from datetime import timedelta as _timedelta  # noqa: E402

from django.utils.translation import gettext_lazy as _  # noqa: E402

from core.portal import ApiRoute, HomePanel, MenuEntry, PeriodicTask, Section  # noqa: E402
from talent_matching import access as _access  # noqa: E402


def _supply_panel(user) -> list:
    if not _access.can_view_supply_demand(user):
        return []
    from talent_matching.selectors.supply import warnings

    from talent_matching.models import SupplyDemandSnapshot

    period = SupplyDemandSnapshot.objects.latest_period()
    count = warnings(period).count() if period else 0
    links = [(_("Supply and demand"), "talent:supply_demand"), (_("Early warnings"), "talent:supply_warnings")]
    if _access.can_set_supply_thresholds(user):
        links.append((_("Early-warning thresholds"), "talent:supply_thresholds"))
    return [Section(
        _("Supply and demand"),
        _("Open headcount against graduating students per family of majors, month by month, with early warnings."),
        links, badge=count or None,
    )]


def _supply_api_routes():
    from talent_matching.api import supply as supply_api

    return [
        ApiRoute("supply-demand/warnings", supply_api.SupplyWarningViewSet, "supply-warning"),
        ApiRoute("supply-demand", supply_api.SupplyDemandViewSet, "supply-demand"),
    ]


MENU.append(MenuEntry(_("Supply and demand"), "talent:supply_demand", _access.can_view_supply_demand,
                      "talent/supply", order=72))
HOME_PANELS.append(HomePanel(_supply_panel, order=72))
API_ROUTES.extend(_supply_api_routes())
PERIODIC_TASKS.append(PeriodicTask("talent-supply-snapshot", "talent_matching.tasks.supply.supply_snapshot_due_task",
                                   _timedelta(days=1)))
AUDIT_EVENTS.update({
    "supply.thresholds_updated": _("Early-warning thresholds changed"),
    "supply.snapshot_taken": _("Supply and demand figures taken"),
})
API_SCOPES.setdefault("talent", _("Talent platform"))
# --- end supply ---
