"""The credentials area's place in the portal (see ``core.portal``): the public verify page
(linked in the footer for everyone), the holders' wallet (我的凭证) in the menu and on the home
page of students and teachers, and the verification API."""

from django.utils.translation import gettext_lazy as _

from core.portal import ApiRoute, HomePanel, MenuEntry, Section
from credentials import access, api

URLS = "credentials/"

MENU = [
    MenuEntry(_("My credentials"), "credentials:wallet", access.may_hold_credentials, "credentials/mine", order=40),
]

API_ROUTES = [
    ApiRoute("credentials/verify", api.CredentialVerifyViewSet, "credential-verify"),
]

AUDIT_EVENTS = {
    "credential.share_link_renewed": _("Credential share link renewed"),
}


def _wallet(user) -> list[Section]:
    if not access.may_hold_credentials(user):
        return []
    count = access.wallet_of(user).count()
    return [Section(
        _("My credentials"),
        _("You hold %(count)s credentials issued by members of the consortium. Each can be downloaded, "
          "shared and verified by anyone.") % {"count": count} if count else
        _("Credentials your school or training provider issues to you appear here, ready to download, "
          "share and verify."),
        [(_("My credentials"), "credentials:wallet"), (_("Verify a credential"), "credentials:verify")],
    )]


HOME_PANELS = [HomePanel(_wallet, order=40)]
