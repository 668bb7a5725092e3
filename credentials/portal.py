"""The credentials area's place in the portal (see ``core.portal``): the issuers' pages under
/credentials/, the public DID documents and status lists, its decisions and the kinds of
transparency-log entry it writes; the public verify page (linked in the footer for everyone),
the holders' wallet (我的凭证) in the menu and on the home page of students and teachers, and the
verification API."""

from django.utils.translation import gettext_lazy as _

from core.portal import ApiRoute, HomePanel, MenuEntry, Section
from credentials import access, api

URLS = "credentials/"

MENU = [
    MenuEntry(_("My credentials"), "credentials:wallet", access.may_hold_credentials, "credentials/mine", order=40),
    MenuEntry(_("Issuing credentials"), "credentials:issuing", access.is_issuer, "credentials/issuing", order=60),
]


def _issuing(user) -> list[Section]:
    """The schools whose credentials the person issues (not the secretariat's every school: it
    reaches them from the menu)."""
    if not access.is_issuer(user):
        return []
    if access.is_secretariat(user):
        return [Section(
            _("Issuing credentials"),
            _("Issue, revoke and suspend credentials on behalf of any member school, and manage their keys."),
            [(_("Issuing credentials"), "credentials:issuing")],
        )]
    return [
        Section(
            _("Credentials of %(organization)s") % {"organization": organization.name},
            _("Issue diplomas, skill certificates, awards and course completions to your students, one at a "
              "time or in batch; revoke or suspend them with a reason; manage the school's signing keys."),
            [
                (_("Issued credentials"), "credentials:issued_list", [organization.pk]),
                (_("Issue a credential"), "credentials:issue", [organization.pk]),
                (_("Batch issuance"), "credentials:batch_create", [organization.pk]),
            ],
        )
        for organization in access.issuing_organizations(user).order_by("name_zh")
    ]


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


HOME_PANELS = [HomePanel(_issuing, order=30), HomePanel(_wallet, order=40)]

# The verification route comes first: the router would otherwise read "verify" as a credential's id.
API_ROUTES = [
    ApiRoute("credentials/verify", api.CredentialVerifyViewSet, "credential-verify"),
    ApiRoute("credentials", api.CredentialViewSet, "credential"),
]

API_SCOPES = {"credentials": _("Credentials")}

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
