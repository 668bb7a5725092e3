"""The text formats of the log, with no database: C2SP signed notes (Ed25519, type 0x01), verifier
keys, checkpoints, timestamped cosignatures (cosignature/v1, type 0x04) and tlog-proof bundles.

https://c2sp.org/signed-note  https://c2sp.org/tlog-checkpoint  https://c2sp.org/tlog-cosignature
https://c2sp.org/tlog-proof
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

ED25519 = 0x01
COSIGNATURE_V1 = 0x04
DASH = "\u2014"
MAX_SIGNATURES = 100
TLOG_PROOF_HEADER = "c2sp.org/tlog-proof@v1"
_NAME = re.compile(r"^[^\s+]+$")


class NoteError(ValueError):
    """A note, key or checkpoint that is malformed or does not verify."""


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise NoteError(f"not base64: {text[:40]!r}") from None


def valid_name(name: str) -> bool:
    return bool(_NAME.match(name))


def key_id(name: str, signature_type: int, public_key: bytes) -> bytes:
    """SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4]."""
    return hashlib.sha256(name.encode() + b"\n" + bytes([signature_type]) + public_key).digest()[:4]


def public_bytes(private_key: Ed25519PrivateKey) -> bytes:
    return private_key.public_key().public_bytes_raw()


@dataclass(frozen=True)
class Verifier:
    """A verifier key: a name, a signature type and an Ed25519 public key."""

    name: str
    signature_type: int
    public_key: bytes

    @property
    def key_id(self) -> bytes:
        return key_id(self.name, self.signature_type, self.public_key)

    @property
    def vkey(self) -> str:
        return f"{self.name}+{self.key_id.hex()}+{b64(bytes([self.signature_type]) + self.public_key)}"

    @classmethod
    def parse(cls, vkey: str) -> "Verifier":
        """``<name>+<hex key id>+<base64(type ‖ key)>``; the id must match the key."""
        parts = vkey.strip().split("+", 2)
        if len(parts) != 3 or not valid_name(parts[0]) or not re.fullmatch(r"[0-9a-f]{8}", parts[1]):
            raise NoteError(f"not a verifier key: {vkey!r}")
        material = unb64(parts[2])
        if len(material) != 33 or material[0] not in (ED25519, COSIGNATURE_V1):
            raise NoteError(f"not an Ed25519 or cosignature/v1 verifier key: {vkey!r}")
        verifier = cls(parts[0], material[0], material[1:])
        if verifier.key_id.hex() != parts[1]:
            raise NoteError(f"the key id of {parts[0]} does not match its key")
        return verifier

    def verify(self, text: str, signature: bytes) -> int | None:
        """True-ish when the signature (without its key id) is good: the cosignature's timestamp,
        or 0 for a plain Ed25519 signature; None when it is not."""
        key = Ed25519PublicKey.from_public_bytes(self.public_key)
        if self.signature_type == ED25519:
            message, raw, timestamp = text.encode(), signature, 0
        else:
            if len(signature) != 72:
                return None
            timestamp = int.from_bytes(signature[:8], "big")
            message, raw = cosigned_message(text, timestamp), signature[8:]
            if timestamp >= 2**63:
                return None
        try:
            key.verify(raw, message)
        except InvalidSignature:
            return None
        return timestamp


@dataclass(frozen=True)
class Signature:
    name: str
    key_id: bytes
    signature: bytes  # without the key id

    @property
    def line(self) -> str:
        return f"{DASH} {self.name} {b64(self.key_id + self.signature)}\n"


def cosigned_message(text: str, timestamp: int) -> bytes:
    return f"cosignature/v1\ntime {timestamp}\n".encode() + text.encode()


def sign(text: str, *, name: str, private_key: Ed25519PrivateKey) -> Signature:
    """A note signature (type 0x01) over ``text``."""
    return Signature(name, key_id(name, ED25519, public_bytes(private_key)), private_key.sign(text.encode()))


def cosign(text: str, *, name: str, private_key: Ed25519PrivateKey, timestamp: int) -> Signature:
    """A cosignature/v1 (type 0x04) over a checkpoint's text, at ``timestamp`` (POSIX seconds)."""
    signature = private_key.sign(cosigned_message(text, timestamp))
    return Signature(
        name, key_id(name, COSIGNATURE_V1, public_bytes(private_key)), timestamp.to_bytes(8, "big") + signature
    )


def _check_text(text: str) -> None:
    if not text.endswith("\n") or any(ord(c) < 0x20 and c != "\n" for c in text):
        raise NoteError("a note's text ends in a newline and holds no control characters")


