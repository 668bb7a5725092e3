"""The talent platform's place in the portal (see ``core.portal``)."""

from django.utils.translation import gettext_lazy as _

from core.portal import HomePanel, MenuEntry, Section
from members.access import profile
from members.models import Role
from talent_matching.access import can_use_talent_platform

URLS = "talent/"

MENU = [MenuEntry(_("Talent"), "talent_matching:index", can_use_talent_platform, "talent", order=30)]


def _panels(user) -> list[Section]:
    roles = profile(user).roles()
    sections = []
    if Role.STUDENT in roles:
        sections.append(Section(
            _("Your studies and career"),
            _("Keep your profile current, decide which enterprises may see it, apply for postings, and "
              "share your verified certificates."),
            [(_("Talent platform"), "talent_matching:index"), (_("My credentials"), "credentials:index")],
        ))
    if roles & {Role.HR, Role.ENGINEER}:
        sections.append(Section(
            _("Recruiting and co-operation"),
            _("Publish postings, see the students who match them, offer placements, and co-develop courses "
              "with the member schools."),
            [(_("Talent platform"), "talent_matching:index"), (_("Training"), "training:index")],
        ))
    return sections


HOME_PANELS = [HomePanel(_panels, order=50)]
