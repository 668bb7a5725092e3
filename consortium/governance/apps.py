from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """The consortium as one body: its council and working bodies, meetings, votes and
    resolutions, what follows from them (action items, projects and funds, plans), the
    enterprises' responsibility credits and what is disclosed to the public. The site's
    plumbing (settings, addresses, middleware) stays in ``consortium`` itself."""

    name = "consortium.governance"
    label = "governance"
    verbose_name = _("Council governance")

    def ready(self):
        from consortium.governance import signals  # noqa: F401
