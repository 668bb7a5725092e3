"""Private keys sealed at rest: AES-256-GCM under the key of ``settings.PRIVATE_KEY_SEAL_KEY``.

A sealed value is ``0x01 ‖ 12-byte nonce ‖ ciphertext ‖ 16-byte tag``; the leading byte names the
format, so that another scheme can follow without guessing. ``purpose`` (say
``"transparency.log-key"``) is bound to the value as associated data: a value sealed for one
purpose does not open as another. The key comes from the environment (32 random bytes, base64);
with DEBUG on and none set, a fixed development key is used, and with DEBUG off the settings refuse
to start without a real one (``consortium/settings.py``).

https://cryptography.io/en/latest/hazmat/primitives/aead/#cryptography.hazmat.primitives.ciphers.aead.AESGCM
"""

from __future__ import annotations

import base64
import binascii
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

FORMAT = b"\x01"
NONCE_BYTES = 12


class SealError(Exception):
    """A sealed value that does not open: another key, another purpose, or damaged."""


def decode_key(text: str) -> bytes:
    """The 32 key bytes of a base64 value; ValueError saying what is wrong otherwise."""
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("it is not base64") from None
    if len(key) != 32:
        raise ValueError(f"it decodes to {len(key)} bytes, not 32")
    return key


def _cipher() -> AESGCM:
    return AESGCM(decode_key(settings.PRIVATE_KEY_SEAL_KEY))


def seal(plaintext: bytes, *, purpose: str) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return FORMAT + nonce + _cipher().encrypt(nonce, bytes(plaintext), purpose.encode())


def unseal(sealed: bytes, *, purpose: str) -> bytes:
    sealed = bytes(sealed)
    if not sealed.startswith(FORMAT) or len(sealed) < 1 + NONCE_BYTES + 16:
        raise SealError("not a sealed value")
    nonce, ciphertext = sealed[1:1 + NONCE_BYTES], sealed[1 + NONCE_BYTES:]
    try:
        return _cipher().decrypt(nonce, ciphertext, purpose.encode())
    except InvalidTag:
        raise SealError(f"the value sealed for {purpose} does not open with this PRIVATE_KEY_SEAL_KEY") from None
