from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsortiumConfig(AppConfig):
    name = "consortium"
    verbose_name = _("Consortium")

    def ready(self):
        from consortium import audit

        audit.connect_signals()
