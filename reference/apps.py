from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    """National reference taxonomies (regions, industries), beneath every domain app."""

    name = "reference"
    verbose_name = _("Reference data")
