"""The credentials area's place in the portal (see ``core.portal``): the issuers' pages under
/credentials/, the public DID documents and status lists, its decisions and the kinds of
transparency-log entry it writes; the public verify page (linked in the footer for everyone),
the holders' wallet (我的凭证) in the menu and on the home page of students and teachers, and the
verification API."""

from django.utils.translation import gettext_lazy as _

from core.portal import ApiRoute, HomePanel, MenuEntry, Section
from credentials import access

URLS = "credentials/"

AUDIT_EVENTS = {
    "issuer_key.created": _("Issuer key made"),
    "issuer_key.rotated": _("Issuer key rotated"),
    "credential.issued": _("Credential issued"),
    "credential.revoked": _("Credential revoked"),
    "credential.suspended": _("Credential suspended"),
    "credential.reinstated": _("Credential reinstated"),
    "batch.started": _("Batch issuance started"),
    "batch.issued": _("Credentials issued in a batch"),
    "credential.share_link_renewed": _("Credential share link renewed"),
}


def _credential_digest(obj_ref):
    from credentials.services import credential_digest

    return credential_digest(obj_ref)


def _status_list_digest(obj_ref):
    from credentials.services import status_list_digest

    return status_list_digest(obj_ref)


def _did_document_digest(obj_ref):
    from credentials.services import did_document_digest

    return did_document_digest(obj_ref)


TRANSPARENCY_KINDS = {
    "credential.issued": _credential_digest,
    "status_list.updated": _status_list_digest,
    "did.document": _did_document_digest,
}


# --- holders and verifiers ------------------------------------------------------------------

MENU = [
    MenuEntry(_("My credentials"), "credentials:wallet", access.may_hold_credentials, "credentials/mine", order=40),
]


def _api_routes():
    from credentials import api

    return [ApiRoute("credentials/verify", api.CredentialVerifyViewSet, "credential-verify")]


API_ROUTES = _api_routes()

API_SCOPES = {"credentials": _("Credentials")}


def _wallet(user) -> list[Section]:
    if not access.may_hold_credentials(user):
        return []
    count = access.wallet_of(user).count()
    if count:
        text = _("Credentials you hold, issued by members of the consortium: %(count)s. Each can be downloaded, "
                 "shared and verified by anyone.") % {"count": count}
    else:
        text = _("Credentials your school or training provider issues to you appear here, ready to download, "
                 "share and verify.")
    return [Section(
        _("My credentials"), text,
        [(_("My credentials"), "credentials:wallet"), (_("Verify a credential"), "credentials:verify")],
    )]


HOME_PANELS = [HomePanel(_wallet, order=40)]
