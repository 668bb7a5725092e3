"""What the plans part adds to the portal (see core.portal): hub sections, API routes,
scheduled jobs, audit events, transparency kinds."""

from django.utils.translation import gettext_lazy as _

from core.portal import ApiRoute, HomePanel, Section


def _panel(user) -> list:
    from consortium.governance.access import plans as access

    if not access.can_read_plans(user):
        return []
    links = [(_("Plans"), "governance:plans")]
    if access.can_manage_plans(user):
        links.append((_("New plan"), "governance:plan_create"))
    return [Section(_("Plans"), _("The consortium's annual work plan and training plan, item by item, and how far "
                                  "each is done."), links)]


def _api():
    from consortium.governance.api.plans import PlanViewSet

    return PlanViewSet


HOME_PANELS = [HomePanel(_panel, order=65)]
API_ROUTES = [ApiRoute("governance/plans", _api(), "governance-plan")]
PERIODIC_TASKS = []
AUDIT_EVENTS = {
    "plan.created": _("Plan created"),
    "plan.adopted": _("Plan adopted"),
    "plan.item_status": _("Plan item status changed"),
}
TRANSPARENCY_KINDS = {}
