from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from consortium.api_scopes import register_api_scope
        from members import signals

        signals.connect()
        register_api_scope("members", _("Organisations and people"))
