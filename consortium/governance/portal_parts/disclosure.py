"""What public disclosure adds to the portal: a hub section pointing at the public pages."""

from django.utils.translation import gettext_lazy as _

from core.portal import HomePanel, Section

HOME_PANELS = []
API_ROUTES = []
PERIODIC_TASKS = []
AUDIT_EVENTS = {}
TRANSPARENCY_KINDS = {}


def _hub(user) -> list:
    return [Section(_("Public disclosure"),
                    _("What the public sees without signing in: the resolutions, approved minutes and projects "
                      "marked public."),
                    [(_("Public disclosure"), "governance:public_home")])]


HOME_PANELS.append(HomePanel(build=_hub, order=900))
