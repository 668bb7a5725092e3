"""What public disclosure adds: the other parts' public sections (minutes, projects), each a
function returning (title, html) from its own selectors, gathered here for the public page."""

from django.utils.translation import gettext_lazy as _

from core.portal import HomePanel, Section

HOME_PANELS = []
API_ROUTES = []
PERIODIC_TASKS = []
AUDIT_EVENTS = {}
TRANSPARENCY_KINDS = {}

# Parts append (order, callable) pairs: callable() -> object with .title and .html, or None.
PUBLIC_SECTIONS: list = []


def public_sections() -> list:
    return [found for _order, build in sorted(PUBLIC_SECTIONS, key=lambda pair: pair[0]) if (found := build())]


def _hub(user) -> list:
    return [Section(_("Public disclosure"),
                    _("What the public sees without signing in: the resolutions, approved minutes and projects "
                      "marked public."),
                    [(_("Public disclosure"), "governance:public_home")])]


HOME_PANELS.append(HomePanel(build=_hub, order=900))
