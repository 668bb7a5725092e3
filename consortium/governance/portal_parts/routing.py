"""What the routing part adds to the portal (see core.portal): hub sections, API routes,
scheduled jobs, audit events, transparency kinds."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.portal import ApiRoute, HomePanel, Section


def _sections(user):
    from consortium.governance import access
    from consortium.governance.access import routing as rules
    from consortium.governance.models import ACTIVE_MATTER_STATUSES

    if not access.can_use_governance(user):
        return []
    active = rules.matters_for(user).filter(status__in=ACTIVE_MATTER_STATUSES).count()
    links = [(_("Matters"), "governance:matters")]
    if rules.can_manage_matters(user):
        links += [(_("New matter"), "governance:matter_create"), (_("Settings"), "governance:routing_settings")]
    return [Section(_("Matters in progress"),
                    _("Matters move from the body that drafts them to the council for decision and to the "
                      "secretariat for execution; each step is recorded with its date and outcome."),
                    links, badge=active or None)]


HOME_PANELS = [HomePanel(build=_sections, order=45)]


def _api_routes():
    from consortium.governance.api.routing import MatterViewSet

    return [ApiRoute("governance/matters", MatterViewSet, "governance-matter")]


API_ROUTES = _api_routes()
PERIODIC_TASKS = []
AUDIT_EVENTS = {
    "matter.opened": gettext_lazy("Matter opened"),
    "matter.forwarded": gettext_lazy("Matter forwarded"),
    "matter.put_to_vote": gettext_lazy("Matter put to the vote"),
    "matter.decided": gettext_lazy("Matter decided"),
    "matter.executed": gettext_lazy("Matter carried out"),
    "matter.withdrawn": gettext_lazy("Matter withdrawn"),
    "governance.settings_changed": gettext_lazy("Governance settings changed"),
}
TRANSPARENCY_KINDS = {}
