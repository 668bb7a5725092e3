"""The governance app's place in the portal (see ``core.portal``): its pages under /governance/,
one menu entry whose hub gathers what each part offers the person, and each part's API routes,
scheduled jobs, audit events and transparency kinds, declared in ``portal_parts/<part>.py``."""

from django.utils.translation import gettext_lazy as _

from consortium.governance import access as _access
from consortium.governance import dashboard as _dashboard
from consortium.governance.portal_parts import (
    actions, bodies, credits, disclosure, meetings, minutes, plans, projects, routing, votes,
)
from core.portal import HomePanel, MenuEntry

PARTS = (bodies, meetings, votes, minutes, routing, actions, plans, projects, credits, disclosure)

URLS = "governance/"

MENU = [MenuEntry(_("Council"), "governance:home", _access.can_use_governance, "governance", order=30)]
# The hub's sections (shown on /governance/); the home page shows what waits for the person (dashboard.py).
HUB_PANELS = [panel for part in PARTS for panel in part.HOME_PANELS]
HOME_PANELS = [HomePanel(build=_dashboard.build, order=25)]
API_ROUTES = [route for part in PARTS for route in part.API_ROUTES]
PERIODIC_TASKS = [task for part in PARTS for task in part.PERIODIC_TASKS]
AUDIT_EVENTS = {key: label for part in PARTS for key, label in part.AUDIT_EVENTS.items()}
API_SCOPES = {"governance": _("Council governance")}
TRANSPARENCY_KINDS = {key: digest for part in PARTS for key, digest in part.TRANSPARENCY_KINDS.items()}
