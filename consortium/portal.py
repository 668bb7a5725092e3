"""The site's own place in its navigation and home page, and the consortium-level panels
and announcements (see ``core.portal``)."""

from django.utils.translation import gettext_lazy as _

from consortium import access as consortium_access
from consortium import api
from core.portal import ApiRoute, HomePanel, MenuEntry, Section
from members import access
from members.models import Role


def _anyone(user) -> bool:
    return True


def _visitor(user) -> bool:
    return not user.is_authenticated


MENU = [
    MenuEntry(_("Home"), "home", _anyone, "", order=0),
    MenuEntry(_("About"), "about", _visitor, "about", order=10),
    MenuEntry(_("Announcements"), "announcements:list", _anyone, "announcements", order=15),
    MenuEntry(_("Audit trail"), "audit_list", access.can_view_audit, "audit", order=90),
]

API_ROUTES = [ApiRoute("announcements", api.AnnouncementViewSet, "announcement")]

API_SCOPES = {"announcements": _("Announcements")}

AUDIT_EVENTS = {
    "announcement.published": _("Announcement published"),
    "announcement.withdrawn": _("Announcement withdrawn"),
}
def _welcome(user) -> list[Section]:
    if user.is_authenticated:
        return []
    return [
        Section(
            _("One portal for schools, enterprises and government"),
            _("The portal lists the consortium's member organisations, takes applications to join, lets each "
              "member's administrators give their people their roles, records every change in an audit trail "
              "and connects members' own systems through an API."),
            [(_("About the consortium"), "about"), (_("Member directory"), "members:organization_list")],
        ),
        Section(
            _("Verify a certificate"),
            _("Anyone can check whether a credential issued by a member of the consortium is genuine and valid: "
              "scan the QR code on its certificate, or paste or upload its file."),
            [(_("Verify a credential"), "credentials:verify")],
        ),
        Section(
            _("Join the consortium"),
            _("Schools, enterprises, research institutes and associations in the city may apply; the secretariat "
              "reviews every application."),
            [(_("Apply to join"), "members:join")],
        ),
        Section(
            _("Members, sign in"),
            _("Sign in with the account your organisation's administrator gave you."),
            [(_("Sign in"), "login")],
        ),
    ]


def _council(user) -> list[Section]:
    if Role.COUNCIL_REP not in access.profile(user).roles():
        return []
    return [Section(
        _("Council"),
        _("You represent your organisation on the consortium's council. The member directory lists every "
          "member organisation, with its kind, industry and region."),
        [(_("Member directory"), "members:organization_list")],
    )]


def _oversight(user) -> list[Section]:
    if Role.OFFICER not in access.profile(user).roles():
        return []
    return [Section(
        _("Oversight"),
        _("See who belongs to the consortium: every member organisation with its kind, industry and "
          "region, searchable by name or credit code."),
        [(_("Member directory"), "members:organization_list")],
    )]


def _announcing(user) -> list[Section]:
    if not consortium_access.can_manage_announcements(user):
        return []
    return [Section(
        _("Publishing announcements"),
        _("Write notices for members and the public, attach their files, then publish them, or withdraw them "
          "when they no longer hold."),
        [(_("Manage announcements"), "announcements:manage"), (_("New announcement"), "announcements:create")],
    )]


HOME_PANELS = [
    HomePanel(_welcome, order=0),
    HomePanel(_announcing, order=15),
    HomePanel(_council, order=30),
    HomePanel(_oversight, order=60),
]
