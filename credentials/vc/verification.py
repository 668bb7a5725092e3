"""Verifying a credential: each check separately, with a plain reason.

``verify_credential`` reports four checks, in order:

- ``format``: a W3C VC 2.0 credential in a form the portal reads (JSON-LD its contexts define,
  absolute identifiers, dates with a time zone);
- ``signature``: the eddsa-rdfc-2022 proof holds, by a key of the credential's own issuer;
- ``status``: neither revoked nor suspended, read from the issuer's signed status lists (when
  the caller gives a way to fetch them; otherwise "not checked", and the credential is not
  reported valid — a good signature on a revoked credential is not a valid credential);
- ``expiry``: now is within validFrom … validUntil.

The services add what needs the database: the issuer is a member, its key was in force at
issuance, and the credential is in the transparency log.
"""

import hashlib
import json
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime

from cachetools import LRUCache
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from . import contexts, openbadges, proofs, status_list

PASSED, FAILED, NOT_CHECKED = "passed", "failed", "not_checked"


@dataclass(frozen=True)
class Check:
    name: str  # format, signature, status, expiry
    outcome: str  # passed, failed, not_checked
    code: str  # stable, for programs: "status.revoked", "signature.mismatch" …
    reason: str  # for people, in the active language
    detail: str = ""  # technical, in English, for logs and the curious


@dataclass(frozen=True)
class Verification:
    checks: tuple[Check, ...]
    issuer: str | None = None
    verification_method: str | None = None
    created: str | None = None
    revoked: bool = False
    suspended: bool = False
    status_lists: tuple[str, ...] = field(default=())

    @property
    def valid(self) -> bool:
        """Every check passed (one not checked is not a pass)."""
        return all(check.outcome == PASSED for check in self.checks)

    def check(self, name: str) -> Check:
        return next(check for check in self.checks if check.name == name)


def _format(message, **values):
    """``message % values``, translated when shown rather than when made."""
    return lazy(lambda: str(message) % values, str)()


def _parse_time(value):
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _issuer_id(document):
    issuer = document.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def _check_format(document):
    if not isinstance(document, dict):
        return Check("format", FAILED, "format.not_object", _("It is not a credential: a JSON object is expected."))
    context = document.get("@context")
    if not isinstance(context, list) or not context or context[0] != contexts.CREDENTIALS_V2:
        return Check(
            "format",
            FAILED,
            "format.context",
            _("Its first context is not that of W3C Verifiable Credentials 2.0."),
        )
    types = document.get("type")
    if not isinstance(types, list) or "VerifiableCredential" not in types:
        return Check("format", FAILED, "format.type", _("It is not of the type VerifiableCredential."))
    if _issuer_id(document) is None:
        return Check("format", FAILED, "format.issuer", _("It does not name its issuer."))
    if not isinstance(document.get("credentialSubject"), (dict, list)):
        return Check("format", FAILED, "format.subject", _("It does not name whom it is about."))
    try:
        openbadges.check_identifiers({k: v for k, v in document.items() if k != "proof"})
    except openbadges.InvalidIdentifier as error:
        return Check(
            "format",
            FAILED,
            "format.identifier",
            _format(
                _("The identifier at %(path)s is not an absolute address (urn:uuid:, https: or did:)."), path=error.path
            ),
            str(error),
        )
    for name in ("validFrom", "validUntil"):
        if name in document and _parse_time(document[name]) is None:
            return Check(
                "format",
                FAILED,
                "format.date",
                _format(_("Its %(field)s is not a date and time with a time zone."), field=name),
            )
    missing = open_badge_gaps(document)
    if missing:
        return Check(
            "format",
            FAILED,
            "format.open_badge",
            _format(
                _("It lacks what an Open Badges 3.0 credential must hold: %(missing)s."), missing=", ".join(missing)
            ),
        )
    return Check("format", PASSED, "format.ok", _("It is a W3C Verifiable Credential in a form the portal reads."))


def _types(node) -> list:
    kinds = node.get("type") if isinstance(node, dict) else None
    return kinds if isinstance(kinds, list) else [kinds]


def _text(node, key) -> bool:
    return isinstance(node, dict) and isinstance(node.get(key), str) and bool(node[key].strip())


