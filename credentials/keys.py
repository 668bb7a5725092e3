"""An organisation's identity as an issuer: its did:web, its keys as its DID document lists
them, the key it signs with now (unsealed only for the moment of signing), and where each
credential's status bits go.

The portal's host is the host of ``settings.PORTAL_BASE_URL``; everything a verifier fetches
(DID documents, status lists) is addressed on it with ``https``, the only scheme did:web and
the Open Badges identifiers the portal signs allow. The DID path scheme is
``did:web:<host>:orgs:<id>``, served at ``/orgs/<id>/did.json`` (``credentials.well_known_urls``).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from nacl.signing import SigningKey

from core.sealing import unseal
from credentials.models import IssuerKey, StatusList, StatusPurpose
from credentials.vc import did, status_list

KEY_PURPOSE = "credentials.issuer-key"


def portal_host() -> str:
    """The host (and port, if any) of PORTAL_BASE_URL."""
    return urlsplit(settings.PORTAL_BASE_URL).netloc


def portal_origin() -> str:
    """``https://`` and the portal's host: the origin of every address the portal signs."""
    return f"https://{portal_host()}"


def organization_did(organization) -> str:
    return did.did_web(portal_host(), organization.pk if hasattr(organization, "pk") else organization)


def did_key(key: IssuerKey) -> did.IssuerKey:
    return did.IssuerKey(key.fragment, bytes(key.public_key), key.created_at, key.retired_at, key.compromised)


def did_keys(organization) -> list[did.IssuerKey]:
    """Every key the organisation has used, oldest first, as its DID document lists them."""
    return [did_key(key) for key in IssuerKey.objects.filter(organization=organization).order_by("created_at", "pk")]


def did_document(organization) -> dict:
    return did.did_document(organization_did(organization), did_keys(organization))


def current_key(organization) -> IssuerKey | None:
    return IssuerKey.objects.filter(organization=organization, retired_at__isnull=True).first()


def signing_key(key: IssuerKey) -> SigningKey:
    """The private half of ``key``, unsealed (keep it no longer than the signing takes)."""
    return SigningKey(unseal(bytes(key.private_key_encrypted), purpose=KEY_PURPOSE))


def verification_method(key: IssuerKey) -> str:
    return did.verification_method_id(organization_did(key.organization_id), key.fragment)


def status_list_url(organization_id: int, purpose: str, number: int) -> str:
    return portal_origin() + reverse("credentials:status_list", args=[organization_id, purpose, number])


def list_url(status: StatusList) -> str:
    return status_list_url(status.organization_id, status.purpose, status.number)


def bits_of(status: StatusList) -> status_list.StatusList:
    return status_list.StatusList(status.size, bytes(status.bits))


@dataclass(frozen=True)
class Entry:
    """Where one credential's status bits are: a list and an index for each purpose."""

    revocation_list: StatusList
    revocation_index: int
    suspension_list: StatusList
    suspension_index: int

    def status_entries(self) -> list[dict]:
        return [
            status_list.status_entry(list_url=list_url(self.revocation_list), index=self.revocation_index,
                                     purpose=StatusPurpose.REVOCATION),
            status_list.status_entry(list_url=list_url(self.suspension_list), index=self.suspension_index,
                                     purpose=StatusPurpose.SUSPENSION),
        ]


def local_organization_id(did_or_method: str) -> int | None:
    """The organisation of a DID (or verification method) of this portal, if it is one."""
    prefix = did.did_web(portal_host(), 0)[: -len("0")]
    value = did_or_method.split("#", 1)[0]
    if not value.startswith(prefix) or not value[len(prefix):].isdigit():
        return None
    return int(value[len(prefix):])


def public_key_for(method: str) -> bytes | None:
    """The public key of a verification method of one of the portal's issuers, as its DID
    document publishes it (None for any other)."""
    from members.models import Organization

    organization_id = local_organization_id(method)
    if organization_id is None:
        return None
    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is None:
        return None
    return did.public_key_of(did_document(organization), method)


def fetch_status_list(url: str) -> dict:
    """The signed status list at ``url`` when it is one of the portal's; LookupError otherwise."""
    from django.urls import Resolver404, resolve

    origin = portal_origin()
    if not url.startswith(origin + "/"):
        raise LookupError(url)
    try:
        match = resolve(url[len(origin):])
    except Resolver404:
        raise LookupError(url) from None
    if match.view_name != "credentials:status_list":
        raise LookupError(url)
    status = StatusList.objects.filter(
        organization_id=match.kwargs["organization_id"], purpose=match.kwargs["purpose"], number=match.kwargs["number"]
    ).first()
    if status is None or status.document is None:
        raise LookupError(url)
    return status.document
