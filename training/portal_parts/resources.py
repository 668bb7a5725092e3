"""What the resources part adds to the portal (see core.portal): hub sections, API routes, scheduled
jobs, audit events, transparency kinds."""

from django.utils.translation import gettext_lazy as _

from core.portal import ApiRoute, HomePanel, Section


def _panel(user) -> list:
    from training.access import resources as access

    if not access.can_read_resources(user):
        return []
    links = [(_("Shared resource library"), "training:resources")]
    if access.can_add_resources(user):
        links.append((_("Add a resource"), "training:resource_create"))
    return [Section(_("Shared resource library"), _("Teaching resources shared across members, with their licences "
                                                    "and the organisations that own them."), links)]


def _api():
    from training.api.resources import TeachingResourceViewSet

    return TeachingResourceViewSet


HOME_PANELS = [HomePanel(_panel, order=30)]
DASHBOARD = []
API_ROUTES = [ApiRoute("training/resources", _api(), "training-resource")]
PERIODIC_TASKS = []
AUDIT_EVENTS = {
    "resource.created": _("Teaching resource added"),
    "resource.shared": _("Teaching resource shared with members"),
    "resource.unshared": _("Teaching resource no longer shared"),
    "resource.deleted": _("Teaching resource deleted"),
}
TRANSPARENCY_KINDS = {}
