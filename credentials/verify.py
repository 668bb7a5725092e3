"""核验: how the portal verifies a credential, with its own data and no writes.

The standards layer (``credentials.vc.verification``) checks form, signature, status and
expiry; here it is fed from the database rather than from the network:

- the issuer's DID must be ``did:web:<portal host>:orgs:<id>`` of an organisation of the
  consortium; its keys are the ``IssuerKey`` rows (a compromised key asserts nothing);
- a status list is the ``StatusList`` row whose signed document has that URL as its id;

and two checks need the portal's records:

- ``issuer``: the organisation is an active member, and the key that signed was in force
  (made before, and not retired by) the proof's ``created`` time;
- ``log``: the portal holds a credential with this id whose stored document has exactly this
  content (same digest), its issuance is an entry of the transparency log with that digest,
  and the entry is included in the latest signed checkpoint (its inclusion proof verifies).

Each check is one line with a reason in plain words (in the active language). A valid
signature on a revoked or suspended credential is not valid: every check must pass.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from django.utils.translation import gettext_lazy as _

from credentials.models import Credential, CredentialStatus, IssuerKey, StatusList
from credentials import keys
from credentials.vc import verification
from credentials.vc.verification import FAILED, NOT_CHECKED, PASSED, Check
from members.models import Organization, OrganizationStatus
from transparency import merkle
from transparency import proofs as log_proofs
from transparency.models import LogEntry

# Bigger documents are refused before anything is parsed (paste, upload, API).
MAX_DOCUMENT_BYTES = 256 * 1024
# The order the checks are shown in.
CHECK_ORDER = ("format", "signature", "issuer", "status", "expiry", "log")
CHECK_TITLES = {
    "format": _("Format"),
    "signature": _("Signature"),
    "issuer": _("Issuer"),
    "status": _("Status"),
    "expiry": _("Validity period"),
    "log": _("Transparency log"),
}
_format = verification._format
_URN = re.compile(r"^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")


class DocumentError(ValueError):
    """What was handed in cannot be read as a credential; the message says why, for people."""


def organization_did(organization_id) -> str:
    return keys.organization_did(organization_id)


def document_digest(document: dict) -> str:
    """``sha256:<hex>`` of the document as canonical JSON (keys sorted, no spaces, UTF-8): what
    the transparency log records of an issued credential (``services.digest_of_document``),
    computed here without refusing what a document handed in from outside may hold."""
    data = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return "sha256:" + hashlib.sha256(data).hexdigest()


def parse_document(data: bytes | str) -> dict:
    """The JSON object in ``data`` (pasted or uploaded), or DocumentError with the reason."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            _format(_("It is larger than %(size)s KB; a credential is much smaller."), size=MAX_DOCUMENT_BYTES // 1024)
        )
    if not data.strip():
        raise DocumentError(_("Nothing was given: paste the credential or choose its file."))
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise DocumentError(_("It is not text in UTF-8: a credential is a JSON file.")) from None
    except (ValueError, RecursionError):
        raise DocumentError(_("It is not JSON: a credential is a JSON file, as downloaded from the portal.")) from None
    if not isinstance(document, dict):
        raise DocumentError(_("It is not a credential: a JSON object is expected."))
    return document


@dataclass(frozen=True)
class PortalVerification:
    checks: tuple[Check, ...]
    issuer: Organization | None = None
    credential: Credential | None = None  # the portal's row, when the document is one it issued
    log_index: int | None = None
    checkpoint_size: int | None = None

    @property
    def valid(self) -> bool:
        """Every check passed (one not checked is not a pass)."""
        return all(check.outcome == PASSED for check in self.checks)

    def check(self, name: str) -> Check:
        return next(check for check in self.checks if check.name == name)

    @property
    def verdict(self) -> str:
        """The headline, for programs: valid, revoked, suspended, expired, unknown_issuer or invalid."""
        if self.valid:
            return "valid"
        codes = {check.code for check in self.checks}
        for code, verdict in (("status.revoked", "revoked"), ("status.suspended", "suspended"),
                              ("expiry.expired", "expired"), ("issuer.unknown", "unknown_issuer")):
            if code in codes:
                return verdict
        return "invalid"

    def as_json(self) -> dict:
        return {
            "valid": self.valid,
            "verdict": self.verdict,
            "credential_id": self.credential.urn if self.credential else None,
            "issuer": {"id": organization_did(self.issuer.pk), "name": self.issuer.name} if self.issuer else None,
            "log_index": self.log_index,
            "checkpoint_size": self.checkpoint_size,
            "checks": [
                {"name": c.name, "outcome": c.outcome, "code": c.code, "reason": str(c.reason), "detail": c.detail}
                for c in self.checks
            ],
        }


