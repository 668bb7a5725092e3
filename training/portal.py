"""The training area's place in the portal (see ``core.portal``)."""

from django.utils.translation import gettext_lazy as _

from core.portal import HomePanel, MenuEntry, Section
from members.access import profile
from members.models import Role
from training.access import can_use_training

URLS = "training/"

MENU = [MenuEntry(_("Training"), "training:index", can_use_training, "training", order=40)]


def _panels(user) -> list[Section]:
    if Role.TEACHER not in profile(user).roles():
        return []
    return [Section(
        _("Teaching"),
        _("Record your enterprise practice and training, co-develop courses with enterprises, and issue "
          "verifiable credentials to your students."),
        [(_("Training"), "training:index"), (_("Credentials"), "credentials:index")],
    )]


HOME_PANELS = [HomePanel(_panels, order=40)]
