"""The training app's place in the portal (see ``core.portal``): its pages under /training/, one
menu entry whose hub gathers what each part offers the person, a home panel of what waits for
them, and each part's API routes, scheduled jobs, audit events and transparency kinds, declared
in ``portal_parts/<part>.py``."""

from django.utils.translation import gettext_lazy as _

from core.portal import HomePanel, MenuEntry, Section
from training import access as _access
from training.portal_parts import (
    bases, competitions, courses, employees, mentors, pathways, resources, standards, teachers,
)

PARTS = (standards, courses, resources, teachers, mentors, employees, bases, competitions, pathways)

URLS = "training/"

MENU = [MenuEntry(_("Training"), "training:home", _access.can_use_training, "training", order=37)]
# The hub's sections (shown on /training/).
HUB_PANELS = [panel for part in PARTS for panel in part.HOME_PANELS]


def _dashboard(user) -> list:
    """产教协同培训 on the home page: what waits for this person, gathered from every part's
    ``DASHBOARD`` (functions from the person to (label, URL name, count) lines)."""
    if not _access.can_use_training(user):
        return []
    lines = [line for part in PARTS for build in part.DASHBOARD for line in build(user)]
    lines = [(label, url, count) for label, url, count in lines if count]
    if not lines:
        return []
    return [Section(_("Training"), _("What waits for you in courses, training records, bases and competitions."),
                    [(f"{label} ({count})", url) for label, url, count in lines],
                    badge=sum(count for _label, _url, count in lines))]


HOME_PANELS = [HomePanel(build=_dashboard, order=35)]
API_ROUTES = [route for part in PARTS for route in part.API_ROUTES]
PERIODIC_TASKS = [task for part in PARTS for task in part.PERIODIC_TASKS]
AUDIT_EVENTS = {key: label for part in PARTS for key, label in part.AUDIT_EVENTS.items()}
API_SCOPES = {"training": _("Courses and training")}
TRANSPARENCY_KINDS = {key: digest for part in PARTS for key, digest in part.TRANSPARENCY_KINDS.items()}
