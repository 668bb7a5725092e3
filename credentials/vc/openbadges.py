"""Open Badges 3.0 credentials: an ``OpenBadgeCredential`` on the W3C Verifiable Credentials
Data Model 2.0, ready to be signed by ``proofs.add_proof``.

Every ``id`` is an absolute IRI — ``urn:uuid:``, ``https:`` or ``did:`` — checked before
signing (``check_identifiers``): a JSON-LD processor silently resolves or drops a relative id,
so a field hung on one would not be covered by the signature. No text holds a control
character (``check_text``), which verifiers write differently. The subject is a random
``urn:uuid:`` made for the credential, never derived from personal data (an identity-card
number, a phone or an e-mail hashed is easy to guess back).
"""

import math
import re
import uuid
from datetime import datetime
from urllib.parse import urlsplit

from . import contexts
from .proofs import timestamp

CONTEXT = [contexts.CREDENTIALS_V2, contexts.OPEN_BADGES_V3]

# Open Badges 3.0, AchievementType: an extensible vocabulary ("ext:" + a name of one's own).
ACHIEVEMENT_TYPES = frozenset(
    """Achievement ApprenticeshipCertificate Assessment Assignment AssociateDegree Award Badge BachelorDegree
    Certificate CertificateOfCompletion Certification CommunityService Competency Course CoCurricular Degree
    Diploma DoctoralDegree Fieldwork GeneralEducationDevelopment JourneymanCertificate LearningProgram License
    Membership ProfessionalDoctorate QualityAssuranceCredential MasterCertificate MasterDegree MicroCredential
    ResearchDoctorate SecondarySchoolDiploma""".split()
)
_EXTENSION = re.compile(r"ext:[A-Za-z0-9._-]+")
_UUID_URN = re.compile(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_DID = re.compile(r"did:[a-z0-9]+:[A-Za-z0-9._:%-]*[A-Za-z0-9._%-](#[A-Za-z0-9._~!$&'()*+,;=:@/?%-]*)?")
_FORBIDDEN = re.compile(r"[\x00-\x20<>\"{}|\\^`\x7f]")

# Properties whose string values are IRIs in the documents the portal signs.
IRI_PROPERTIES = frozenset({"id", "@id", "issuer", "statusListCredential", "verificationMethod", "controller"})


class InvalidIdentifier(ValueError):
    """An id (or another IRI) that is not absolute; ``path`` says where it is."""

    def __init__(self, path: str, value):
        self.path = path
        self.value = value
        super().__init__(
            f"The identifier at {path} is {value!r}, which is not an absolute IRI "
            "(urn:uuid:…, https://… or did:…); nothing is signed."
        )


def is_absolute_identifier(value) -> bool:
    """A ``urn:uuid:`` with a UUID, an ``https:`` URL with a host, or a DID (with an optional
    fragment), with no character an IRI may not hold."""
    if not isinstance(value, str) or _FORBIDDEN.search(value):
        return False
    if value.startswith("urn:uuid:"):
        return _UUID_URN.fullmatch(value) is not None
    if value.startswith("https://"):
        try:
            parts = urlsplit(value)
        except ValueError:
            return False
        return bool(parts.hostname)
    return _DID.fullmatch(value) is not None


def check_identifiers(document, path: str = "") -> None:
    """Raise InvalidIdentifier for the first id (or IRI-valued property) anywhere in the
    document that is not an absolute IRI."""
    if isinstance(document, dict):
        for key, value in document.items():
            if key == "@context":
                continue
            where = f"{path}.{key}" if path else key
            if key in IRI_PROPERTIES and not isinstance(value, (dict, list)):
                if not is_absolute_identifier(value):
                    raise InvalidIdentifier(where, value)
            else:
                check_identifiers(value, where)
    elif isinstance(document, list):
        for index, item in enumerate(document):
            check_identifiers(item, f"{path}[{index}]")


# Control characters (other than tab, line feed and carriage return) are written escaped in
# RDFC-1.0 but raw by URDNA2015, which pyld-based verifiers still follow: a credential holding
# one verifies with some verifiers and not with others. No certificate needs one.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class InvalidText(ValueError):
    """Text holding a control character; ``path`` says where."""

    def __init__(self, path: str):
        self.path = path
        super().__init__(f"The text at {path} holds a control character; nothing is signed.")


def check_text(document, path: str = "") -> None:
    """Raise InvalidText for the first string anywhere in the document (keys included) that
    holds a control character other than tab, line feed and carriage return."""
    if isinstance(document, dict):
        for key, value in document.items():
            where = f"{path}.{key}" if path else key
            if _CONTROL.search(key):
                raise InvalidText(where)
            check_text(value, where)
    elif isinstance(document, list):
        for index, item in enumerate(document):
            check_text(item, f"{path}[{index}]")
    elif isinstance(document, str) and _CONTROL.search(document):
        raise InvalidText(path)


def new_urn() -> str:
    """A random identifier: ``urn:uuid:`` and a version 4 UUID."""
    return uuid.uuid4().urn


def _number(value):
    """Credits as JSON numbers both JSON-LD processors read alike: a whole number as an
    integer (JavaScript cannot tell 3.0 from 3, and writes it "3"), else a float."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise ValueError(f"{value!r} is not a number of credits.")
    return int(value) if float(value).is_integer() else float(value)


def _text(value, what):
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"The {what} is empty.")
    return value


def achievement(
    *,
    achievement_id: str,
    name: str,
    description: str,
    criteria: str,
    achievement_type: str,
    field_of_study: str | None = None,
    human_code: str | None = None,
    credits_available: float | None = None,
) -> dict:
    """An ``Achievement``: what was achieved, under which criteria."""
    if achievement_type not in ACHIEVEMENT_TYPES and not _EXTENSION.fullmatch(achievement_type):
        raise ValueError(f"{achievement_type!r} is not an Open Badges achievement type (nor an ext: one).")
    result = {
        "id": achievement_id,
        "type": ["Achievement"],
        "name": _text(name, "achievement's name"),
        "description": _text(description, "achievement's description"),
        "criteria": {"narrative": _text(criteria, "criteria")},
        "achievementType": achievement_type,
    }
    if field_of_study:
        result["fieldOfStudy"] = field_of_study
    if human_code:
        result["humanCode"] = human_code
    if credits_available is not None:
        result["creditsAvailable"] = _number(credits_available)
    return result


def open_badge_credential(
    *,
    issuer_id: str,
    issuer_name: str,
    achievement: dict,
    valid_from: datetime,
    valid_until: datetime | None = None,
    name: str | None = None,
    description: str | None = None,
    credential_id: str | None = None,
    subject_id: str | None = None,
    issuer_url: str | None = None,
    credential_status: list[dict] = (),
) -> dict:
    """An unsigned ``OpenBadgeCredential``. ``credential_id`` and ``subject_id`` default to new
    random ``urn:uuid:`` identifiers; ``credential_status`` holds Bitstring Status List
    entries (``status_list.status_entry``)."""
    if valid_until is not None and valid_until <= valid_from:
        raise ValueError("A credential must be valid for some time: validUntil comes after validFrom.")
    issuer = {"id": issuer_id, "type": ["Profile"], "name": _text(issuer_name, "issuer's name")}
    if issuer_url:
        issuer["url"] = issuer_url
    document = {
        "@context": list(CONTEXT),
        "id": credential_id or new_urn(),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer,
        "validFrom": timestamp(valid_from),
    }
    if valid_until is not None:
        document["validUntil"] = timestamp(valid_until)
    document["name"] = _text(name or achievement["name"], "credential's name")
    if description:
        document["description"] = description
    document["credentialSubject"] = {
        "id": subject_id or new_urn(),
        "type": ["AchievementSubject"],
        "achievement": achievement,
    }
    if credential_status:
        document["credentialStatus"] = list(credential_status)
    check_identifiers(document)
    check_text(document)
    return document