def _organization_of(issuer_did) -> Organization | None:
    """The organisation of the consortium whose DID this is, whatever its status."""
    if not isinstance(issuer_did, str):
        return None
    prefix = organization_did(0)[: -len("0")]
    if not issuer_did.startswith(prefix):
        return None
    number = issuer_did[len(prefix):]
    if not number.isdigit() or number != str(int(number)):
        return None
    return Organization.objects.filter(pk=int(number)).first()


def _proof_created(document) -> datetime | None:
    proof = document.get("proof") if isinstance(document, dict) else None
    return verification._parse_time(proof.get("created")) if isinstance(proof, dict) else None


def _keys_of(organization) -> dict[str, IssuerKey]:
    return {key.fragment: key for key in IssuerKey.objects.filter(organization=organization)}


def _public_key_for(organization, keys):
    issuer_did = organization_did(organization.pk)

    def public_key_for(method):
        base, _hash, fragment = (method or "").partition("#")
        key = keys.get(fragment) if base == issuer_did else None
        if key is None or key.compromised:  # as the DID document lists it
            return None
        return bytes(key.public_key)

    return public_key_for


def _fetch_status_list(organization):
    def fetch(url):
        document = (
            StatusList.objects.filter(organization=organization, document__id=url)
            .values_list("document", flat=True)
            .first()
        )
        if document is None:
            raise LookupError(f"The portal holds no status list {url}.")
        return document

    return fetch


def _check_issuer(organization, keys, method, created) -> Check:
    if organization.status != OrganizationStatus.ACTIVE:
        return Check(
            "issuer", FAILED, "issuer.not_member",
            _format(_("%(name)s is not an active member of the consortium now."), name=organization.name),
        )
    fragment = (method or "").partition("#")[2]
    key = keys.get(fragment)
    if key is None or created is None:
        return Check("issuer", FAILED, "issuer.key", _("The key that signed it is not one its issuer holds."))
    in_force = not key.compromised and key.created_at <= created and (key.retired_at is None or created < key.retired_at)
    if not in_force:
        return Check(
            "issuer", FAILED, "issuer.key_not_in_force",
            _format(_("It was signed on %(date)s with a key its issuer did not use then."), date=created.date()),
        )
    return Check(
        "issuer", PASSED, "issuer.ok",
        _format(_("Issued by %(name)s, a member of the consortium, with a key in use at the time."),
                name=organization.name),
    )


