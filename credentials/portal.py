"""The credentials area's place in the portal (see ``core.portal``): the issuers' pages under
/credentials/, the public DID documents and status lists, its decisions and the kinds of
transparency-log entry it writes; the public verify page (linked in the footer for everyone),
the holders' wallet (我的凭证) in the menu and on the home page of students and teachers, and the
verification API."""

from django.utils.translation import gettext_lazy as _

from core.portal import ApiRoute, HomePanel, MenuEntry, Section
from credentials import access, api, credit_api

URLS = "credentials/"

MENU = [
    MenuEntry(_("My credentials"), "credentials:wallet", access.may_hold_credentials, "credentials/mine", order=40),
    MenuEntry(_("Issuing credentials"), "credentials:issuing", access.is_issuer, "credentials/issuing", order=60),
    # the credit bank (学分银行)
    MenuEntry(_("Credit bank"), "credentials:credit_account", access.has_credit_account, "credentials/credit/account",
              order=61),
    MenuEntry(_("Credit recognition"), "credentials:recognition_queue", access.can_recognise,
              "credentials/credit/recognition", order=62),
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


def _credit_bank(user) -> list[Section]:
    """学分银行 for students, the conversion rules for the secretariat (kept out of its long
    menu), 学分互认 for the administrators of schools (with the requests waiting for them)."""
    sections = []
    if access.has_credit_account(user):
        sections.append(Section(
            _("Credit bank"),
            _("Your valid credentials earn credits by the consortium's rules; ask another member school to "
              "recognise them."),
            [(_("My credit account"), "credentials:credit_account"), (_("Credit conversion rules"), "credentials:credit_rules")],
        ))
    if access.can_manage_credit_rules(user):
        sections.append(Section(
            _("Credit bank"),
            _("Write the consortium's credit conversion rules, publish them and withdraw them."),
            [(_("Manage the rules"), "credentials:credit_rule_manage"),
             (_("Credit conversion rules"), "credentials:credit_rules")],
        ))
    if access.can_recognise(user):
        from credentials.models import RecognitionStatus

        waiting = access.recognition_requests_for(user).filter(status=RecognitionStatus.PENDING).count()
        sections.append(Section(
            _("Credit recognition"),
            _("Students of other member schools ask your school to recognise their credits."),
            [(_("Recognition requests"), "credentials:recognition_queue")],
            badge=waiting or None,
        ))
    return sections


HOME_PANELS = [HomePanel(_issuing, order=30), HomePanel(_credit_bank, order=31), HomePanel(_wallet, order=40)]

# The verification route comes first: the router would otherwise read "verify" as a credential's id.
API_ROUTES = [
    ApiRoute("credentials/verify", api.CredentialVerifyViewSet, "credential-verify"),
    ApiRoute("credentials", api.CredentialViewSet, "credential"),
    # the credit bank (学分银行)
    ApiRoute("credit-rules", credit_api.CreditRuleViewSet, "credit-rule"),
    ApiRoute("credit-movements", credit_api.CreditMovementViewSet, "credit-movement"),
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
    # the credit bank (学分银行)
    "credit_rule.published": _("Credit rule published"),
    "credit_rule.withdrawn": _("Credit rule withdrawn"),
    "credit.recognition_requested": _("Credit recognition requested"),
    "credit.recognised": _("Credits recognised"),
    "credit.recognition_refused": _("Credit recognition refused"),
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


def _credit_movement_digest(obj_ref):
    from credentials.credit_bank import digest_of_ref

    return digest_of_ref(obj_ref)


TRANSPARENCY_KINDS = {
    "credential.issued": _credential_digest,
    "status_list.updated": _status_list_digest,
    "did.document": _did_document_digest,
    # the credit bank (学分银行)
    "credit.earned": _credit_movement_digest,
    "credit.recognised": _credit_movement_digest,
    "credit.reversed": _credit_movement_digest,
}
