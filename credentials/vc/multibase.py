"""Multibase and Multikey: how keys and signatures are written as text.

- base58btc (the Bitcoin alphabet) with the multibase prefix "z": signatures
  (``proofValue``) and keys.
- base64url without padding, multibase prefix "u": the bitstring of a status list.
- Multikey (W3C Controlled Identifiers): an Ed25519 public key is "z" + base58btc(0xed 0x01
  ‖ 32 bytes), a secret key (its 32-byte seed) "z" + base58btc(0x80 0x26 ‖ 32 bytes) — the
  multicodec codes ed25519-pub and ed25519-priv as unsigned varints.
"""

import base64

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {character: value for value, character in enumerate(ALPHABET)}

ED25519_PUB = b"\xed\x01"
ED25519_PRIV = b"\x80\x26"


class MultibaseError(ValueError):
    """Text that is not the multibase value it should be."""


def base58_encode(data: bytes) -> str:
    zeros = len(data) - len(data.lstrip(b"\0"))
    number = int.from_bytes(data, "big")
    digits = []
    while number:
        number, remainder = divmod(number, 58)
        digits.append(ALPHABET[remainder])
    return "1" * zeros + "".join(reversed(digits))


def base58_decode(text: str) -> bytes:
    number = 0
    for character in text:
        try:
            number = number * 58 + _INDEX[character]
        except KeyError:
            raise MultibaseError(f"{character!r} is not a base58btc character.") from None
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def encode_base58btc(data: bytes) -> str:
    """Multibase base58btc: "z" + base58btc(data)."""
    return "z" + base58_encode(data)


def decode_base58btc(text: str) -> bytes:
    if not isinstance(text, str) or not text.startswith("z"):
        raise MultibaseError("A base58btc multibase value starts with “z”.")
    return base58_decode(text[1:])


def encode_base64url(data: bytes) -> str:
    """Multibase base64url without padding: "u" + base64url(data)."""
    return "u" + base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def decode_base64url(text: str) -> bytes:
    if not isinstance(text, str) or not text.startswith("u"):
        raise MultibaseError("A base64url multibase value starts with “u”.")
    body = text[1:]
    if "=" in body or any(not (c.isascii() and (c.isalnum() or c in "-_")) for c in body):
        raise MultibaseError("A base64url multibase value holds letters, digits, “-” and “_” only.")
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except ValueError as error:
        raise MultibaseError(f"Not base64url: {error}") from None


def _multikey(prefix: bytes, key: bytes) -> str:
    if len(key) != 32:
        raise MultibaseError("An Ed25519 key is 32 bytes.")
    return encode_base58btc(prefix + key)


def _key(prefix: bytes, text: str, what: str) -> bytes:
    data = decode_base58btc(text)
    if len(data) != 34 or not data.startswith(prefix):
        raise MultibaseError(f"Not an Ed25519 {what} key in Multikey form.")
    return data[2:]


def encode_public_key(key: bytes) -> str:
    """An Ed25519 public key as ``publicKeyMultibase`` ("z6Mk…")."""
    return _multikey(ED25519_PUB, key)


def decode_public_key(text: str) -> bytes:
    return _key(ED25519_PUB, text, "public")


def encode_secret_key(seed: bytes) -> str:
    """An Ed25519 secret key (its 32-byte seed) as ``secretKeyMultibase`` ("z3u2…")."""
    return _multikey(ED25519_PRIV, seed)


def decode_secret_key(text: str) -> bytes:
    return _key(ED25519_PRIV, text, "secret")
