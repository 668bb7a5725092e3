"""Multibase and Multikey encodings."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nacl.signing import SigningKey

from credentials.vc import multibase


@given(st.binary(max_size=80))
def test_base58btc_and_base64url_round_trip(data):
    assert multibase.decode_base58btc(multibase.encode_base58btc(data)) == data
    assert multibase.decode_base64url(multibase.encode_base64url(data)) == data


def test_leading_zero_bytes_are_kept_as_ones():
    assert multibase.encode_base58btc(b"\0\0\x01") == "z112"
    assert multibase.decode_base58btc("z112") == b"\0\0\x01"


def test_the_bitcoin_alphabet_and_the_multibase_prefixes():
    assert multibase.encode_base58btc(b"hello world") == "zStV1DL6CwTryKyV"
    assert multibase.encode_base64url(b"\xfb\xff") == "u-_8"
    for bad in ("StV1DL6CwTryKyV", "z0OIl", ""):
        with pytest.raises(multibase.MultibaseError):
            multibase.decode_base58btc(bad)
    for bad in ("-_8", "u-_8=", "u+/8"):
        with pytest.raises(multibase.MultibaseError):
            multibase.decode_base64url(bad)


def test_an_ed25519_public_key_is_z6mk_and_its_secret_key_z3u2():
    key = SigningKey.generate()
    public = multibase.encode_public_key(bytes(key.verify_key))
    secret = multibase.encode_secret_key(bytes(key))
    assert public.startswith("z6Mk") and secret.startswith("z3u2")
    assert multibase.decode_base58btc(public)[:2] == b"\xed\x01"
    assert multibase.decode_base58btc(secret)[:2] == b"\x80\x26"
    assert multibase.decode_public_key(public) == bytes(key.verify_key)
    assert multibase.decode_secret_key(secret) == bytes(key)


def test_a_key_of_another_kind_or_length_is_refused():
    key = bytes(SigningKey.generate().verify_key)
    with pytest.raises(multibase.MultibaseError):
        multibase.decode_public_key(multibase.encode_secret_key(key))
    with pytest.raises(multibase.MultibaseError):
        multibase.decode_public_key(multibase.encode_base58btc(b"\xed\x01" + key[:31]))
    with pytest.raises(multibase.MultibaseError):
        multibase.encode_public_key(key + b"\0")
