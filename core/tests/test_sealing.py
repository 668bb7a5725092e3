"""Private keys sealed at rest (core.sealing)."""

import base64
import os

import pytest

from core.sealing import SealError, seal, unseal


def test_a_sealed_value_opens_with_the_same_key_and_purpose_only(settings):
    sealed = seal(b"private key bytes", purpose="test.key")

    assert b"private key bytes" not in sealed and sealed[:1] == b"\x01"
    assert unseal(sealed, purpose="test.key") == b"private key bytes"
    with pytest.raises(SealError):
        unseal(sealed, purpose="another.key")
    settings.PRIVATE_KEY_SEAL_KEY = base64.b64encode(os.urandom(32)).decode()
    with pytest.raises(SealError, match="PRIVATE_KEY_SEAL_KEY"):
        unseal(sealed, purpose="test.key")


def test_sealing_twice_gives_different_values_and_a_damaged_one_does_not_open():
    first, second = seal(b"k", purpose="p"), seal(b"k", purpose="p")
    assert first != second
    damaged = first[:-1] + bytes([first[-1] ^ 1])
    with pytest.raises(SealError):
        unseal(damaged, purpose="p")
    with pytest.raises(SealError):
        unseal(b"plain", purpose="p")
