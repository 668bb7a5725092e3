"""did:web identifiers and the DID documents listing an organisation's keys."""

from datetime import UTC, datetime

import pytest

from credentials.tests.issuing import HOST, issuer_with_keys
from credentials.vc import did, multibase, rdf


def test_an_organisation_is_did_web_host_orgs_id():
    assert did.did_web(HOST, 17) == "did:web:portal.example.cn:orgs:17"
    assert did.did_web_url("did:web:portal.example.cn:orgs:17") == "https://portal.example.cn/orgs/17/did.json"


def test_a_port_is_written_percent_3a_and_read_back():
    identifier = did.did_web("localhost:8000", 7)
    assert identifier == "did:web:localhost%3A8000:orgs:7"
    assert did.did_web_url(identifier) == "https://localhost:8000/orgs/7/did.json"


def test_a_host_alone_resolves_to_the_well_known_address():
    assert did.did_web_url("did:web:portal.example.cn") == "https://portal.example.cn/.well-known/did.json"


@pytest.mark.parametrize(
    "host, organization", [("", 1), ("portal example.cn", 1), ("portal.example.cn/x", 1), (HOST, "a b"), (HOST, "7:8")]
)
def test_what_cannot_make_a_did_web_is_refused(host, organization):
    with pytest.raises(did.DidError):
        did.did_web(host, organization)


def test_the_document_lists_every_key_as_a_multikey_with_its_dates():
    issuer = issuer_with_keys()
    document = issuer.document()
    assert document["@context"][:2] == ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]
    assert document["id"] == issuer.did
    retired, current = document["verificationMethod"]
    assert retired == {
        "id": f"{issuer.did}#key-1",
        "type": "Multikey",
        "controller": issuer.did,
        "publicKeyMultibase": multibase.encode_public_key(issuer.keys[0].public_key),
        "created": "2024-01-01T00:00:00Z",
        "revoked": "2025-01-01T00:00:00Z",
    }
    assert current["id"] == f"{issuer.did}#key-2" and "revoked" not in current
    assert current["publicKeyMultibase"].startswith("z6Mk")
    # Retired keys keep asserting what they signed before the rotation.
    assert document["assertionMethod"] == [f"{issuer.did}#key-1", f"{issuer.did}#key-2"]


def test_a_compromised_key_is_listed_but_asserts_nothing():
    issuer = issuer_with_keys()
    issuer.add_key(
        "key-3", datetime(2025, 6, 1, tzinfo=UTC), revoked=datetime(2025, 7, 1, tzinfo=UTC), compromised=True
    )
    document = issuer.document()
    assert [m["id"].split("#")[1] for m in document["verificationMethod"]] == ["key-1", "key-2", "key-3"]
    assert f"{issuer.did}#key-3" not in document["assertionMethod"]
    assert did.public_key_of(document, f"{issuer.did}#key-3") is None


def test_every_term_of_the_document_is_defined_by_its_contexts():
    expanded = rdf.expand(issuer_with_keys().document())
    method = expanded[0]["https://w3id.org/security#verificationMethod"][0]
    assert method["http://purl.org/dc/terms/created"][0]["@type"] == "http://www.w3.org/2001/XMLSchema#dateTime"
    assert "https://w3id.org/security#revoked" in method


def test_the_public_key_of_a_method_the_document_asserts():
    issuer = issuer_with_keys()
    document = issuer.document()
    assert did.public_key_of(document, f"{issuer.did}#key-2") == issuer.keys[1].public_key
    assert did.public_key_of(document, f"{issuer.did}#key-9") is None
    assert did.public_key_of(document, f"did:web:{HOST}:orgs:18#key-2") is None


def test_a_key_is_in_force_from_its_creation_until_it_is_revoked():
    retired, current = issuer_with_keys().keys
    assert retired.in_force_at(datetime(2024, 6, 1, tzinfo=UTC))
    assert not retired.in_force_at(datetime(2025, 1, 1, tzinfo=UTC))
    assert not current.in_force_at(datetime(2024, 6, 1, tzinfo=UTC))
    assert current.in_force_at(datetime(2030, 1, 1, tzinfo=UTC))


def test_two_keys_of_one_name_are_refused():
    issuer = issuer_with_keys()
    issuer.add_key("key-2", datetime(2025, 6, 1, tzinfo=UTC))
    with pytest.raises(did.DidError):
        issuer.document()