def open_badge_gaps(document: dict) -> list[str]:
    """What an Open Badges 3.0 credential (``OpenBadgeCredential``) must hold and this one
    lacks, by the required properties of the Open Badges 3.0 data model: an empty list for
    other credentials and for complete ones."""
    if not {"OpenBadgeCredential", "AchievementCredential"} & set(_types(document)):
        return []
    missing = []
    context = document.get("@context", [])
    if len(context) < 2 or not str(context[1]).startswith("https://purl.imsglobal.org/spec/ob/v3p0/context"):
        missing.append("@context (Open Badges 3.0)")
    for key in ("id", "name", "validFrom"):
        if not _text(document, key):
            missing.append(key)
    issuer = document.get("issuer")
    if not (isinstance(issuer, dict) and _text(issuer, "id") and "Profile" in _types(issuer)):
        missing.append("issuer (a Profile)")
    subject = document.get("credentialSubject")
    if not (isinstance(subject, dict) and "AchievementSubject" in _types(subject)):
        missing.append("credentialSubject (an AchievementSubject)")
        return missing
    achievement = subject.get("achievement")
    if not (isinstance(achievement, dict) and "Achievement" in _types(achievement)):
        missing.append("credentialSubject.achievement (an Achievement)")
        return missing
    for key in ("id", "name", "description"):
        if not _text(achievement, key):
            missing.append(f"credentialSubject.achievement.{key}")
    if not isinstance(achievement.get("criteria"), dict) or not achievement["criteria"]:
        missing.append("credentialSubject.achievement.criteria")
    return missing


SIGNATURE_REASONS = {
    "proof.missing": ("signature.missing", _("It carries no signature.")),
    "proof.several": ("signature.several", _("It carries several signatures; the portal checks credentials with one.")),
    "proof.unsupported": (
        "signature.unsupported",
        _("Its signature is not of the kind the portal checks (Data Integrity, eddsa-rdfc-2022)."),
    ),
    "proof.purpose": ("signature.purpose", _("Its signature was not made to assert a credential.")),
    "proof.malformed": ("signature.malformed", _("Its signature is malformed.")),
    "proof.context": ("signature.malformed", _("Its signature is malformed.")),
    "proof.key": ("signature.key", _("The key named by its signature is not a key its issuer publishes.")),
    "proof.signature": (
        "signature.mismatch",
        _("The signature does not match: the credential was changed after it was signed, or signed with another key."),
    ),
}


def _check_signature(document, public_key_for, loader):
    issuer = _issuer_id(document)

    def issuer_key(method):
        if method.split("#", 1)[0] != issuer:
            raise proofs.ProofError(f"The verification method {method} is not one of the issuer {issuer}.")
        return public_key_for(method)

    result = proofs.verify_proof(document, public_key_for=issuer_key, loader=loader)
    if result.verified:
        reason = _format(
            _("The signature matches, made with the issuer's key %(method)s."), method=result.verification_method
        )
        return result, Check("signature", PASSED, "signature.ok", reason)
    if result.code == "proof.jsonld":
        return result, None  # the form is wrong: reported under format
    code, reason = SIGNATURE_REASONS[result.code]
    return result, Check("signature", FAILED, code, reason, result.reason)


# Status lists whose signature held: (their exact content, the key that verified it) → their
# bitstring. Every credential of a list names the same list; it is checked once.
_verified_lists = LRUCache(maxsize=64)
_verified_lists_lock = threading.Lock()


