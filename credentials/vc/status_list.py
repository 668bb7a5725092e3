"""W3C Bitstring Status List v1.0: revocation and suspension, one bit per credential.

A status list is a bitstring of at least 131,072 entries (16 KB, so that fetching it tells
the issuer little about which credential a verifier checks), index 0 the left-most bit of
the first byte, published GZIP-compressed and multibase base64url encoded ("u…") inside a
``BitstringStatusListCredential`` signed like any credential. A credential points at its
entry with a ``BitstringStatusListEntry`` (list URL, index, purpose); its bit set means
revoked (purpose ``revocation``, for good) or suspended (purpose ``suspension``, until cleared).
"""

import gzip
import io
from datetime import datetime

from . import contexts, multibase
from .proofs import timestamp

MIN_ENTRIES = 131_072
REVOCATION = "revocation"
SUSPENSION = "suspension"
PURPOSES = (REVOCATION, SUSPENSION)
ENTRY_TYPE = "BitstringStatusListEntry"
LIST_TYPE = "BitstringStatusList"
CREDENTIAL_TYPE = "BitstringStatusListCredential"


class StatusListError(ValueError):
    """A status list or entry that cannot be read; the message says why."""


class StatusList:
    """A bitstring of ``size`` one-bit entries (a multiple of 8, at least 131,072)."""

    def __init__(self, size: int = MIN_ENTRIES, bits: bytes | None = None):
        if size < MIN_ENTRIES or size % 8:
            raise StatusListError(f"A status list has at least {MIN_ENTRIES} entries, a multiple of 8.")
        self.size = size
        self.bits = bytearray(bits) if bits is not None else bytearray(size // 8)
        if len(self.bits) * 8 != size:
            raise StatusListError("The bitstring is not as long as the list.")

    def _where(self, index: int):
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < self.size:
            raise StatusListError(f"Index {index!r} is outside the list (0 to {self.size - 1}).")
        return index // 8, 0x80 >> (index % 8)

    def __getitem__(self, index: int) -> bool:
        byte, mask = self._where(index)
        return bool(self.bits[byte] & mask)

    def __setitem__(self, index: int, value: bool) -> None:
        byte, mask = self._where(index)
        if value:
            self.bits[byte] |= mask
        else:
            self.bits[byte] &= ~mask & 0xFF

    def set(self, index: int) -> None:
        self[index] = True

    def clear(self, index: int) -> None:
        self[index] = False

    def set_indexes(self) -> list[int]:
        """The indexes whose bit is set, in order."""
        found = []
        for byte_index, byte in enumerate(self.bits):
            if byte:
                found.extend(byte_index * 8 + bit for bit in range(8) if byte & (0x80 >> bit))
        return found

    def encode(self) -> str:
        """``encodedList``: "u" + base64url(GZIP(bitstring)), the same bytes for the same bits (an
        empty list of 131,072 reads as the specification's example)."""
        return multibase.encode_base64url(gzip.compress(bytes(self.bits), compresslevel=6, mtime=0))

    @classmethod
    def decode(cls, encoded: str) -> "StatusList":
        try:
            compressed = multibase.decode_base64url(encoded)
        except multibase.MultibaseError as error:
            raise StatusListError(f"The encoded list is not multibase base64url: {error}") from None
        try:
            # A list is 16 KB and up; a "GZIP bomb" would be far larger than any list.
            with gzip.GzipFile(fileobj=io.BytesIO(compressed)) as file:
                bits = file.read(16 * 1024 * 1024 + 1)
        except (OSError, EOFError) as error:
            raise StatusListError(f"The encoded list is not GZIP: {error}") from None
        if len(bits) > 16 * 1024 * 1024:
            raise StatusListError("The status list is larger than any list the portal reads.")
        if len(bits) * 8 < MIN_ENTRIES:
            raise StatusListError(f"The status list has fewer than {MIN_ENTRIES} entries.")
        return cls(len(bits) * 8, bits)


def status_entry(*, list_url: str, index: int, purpose: str) -> dict:
    """A credential's ``credentialStatus`` entry for bit ``index`` of the list at ``list_url``."""
    if purpose not in PURPOSES:
        raise StatusListError(f"{purpose!r} is not a status purpose the portal uses.")
    if not isinstance(index, int) or index < 0:
        raise StatusListError(f"{index!r} is not an index.")
    return {
        "id": f"{list_url}#{index}",
        "type": ENTRY_TYPE,
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def status_list_credential(
    *,
    list_url: str,
    issuer_id: str,
    purpose: str,
    status_list: StatusList,
    valid_from: datetime,
    valid_until: datetime | None = None,
) -> dict:
    """The unsigned ``BitstringStatusListCredential`` published at ``list_url``."""
    if purpose not in PURPOSES:
        raise StatusListError(f"{purpose!r} is not a status purpose the portal uses.")
    document = {
        "@context": [contexts.CREDENTIALS_V2],
        "id": list_url,
        "type": ["VerifiableCredential", CREDENTIAL_TYPE],
        "issuer": issuer_id,
        "validFrom": timestamp(valid_from),
    }
    if valid_until is not None:
        document["validUntil"] = timestamp(valid_until)
    document["credentialSubject"] = {
        "id": f"{list_url}#list",
        "type": LIST_TYPE,
        "statusPurpose": purpose,
        "encodedList": status_list.encode(),
    }
    return document


def entry_status(entry: dict, list_credential: dict, *, bits: StatusList | None = None) -> bool:
    """Whether the entry's bit is set in the (already verified) status list credential, whose
    bitstring may be given decoded; StatusListError when the two do not belong together or
    cannot be read."""
    if not isinstance(entry, dict) or entry.get("type") != ENTRY_TYPE:
        raise StatusListError("The status entry is not a BitstringStatusListEntry.")
    purpose = entry.get("statusPurpose")
    if purpose not in PURPOSES:
        raise StatusListError(f"The status purpose {purpose!r} is not one the portal reads.")
    try:
        index = int(entry.get("statusListIndex"))
    except (TypeError, ValueError):
        raise StatusListError("The status entry's index is not a number.") from None
    if str(index) != entry.get("statusListIndex") or index < 0:
        raise StatusListError("The status entry's index is not a number.")
    if entry.get("statusSize", 1) not in (1, "1"):
        raise StatusListError("Status entries of more than one bit are not read here.")
    if list_credential.get("id") != entry.get("statusListCredential"):
        raise StatusListError("The status list fetched is not the one the entry names.")
    types = list_credential.get("type", [])
    subject = list_credential.get("credentialSubject")
    if CREDENTIAL_TYPE not in types or not isinstance(subject, dict) or subject.get("type") != LIST_TYPE:
        raise StatusListError("The status list is not a BitstringStatusListCredential.")
    purposes = subject.get("statusPurpose")
    if purpose not in (purposes if isinstance(purposes, list) else [purposes]):
        raise StatusListError("The status list's purpose differs from the entry's.")
    return (bits or StatusList.decode(subject.get("encodedList")))[index]
