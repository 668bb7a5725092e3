"""What the standards part adds to the portal (see core.portal): hub sections, API routes, scheduled
jobs, audit events, transparency kinds."""

from django.utils.translation import gettext_lazy as _

from core.portal import ApiRoute, HomePanel, Section


def _panel(user) -> list:
    from training.access import standards as access

    if not access.can_read_standards(user):
        return []
    links = [(_("Standards"), "training:standards")]
    if access.can_keep_standards(user):
        links.append((_("New standard"), "training:standard_create"))
    return [Section(_("Standards"), _("Industry standards and occupational skill standards, the competences they "
                                      "require, and every version side by side."), links)]


def _api():
    from training.api.standards import StandardViewSet

    return StandardViewSet


HOME_PANELS = [HomePanel(_panel, order=10)]
DASHBOARD = []
API_ROUTES = [ApiRoute("training/standards", _api(), "training-standard")]
PERIODIC_TASKS = []
AUDIT_EVENTS = {
    "standard.created": _("Standard added"),
    "standard.versioned": _("New version of a standard published"),
}
TRANSPARENCY_KINDS = {}
