"""JSON-LD to RDF: the fast path gives exactly the dataset pyld gives, for every string a
credential can hold, and what pyld would drop is refused on both ways."""

import copy
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credentials.vc import contexts, rdf

CONTEXT = [contexts.CREDENTIALS_V2, contexts.OPEN_BADGES_V3]


def credential(**changes):
    document = {
        "@context": list(CONTEXT),
        "id": "urn:uuid:2c1c2b7e-1f0e-4a7c-9a44-0c1b1a3e9d11",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "did:web:portal.example.cn:orgs:17", "type": ["Profile"], "name": "示例职业技术学院"},
        "validFrom": "2025-07-01T00:00:00Z",
        "name": "毕业证书",
        "credentialSubject": {
            "id": "urn:uuid:9b7c3f5e-7a3d-4d0a-8f55-2f1b6f7f0c21",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "urn:uuid:5d1f6d8a-3c1b-4f7e-9f0a-3e2d1c0b9a87",
                "type": ["Achievement"],
                "name": "机电一体化技术专业毕业",
                "description": "完成三年制高职专业学习，成绩合格。",
                "criteria": {"narrative": "修满 150 学分。"},
                "achievementType": "Diploma",
            },
        },
        "credentialStatus": [
            {
                "id": "https://portal.example.cn/credentials/status/3#94567",
                "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation",
                "statusListIndex": "94567",
                "statusListCredential": "https://portal.example.cn/credentials/status/3",
            }
        ],
    }
    document.update(changes)
    return document


def both_ways(document):
    fast = rdf.canonical_nquads(copy.deepcopy(document))
    reference = rdf.canonical_nquads(copy.deepcopy(document), fast=False)
    return fast, reference


def test_the_fast_path_gives_what_pyld_gives():
    fast, reference = both_ways(credential())
    assert fast == reference == rdf.pyld_normalize(credential())
    achievement = "<urn:uuid:5d1f6d8a-3c1b-4f7e-9f0a-3e2d1c0b9a87>"
    assert f'{achievement} <https://schema.org/name> "机电一体化技术专业毕业" .\n' in fast


def test_a_second_credential_of_the_same_shape_takes_the_compiled_template():
    rdf.canonical_nquads(credential())
    before = rdf.fast_path.compiled
    started = time.perf_counter()
    for number in range(20):
        rdf.canonical_nquads(credential(name=f"证书 {number}", id=f"urn:uuid:00000000-0000-4000-8000-{number:012d}"))
    assert rdf.fast_path.compiled == before
    assert (time.perf_counter() - started) / 20 < 0.002


texts = st.text(st.characters(codec="utf-8"), max_size=40)
iri_tails = st.text(st.characters(codec="ascii", categories=["L", "N"], include_characters="-._~/:#?=&%"), max_size=20)
iri_schemes = st.sampled_from(["urn:uuid:", "https://example.cn/", "did:web:example.cn:orgs:"])
iris = st.builds(lambda prefix, rest: prefix + rest, iri_schemes, iri_tails)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=texts,
    description=texts,
    narrative=texts,
    issuer_name=texts,
    subject=iris,
    achievement=iris,
    valid_from=texts,
    achievement_type=texts,
)
def test_any_strings_give_the_same_dataset_both_ways(
    name, description, narrative, issuer_name, subject, achievement, valid_from, achievement_type
):
    document = credential(name=name, validFrom=valid_from)
    document["issuer"]["name"] = issuer_name
    document["credentialSubject"]["id"] = subject
    inner = document["credentialSubject"]["achievement"]
    inner.update(id=achievement, description=description, achievementType=achievement_type)
    inner["criteria"]["narrative"] = narrative
    try:
        reference = rdf.canonical_nquads(copy.deepcopy(document), fast=False)
    except rdf.JsonLdError as error:
        with pytest.raises(rdf.JsonLdError) as fast_error:
            rdf.canonical_nquads(copy.deepcopy(document))
        assert str(fast_error.value) == str(error)
        return
    assert rdf.canonical_nquads(copy.deepcopy(document)) == reference


def test_pyld_writes_control_characters_as_urdna2015_did_and_rdfc_escapes_them():
    document = credential(name="tab\there, bell\x07, vertical tab\x0b, delete\x7f")
    fast, reference = both_ways(document)
    assert fast == reference
    assert '"tab\\there, bell\\u0007, vertical tab\\u000B, delete\\u007F"' in fast
    assert "bell\x07" in rdf.pyld_normalize(document)


def test_the_same_id_twice_is_one_node_on_both_ways():
    document = credential()
    document["credentialSubject"]["achievement"]["id"] = document["id"]
    fast, reference = both_ways(document)
    assert fast == reference


@pytest.mark.parametrize(
    "changes",
    [
        {"id": "name:x"},  # "name" is a term: a compact IRI a context could rewrite
        {"id": "_:b7"},  # a blank node id
        {"@context": CONTEXT + [{"nickname": "https://example.cn/nickname"}], "nickname": "小明"},  # an inline context
        {"issuer": "did:web:portal.example.cn:orgs:17"},
        {"validUntil": "2030-07-01T00:00:00Z", "awardedDate": "2025-07-01T00:00:00Z"},
    ],
    ids=["term prefix", "blank node", "inline context", "issuer as a string", "more fields"],
)
def test_documents_the_fast_path_does_not_vouch_for_still_come_out_right(changes):
    fast, reference = both_ways(credential(**changes))
    assert fast == reference


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"nickname": "小明"}, "nickname"),
        ({"id": "credentials/42"}, "not an absolute IRI"),
        ({"@context": [contexts.CREDENTIALS_V2, "https://example.cn/context.jsonld"]}, "not one the portal knows"),
    ],
    ids=["undefined term", "relative id", "unknown context"],
)
def test_what_json_ld_would_drop_or_fetch_is_refused_on_both_ways(changes, message):
    for fast in (True, False):
        with pytest.raises(rdf.JsonLdError, match=message):
            rdf.canonical_nquads(credential(**changes), fast=fast)


def test_a_poisoned_document_is_refused_in_good_time():
    nodes = [f"_:e{i}" for i in range(10)]
    document = {
        "@context": [contexts.CREDENTIALS_V2],
        "@graph": [
            {"id": node, "type": "VerifiableCredential", "credentialSubject": [o for o in nodes if o != node]}
            for node in nodes
        ],
    }
    started = time.perf_counter()
    with pytest.raises(rdf.JsonLdError, match="poisoned"):
        rdf.canonical_nquads(document)
    assert time.perf_counter() - started < 5
