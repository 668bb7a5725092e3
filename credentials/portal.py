"""The credentials area's place in the portal (see ``core.portal``)."""

from django.utils.translation import gettext_lazy as _

from core.portal import MenuEntry
from credentials.access import can_use_credentials

URLS = "credentials/"

MENU = [MenuEntry(_("Credentials"), "credentials:index", can_use_credentials, "credentials", order=50)]
