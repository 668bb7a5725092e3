"""``did:web`` identifiers and DID documents of the organisations that issue credentials.

The path scheme: an organisation's DID is ``did:web:<host>:orgs:<id>``, where ``<id>`` is the
organisation's primary key in the portal — never its name, which may change, while a DID
must not. did:web resolves it to ``https://<host>/orgs/<id>/did.json`` (a port in the host is
written ``%3A``: ``did:web:localhost%3A8000:orgs:7``). A verification method is the DID and
a fragment naming the key: ``did:web:<host>:orgs:<id>#key-<n>``.

The DID document lists every key the organisation has used, as a ``Multikey`` verification
method with ``publicKeyMultibase`` and the time it was made (``created``); a key taken out of
use for new credentials carries ``revoked``, the time from which it signs nothing (W3C
Controlled Identifiers: proofs made at or after it are not to be accepted). Retired keys stay
listed, and stay in ``assertionMethod``, so that what they signed before still verifies after
a rotation. A compromised key is listed with ``revoked`` but taken out of ``assertionMethod``:
no verifier then accepts anything it signed.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from . import contexts, multibase
from .proofs import timestamp

ORGANIZATIONS_PATH = "orgs"
MULTIKEY = "Multikey"
# "created" is no term of the DID or Multikey contexts; the document defines it as Data
# Integrity proofs do (dcterms:created, an xsd:dateTime).
CREATED_TERM = {
    "created": {"@id": "http://purl.org/dc/terms/created", "@type": "http://www.w3.org/2001/XMLSchema#dateTime"}
}
DOCUMENT_CONTEXT = [contexts.DID_V1, contexts.MULTIKEY_V1, CREATED_TERM]

_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?")
_SEGMENT = re.compile(r"[A-Za-z0-9._-]+")
_FRAGMENT = re.compile(r"[A-Za-z0-9._-]+")


class DidError(ValueError):
    """Not a DID (or key) the portal can publish; the message says why."""


def did_web(host: str, organization_id) -> str:
    """The DID of the organisation ``organization_id`` on the portal at ``host`` (``example.cn``
    or ``example.cn:8443``)."""
    if not _HOST.fullmatch(host or ""):
        raise DidError(f"{host!r} is not a host name (with an optional port) for did:web.")
    segment = str(organization_id)
    if not _SEGMENT.fullmatch(segment):
        raise DidError(f"{segment!r} cannot be a path segment of a did:web.")
    return f"did:web:{quote(host.lower(), safe='.-')}:{ORGANIZATIONS_PATH}:{segment}"


def did_web_url(did: str) -> str:
    """Where did:web resolution fetches the DID document of ``did``."""
    if not did.startswith("did:web:") or "#" in did or "?" in did:
        raise DidError(f"{did!r} is not a did:web without a fragment.")
    host, *path = did[len("did:web:") :].split(":")
    host = host.replace("%3A", ":").replace("%3a", ":")
    if not path:
        return f"https://{host}/.well-known/did.json"
    return f"https://{host}/{'/'.join(path)}/did.json"


def verification_method_id(did: str, fragment: str) -> str:
    if not _FRAGMENT.fullmatch(fragment or ""):
        raise DidError(f"{fragment!r} cannot name a key.")
    return f"{did}#{fragment}"


@dataclass(frozen=True)
class IssuerKey:
    """One Ed25519 key of an organisation, as its DID document shows it."""

    fragment: str  # "key-1", "key-2" …: unique within the organisation, never reused
    public_key: bytes  # 32 bytes
    created: datetime
    revoked: datetime | None = None  # from then on it signs nothing new
    compromised: bool = False  # nothing it signed is to be accepted

    def in_force_at(self, moment: datetime) -> bool:
        """Whether the key was the organisation's to sign with at ``moment``."""
        return not self.compromised and self.created <= moment and (self.revoked is None or moment < self.revoked)


def verification_method(did: str, key: IssuerKey) -> dict:
    method = {
        "id": verification_method_id(did, key.fragment),
        "type": MULTIKEY,
        "controller": did,
        "publicKeyMultibase": multibase.encode_public_key(key.public_key),
        "created": timestamp(key.created),
    }
    if key.revoked is not None:
        method["revoked"] = timestamp(key.revoked)
    return method


def did_document(did: str, keys: list[IssuerKey]) -> dict:
    """The DID document of ``did`` listing ``keys`` (oldest first)."""
    if not did.startswith("did:web:"):
        raise DidError(f"{did!r} is not a did:web.")
    fragments = [key.fragment for key in keys]
    if len(set(fragments)) != len(fragments):
        raise DidError("Two keys of one organisation share a name.")
    keys = sorted(keys, key=lambda key: (key.created, key.fragment))
    methods = [verification_method(did, key) for key in keys]
    return {
        "@context": DOCUMENT_CONTEXT,
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method, key in zip(methods, keys) if not key.compromised],
    }


def find_verification_method(document: dict, method_id: str) -> dict | None:
    """The verification method ``method_id`` of a DID document, if it lists it."""
    for method in document.get("verificationMethod", []):
        if isinstance(method, dict) and method.get("id") == method_id:
            return method
    return None


def public_key_of(document: dict, method_id: str, *, purpose: str = "assertionMethod") -> bytes | None:
    """The Ed25519 public key of ``method_id`` when the DID document lists it as a Multikey
    under ``purpose``; None otherwise."""
    if method_id.split("#", 1)[0] != document.get("id"):
        return None
    if method_id not in document.get(purpose, []):
        return None
    method = find_verification_method(document, method_id)
    if method is None or method.get("type") != MULTIKEY or method.get("controller") != document.get("id"):
        return None
    try:
        return multibase.decode_public_key(method.get("publicKeyMultibase"))
    except multibase.MultibaseError:
        return None
