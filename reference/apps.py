from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    """National reference taxonomies (regions, industries, majors, occupations, skills), beneath
    every domain app."""

    name = "reference"
    verbose_name = _("Reference data")

    def ready(self):
        # The code pickers' shared suggestion lists are written once per page: the widgets
        # learn where a page starts from the request signals, connected when core.widgets loads.
        import core.widgets  # noqa: F401