def _verified_list(list_credential, public_key_for, loader):
    """The bitstring of a status list credential whose signature, by its issuer's key, holds."""
    proof = list_credential.get("proof") if isinstance(list_credential, dict) else None
    method = proof.get("verificationMethod") if isinstance(proof, dict) else None
    issuer = _issuer_id(list_credential)
    key = public_key_for(method) if isinstance(method, str) and method.split("#", 1)[0] == issuer else None
    if key is None:
        raise status_list.StatusListError("The status list is not signed by a key of its issuer.")
    content = json.dumps(list_credential, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    memo = (hashlib.sha256(content.encode("utf-8")).digest(), method, bytes(key))
    with _verified_lists_lock:
        bits = _verified_lists.get(memo)
    if bits is None:
        signed = _check_signature(list_credential, public_key_for, loader)[1]
        if signed is None or signed.outcome != PASSED:
            raise status_list.StatusListError("The status list's signature does not hold.")
        bits = status_list.StatusList.decode(list_credential["credentialSubject"]["encodedList"])
        with _verified_lists_lock:
            _verified_lists[memo] = bits
    return bits


def _check_status(document, *, fetch_status_list, public_key_for, loader, now):
    """(check, revoked, suspended, lists consulted)"""
    entries = document.get("credentialStatus", [])
    entries = entries if isinstance(entries, list) else [entries]
    if not entries:
        return (
            Check("status", PASSED, "status.none", _("It has no status entry: its issuer cannot revoke it.")),
            False,
            False,
            (),
        )
    if fetch_status_list is None:
        return (
            Check("status", NOT_CHECKED, "status.not_checked", _("Not checked: no status list was consulted.")),
            False,
            False,
            (),
        )
    issuer = _issuer_id(document)
    revoked = suspended = False
    consulted = []
    for entry in entries:
        url = entry.get("statusListCredential") if isinstance(entry, dict) else None
        unreadable = _format(_("Its status list %(url)s cannot be read."), url=url or "?")
        try:
            if not isinstance(url, str):
                raise status_list.StatusListError("The status entry names no status list.")
            list_credential = fetch_status_list(url)
            consulted.append(url)
            if _issuer_id(list_credential) != issuer:
                raise status_list.StatusListError("The status list is not the credential issuer's.")
            bits = _verified_list(list_credential, public_key_for, loader)
            until = _parse_time(list_credential.get("validUntil"))
            if until is not None and until <= now:
                raise status_list.StatusListError("The status list has expired.")
            is_set = status_list.entry_status(entry, list_credential, bits=bits)
        except (status_list.StatusListError, LookupError, OSError, ValueError, TypeError) as error:
            return (
                Check("status", FAILED, "status.unreadable", unreadable, str(error)),
                revoked,
                suspended,
                tuple(consulted),
            )
        if is_set and entry["statusPurpose"] == status_list.REVOCATION:
            revoked = True
        elif is_set:
            suspended = True
    if revoked:
        return Check("status", FAILED, "status.revoked", _("Revoked by its issuer.")), True, suspended, tuple(consulted)
    if suspended:
        return Check("status", FAILED, "status.suspended", _("Suspended by its issuer.")), False, True, tuple(consulted)
    return Check("status", PASSED, "status.ok", _("Neither revoked nor suspended.")), False, False, tuple(consulted)


def _day(moment: datetime) -> str:
    """A date as people read it: the day in the portal's time zone (2029-07-14)."""
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%Y-%m-%d")


def _check_expiry(document, now):
    valid_from = _parse_time(document.get("validFrom"))
    valid_until = _parse_time(document.get("validUntil"))
    if valid_from is not None and now < valid_from:
        return Check(
            "expiry",
            FAILED,
            "expiry.not_yet",
            _format(_("Not valid before %(date)s."), date=_day(valid_from)),
        )
    if valid_until is not None and now >= valid_until:
        return Check(
            "expiry", FAILED, "expiry.expired", _format(_("Expired on %(date)s."), date=_day(valid_until))
        )
    if valid_until is not None:
        return Check("expiry", PASSED, "expiry.ok", _format(_("Valid until %(date)s."), date=_day(valid_until)))
    return Check("expiry", PASSED, "expiry.ok", _("It does not expire."))


def verify_credential(
    document,
    *,
    public_key_for,
    fetch_status_list=None,
    now: datetime | None = None,
    loader=contexts.document_loader,
) -> Verification:
    """Check ``document``. ``public_key_for(verification_method)`` returns the Ed25519 public
    key (32 bytes) the issuer publishes under that id, or None; ``fetch_status_list(url)``
    returns the status list credential at ``url`` (or raises LookupError)."""
    now = now or datetime.now(UTC)
    not_checked = _("Not checked: the credential's form is wrong.")
    form = _check_format(document)
    if form.outcome == FAILED:
        checks = [form] + [
            Check(name, NOT_CHECKED, f"{name}.not_checked", not_checked) for name in ("signature", "status", "expiry")
        ]
        return Verification(tuple(checks), issuer=_issuer_id(document) if isinstance(document, dict) else None)
    result, signature = _check_signature(document, public_key_for, loader)
    if signature is None:
        form = Check(
            "format",
            FAILED,
            "format.jsonld",
            _("It holds fields its contexts do not define, or names a context the portal does not hold."),
            result.reason,
        )
        checks = [form] + [
            Check(name, NOT_CHECKED, f"{name}.not_checked", not_checked) for name in ("signature", "status", "expiry")
        ]
        return Verification(tuple(checks), issuer=_issuer_id(document))
    status, revoked, suspended, consulted = _check_status(
        document, fetch_status_list=fetch_status_list, public_key_for=public_key_for, loader=loader, now=now
    )
    return Verification(
        (form, signature, status, _check_expiry(document, now)),
        issuer=_issuer_id(document),
        verification_method=result.verification_method,
        created=result.created,
        revoked=revoked,
        suspended=suspended,
        status_lists=consulted,
    )