def render(text: str, signatures: Iterable[Signature | str]) -> str:
    _check_text(text)
    lines = [s if isinstance(s, str) else s.line for s in signatures]
    return text + "\n" + "".join(lines)


def parse_signature_line(line: str) -> Signature:
    """``— <name> <base64(key id ‖ signature)>`` (without its newline)."""
    parts = line.split(" ")
    if len(parts) != 3 or parts[0] != DASH or not valid_name(parts[1]):
        raise NoteError(f"not a signature line: {line[:60]!r}")
    raw = unb64(parts[2])
    if len(raw) < 5:
        raise NoteError(f"a signature too short in {line[:60]!r}")
    return Signature(parts[1], raw[:4], raw[4:])


def split(note: str) -> tuple[str, list[Signature]]:
    """The text (with its final newline) and the signatures of a signed note, unverified."""
    if not note.endswith("\n") or any(ord(c) < 0x20 and c != "\n" for c in note):
        raise NoteError("a note ends in a newline and holds no control characters")
    cut = note.rfind("\n\n")
    if cut < 0:
        raise NoteError("a note has a blank line before its signatures")
    text, block = note[:cut + 1], note[cut + 2:]
    lines = block.split("\n")[:-1]
    if not lines:
        raise NoteError("a note has at least one signature")
    if len(lines) > MAX_SIGNATURES:
        raise NoteError("too many signatures")
    return text, [parse_signature_line(line) for line in lines]


def open_note(note: str, verifiers: Sequence[Verifier]) -> tuple[str, dict[Verifier, int]]:
    """Verify a note against known keys: the text and, per key whose signature verified, its
    timestamp (0 for plain signatures). Signatures from unknown keys are ignored; a bad signature
    from a known key, or no good one at all, raises NoteError."""
    text, signatures = split(note)
    known = {(v.name, v.key_id): v for v in verifiers}
    verified: dict[Verifier, int] = {}
    for signature in signatures:
        verifier = known.get((signature.name, signature.key_id))
        if verifier is None:
            continue
        timestamp = verifier.verify(text, signature.signature)
        if timestamp is None:
            raise NoteError(f"invalid signature for key {signature.name}+{signature.key_id.hex()}")
        verified[verifier] = timestamp
    if not verified:
        raise NoteError("no signature from a known key")
    return text, verified


# --- checkpoints -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "".join(f"{line}\n" for line in (self.origin, str(self.size), b64(self.root), *self.extensions))

    @classmethod
    def parse(cls, text: str) -> "Checkpoint":
        if not text.endswith("\n"):
            raise NoteError("a checkpoint ends in a newline")
        lines = text[:-1].split("\n")
        if len(lines) < 3 or any(not line for line in lines):
            raise NoteError("a checkpoint has an origin, a size and a root hash, on non-empty lines")
        origin, size, root = lines[:3]
        if not re.fullmatch(r"0|[1-9][0-9]*", size):
            raise NoteError(f"not a tree size: {size!r}")
        root_bytes = unb64(root)
        if len(root_bytes) != 32:
            raise NoteError("a root hash is 32 bytes")
        return cls(origin, int(size), root_bytes, tuple(lines[3:]))


# --- tlog-proof --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TlogProof:
    index: int
    proof: tuple[bytes, ...]
    checkpoint_note: str
    extra: bytes | None = None

    def render(self) -> str:
        lines = [TLOG_PROOF_HEADER]
        if self.extra is not None:
            lines.append(f"extra {b64(self.extra)}")
        lines.append(f"index {self.index}")
        lines += [b64(h) for h in self.proof]
        return "\n".join(lines) + "\n\n" + self.checkpoint_note

    @classmethod
    def parse(cls, text: str) -> "TlogProof":
        head, sep, note = text.partition("\n\n")
        if not sep:
            raise NoteError("a tlog proof has a blank line before its checkpoint")
        lines = head.split("\n")
        if lines[0] != TLOG_PROOF_HEADER:
            raise NoteError(f"a tlog proof starts with {TLOG_PROOF_HEADER}")
        position, extra = 1, None
        if len(lines) > 1 and lines[1].startswith("extra "):
            extra, position = unb64(lines[1][6:]), 2
        if len(lines) <= position or not re.fullmatch(r"index (0|[1-9][0-9]*)", lines[position]):
            raise NoteError("a tlog proof names the index of its entry")
        proof = tuple(unb64(line) for line in lines[position + 1:])
        if any(len(h) != 32 for h in proof):
            raise NoteError("an inclusion proof's hashes are 32 bytes")
        return cls(int(lines[position][6:]), proof, note, extra)
