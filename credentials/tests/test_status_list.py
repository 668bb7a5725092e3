"""W3C Bitstring Status List v1.0."""

import gzip

import pytest

from credentials.vc import multibase, status_list
from credentials.vc.status_list import StatusList, StatusListError

# The specification's example BitstringStatusListCredential: an empty list of 131,072.
SPEC_EXAMPLE = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"


def test_a_new_list_has_131072_clear_entries_and_encodes_as_the_specification_example():
    empty = StatusList()
    assert empty.size == 131_072 and empty.set_indexes() == []
    assert empty.encode() == SPEC_EXAMPLE
    decoded = StatusList.decode(SPEC_EXAMPLE)
    assert decoded.size == 131_072 and decoded.set_indexes() == []


def test_index_zero_is_the_left_most_bit():
    entries = StatusList()
    entries.set(0)
    entries.set(9)
    entries.set(131_071)
    assert entries.bits[0] == 0x80 and entries.bits[1] == 0x40 and entries.bits[-1] == 0x01
    assert gzip.decompress(multibase.decode_base64url(entries.encode()))[:2] == b"\x80\x40"


def test_set_clear_and_read_back_through_the_encoding():
    entries = StatusList(size=262_144)
    for index in (1, 94_567, 200_000, 262_143):
        entries.set(index)
    entries.clear(200_000)
    decoded = StatusList.decode(entries.encode())
    assert decoded.size == 262_144
    assert decoded.set_indexes() == [1, 94_567, 262_143]
    assert decoded[94_567] and not decoded[94_566] and not decoded[200_000]


@pytest.mark.parametrize("size", [8, 131_064, 131_073])
def test_a_list_is_at_least_131072_entries_in_whole_bytes(size):
    with pytest.raises(StatusListError):
        StatusList(size=size)


@pytest.mark.parametrize("index", [-1, 131_072, "5", True])
def test_an_index_outside_the_list_is_refused(index):
    with pytest.raises(StatusListError):
        StatusList()[index] = True


@pytest.mark.parametrize(
    "encoded",
    [
        multibase.encode_base64url(gzip.compress(bytes(1024))),  # 8,192 entries: too short
        multibase.encode_base64url(bytes(16_384)),  # not GZIP
        "H4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA",  # no multibase prefix
        multibase.encode_base64url(gzip.compress(bytes(17 * 1024 * 1024))),  # larger than any list
    ],
    ids=["short", "not gzip", "no prefix", "bomb"],
)
def test_what_is_not_a_status_list_is_refused(encoded):
    with pytest.raises(StatusListError):
        StatusList.decode(encoded)


def test_an_entry_points_at_one_bit_of_one_list_for_one_purpose():
    entry = status_list.status_entry(
        list_url="https://portal.example.cn/orgs/17/status/revocation", index=94_567, purpose="revocation"
    )
    assert entry == {
        "id": "https://portal.example.cn/orgs/17/status/revocation#94567",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "94567",
        "statusListCredential": "https://portal.example.cn/orgs/17/status/revocation",
    }
    with pytest.raises(StatusListError):
        status_list.status_entry(list_url="https://portal.example.cn/x", index=1, purpose="refresh")


def list_credential(entries, purpose="revocation", url="https://portal.example.cn/orgs/17/status/revocation"):
    from datetime import UTC, datetime

    return status_list.status_list_credential(
        list_url=url,
        issuer_id="did:web:portal.example.cn:orgs:17",
        purpose=purpose,
        status_list=entries,
        valid_from=datetime(2026, 1, 1, tzinfo=UTC),
    )


def test_the_status_list_credential_and_reading_an_entry_from_it():
    entries = StatusList()
    entries.set(94_567)
    credential = list_credential(entries)
    assert credential["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert credential["credentialSubject"] == {
        "id": "https://portal.example.cn/orgs/17/status/revocation#list",
        "type": "BitstringStatusList",
        "statusPurpose": "revocation",
        "encodedList": entries.encode(),
    }
    url = credential["id"]
    assert status_list.entry_status(
        status_list.status_entry(list_url=url, index=94_567, purpose="revocation"), credential
    )
    assert not status_list.entry_status(
        status_list.status_entry(list_url=url, index=94_568, purpose="revocation"), credential
    )


@pytest.mark.parametrize(
    "change",
    [
        lambda entry: entry.update(statusPurpose="suspension"),
        lambda entry: entry.update(statusListCredential="https://portal.example.cn/orgs/17/status/other"),
        lambda entry: entry.update(statusListIndex="094567"),
        lambda entry: entry.update(statusListIndex="lots"),
        lambda entry: entry.update(statusListIndex="999999"),
        lambda entry: entry.update(statusSize=2),
        lambda entry: entry.update(type="StatusList2021Entry"),
    ],
    ids=["purpose", "other list", "padded index", "not a number", "outside", "two bits", "other type"],
)
def test_an_entry_that_does_not_fit_its_list_is_refused(change):
    credential = list_credential(StatusList())
    entry = status_list.status_entry(list_url=credential["id"], index=5, purpose="revocation")
    change(entry)
    with pytest.raises(StatusListError):
        status_list.entry_status(entry, credential)
