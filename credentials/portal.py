"""The credentials area's place in the portal (see ``core.portal``): the issuers' pages under
/credentials/, the public DID documents and status lists, its decisions and the kinds of
transparency-log entry it writes."""

from django.utils.translation import gettext_lazy as _

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
