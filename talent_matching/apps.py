from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentMatchingConfig(AppConfig):
    name = "talent_matching"
    verbose_name = _("Talent matching")
