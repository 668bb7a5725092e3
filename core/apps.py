from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground every app stands on, knowing no domain: the audit trail, the API and
    admin-console bases, caching, HTTP helpers, and the registry through which apps plug
    their menu entries, home panels, API routes and periodic tasks into the site."""

    name = "core"
    verbose_name = _("Audit trail")

    def ready(self):
        from core import audit

        audit.connect_signals()