def _check_log(document) -> tuple[Check, Credential | None, int | None, int | None]:
    """(check, the portal's row, log index, checkpoint size)"""
    match = _URN.match(str(document.get("id", "")))
    credential = (
        Credential.objects.select_related("achievement", "issuer").filter(uuid=match.group(1)).first()
        if match else None
    )
    if credential is None:
        return Check("log", FAILED, "log.unknown", _("The portal has no record of a credential with this id.")), None, None, None
    digest = document_digest(document)
    if credential.digest != digest or document_digest(credential.document) != digest:
        return (
            Check("log", FAILED, "log.changed",
                  _("It differs from the credential the portal issued under this id."), f"digest {digest}"),
            credential, None, None,
        )
    if credential.log_index is None:
        return Check("log", FAILED, "log.missing", _("Its issuance is not in the transparency log.")), credential, None, None
    entry = LogEntry.objects.filter(index=credential.log_index).values_list("digest", "entry", "object_ref").first()
    if entry is None or entry[0] != digest:
        return (
            Check("log", FAILED, "log.mismatch",
                  _("The transparency log records other content for it than what was given.")),
            credential, credential.log_index, None,
        )
    checkpoint = log_proofs.latest_checkpoint()
    if checkpoint is None or checkpoint.size <= credential.log_index:
        return (
            Check("log", FAILED, "log.pending",
                  _("Its log entry is not yet in a signed checkpoint; try again in a few minutes.")),
            credential, credential.log_index, None,
        )
    try:
        proof, root, _leaf = log_proofs.inclusion(credential.log_index, checkpoint.size)
    except log_proofs.ProofError as error:
        proof, root = None, b""
        detail = str(error)
    else:
        detail = ""
    leaf = merkle.leaf_hash(bytes(entry[1]))
    if proof is None or root != bytes(checkpoint.root) or not merkle.verify_inclusion(
        credential.log_index, checkpoint.size, leaf, proof, bytes(checkpoint.root)
    ):
        return (
            Check("log", FAILED, "log.proof", _("Its log entry does not prove to be in the signed log."), detail),
            credential, credential.log_index, checkpoint.size,
        )
    return (
        Check("log", PASSED, "log.ok",
              _format(_("Entry %(index)s of the transparency log, in the signed checkpoint of %(size)s entries."),
                      index=credential.log_index, size=checkpoint.size)),
        credential, credential.log_index, checkpoint.size,
    )


def _not_checked(name, reason) -> Check:
    return Check(name, NOT_CHECKED, f"{name}.not_checked", reason)


def verify_document(document, *, now: datetime | None = None) -> PortalVerification:
    """Every check of ``document`` (a parsed JSON value), as the portal makes them."""
    now = now or datetime.now(UTC)
    issuer_did = verification._issuer_id(document) if isinstance(document, dict) else None
    organization = _organization_of(issuer_did)
    if organization is None:
        checks = verification.verify_credential(document, public_key_for=lambda method: None, now=now).checks
        format_check = checks[0]
        unknown = _("Not checked: the portal checks only the credentials its members issue.")
        issuer = Check(
            "issuer", FAILED, "issuer.unknown",
            _format(_("Not issued through this portal: it names the issuer %(issuer)s, which the portal does not know."),
                    issuer=issuer_did or "?"),
        )
        if format_check.outcome == FAILED:
            issuer = _not_checked("issuer", _("Not checked: the credential's form is wrong."))
        result = (format_check, _not_checked("signature", unknown), issuer, _not_checked("status", unknown),
                  checks[3], _not_checked("log", unknown))
        return PortalVerification(result)

    keys = _keys_of(organization)
    base = verification.verify_credential(
        document,
        public_key_for=_public_key_for(organization, keys),
        fetch_status_list=_fetch_status_list(organization),
        now=now,
    )
    checks = {check.name: check for check in base.checks}
    if checks["format"].outcome == FAILED:
        checks["issuer"] = _not_checked("issuer", _("Not checked: the credential's form is wrong."))
        checks["log"] = _not_checked("log", _("Not checked: the credential's form is wrong."))
        return PortalVerification(tuple(checks[name] for name in CHECK_ORDER), issuer=organization)
    checks["issuer"] = _check_issuer(organization, keys, base.verification_method, _proof_created(document))
    checks["log"], credential, index, size = _check_log(document)
    if credential is not None and credential.issuer_id != organization.pk:
        checks["log"] = replace(checks["log"], outcome=FAILED, code="log.changed",
                                reason=_("It differs from the credential the portal issued under this id."))
    return PortalVerification(
        tuple(checks[name] for name in CHECK_ORDER), issuer=organization, credential=credential,
        log_index=index, checkpoint_size=size,
    )


def verify_stored(credential: Credential, *, now: datetime | None = None) -> PortalVerification:
    """The checks of a credential the portal issued, on its stored document."""
    return verify_document(credential.document, now=now)


def status_badge(credential: Credential) -> str:
    """The stored status as a word for the wallet: valid, suspended, revoked or expired."""
    if credential.status != CredentialStatus.ACTIVE:
        return credential.status
    if credential.valid_until is not None and credential.valid_until <= datetime.now(UTC):
        return "expired"
    return "active"
