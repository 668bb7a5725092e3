"""eddsa-rdfc-2022 proofs against the specification's test vectors, byte for byte, and the
ways a proof must fail."""

import copy

import pytest
from nacl.signing import SigningKey

from credentials.tests.vectors import EDDSA, example_loader, read_json
from credentials.vc import multibase, proofs

KEY_PAIR = read_json(EDDSA / "keyPair.json")
SEED = multibase.decode_secret_key(KEY_PAIR["privateKeyMultibase"])
PUBLIC = multibase.decode_public_key(KEY_PAIR["publicKeyMultibase"])
CASES = {
    "alumni": (EDDSA / "unsigned.json", EDDSA / "eddsa-rdfc-2022"),
    "employment": (EDDSA / "employmentAuth.json", EDDSA / "eddsa-rdfc-2022" / "employ"),
}


def text(path):
    return path.read_text(encoding="utf-8")


def key_for(method):
    return PUBLIC if method.startswith("did:key:" + KEY_PAIR["publicKeyMultibase"]) else None


def test_the_key_pair_decodes_and_its_seed_gives_its_public_key():
    assert bytes(SigningKey(SEED).verify_key) == PUBLIC
    assert multibase.encode_public_key(PUBLIC) == KEY_PAIR["publicKeyMultibase"]
    assert multibase.encode_secret_key(SEED) == KEY_PAIR["privateKeyMultibase"]


@pytest.mark.parametrize("case", CASES)
def test_every_step_matches_the_published_vectors(case):
    unsigned_path, folder = CASES[case]
    unsigned = read_json(unsigned_path)
    options = {k: v for k, v in read_json(folder / "proofConfigDataInt.json").items() if k != "@context"}
    loader = example_loader()

    canonical_doc = proofs.canonical_document(unsigned, loader=loader)
    assert canonical_doc == text(folder / "canonDocDataInt.txt")
    canonical_config = proofs.canonical_proof_configuration(options, unsigned["@context"], loader=loader)
    assert canonical_config == text(folder / "proofCanonDataInt.txt")

    data = proofs.hash_data(canonical_config, canonical_doc)
    assert data[32:].hex() == text(folder / "docHashDataInt.txt").strip()
    assert data[:32].hex() == text(folder / "proofHashDataInt.txt").strip()
    assert data.hex() == text(folder / "combinedHashDataInt.txt").strip()

    signed = proofs.add_proof(
        unsigned,
        key=SEED,
        verification_method=options["verificationMethod"],
        created=options["created"],
        loader=loader,
    )
    assert multibase.decode_base58btc(signed["proof"]["proofValue"]).hex() == text(folder / "sigHexDataInt.txt").strip()
    assert signed["proof"]["proofValue"] == text(folder / "sigBTC58DataInt.txt").strip()
    assert signed == read_json(folder / "signedDataInt.json")


@pytest.mark.parametrize("case", CASES)
def test_the_published_signed_credentials_verify(case):
    signed = read_json(CASES[case][1] / "signedDataInt.json")
    result = proofs.verify_proof(signed, public_key_for=key_for, loader=example_loader())
    assert result.verified, result.reason
    assert result.verification_method == signed["proof"]["verificationMethod"]
    assert result.created == "2023-02-24T23:36:38Z"


def alumni():
    return read_json(EDDSA / "eddsa-rdfc-2022" / "signedDataInt.json")


def check(document):
    return proofs.verify_proof(document, public_key_for=key_for, loader=example_loader())


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(name="Alumni Credential "),
        lambda d: d["credentialSubject"].update(alumniOf="The School of Forgeries"),
        lambda d: d.update(validFrom="2023-01-02T00:00:00Z"),
        lambda d: d.update(issuer="https://vc.example/issuers/5679"),
        lambda d: d["type"].append("DiplomaCredential"),
        lambda d: d["proof"].update(created="2023-02-24T23:36:39Z"),
        lambda d: d.update(validUntil="2030-01-01T00:00:00Z"),
    ],
    ids=["name", "subject", "validFrom", "issuer", "type", "proof created", "added field"],
)
def test_any_change_after_signing_breaks_the_signature(change):
    document = alumni()
    change(document)
    result = check(document)
    assert not result.verified
    assert result.code == "proof.signature"


def test_a_field_no_context_defines_is_refused_rather_than_left_unsigned():
    document = alumni()
    document["@context"] = ["https://www.w3.org/ns/credentials/v2"]  # no @vocab to catch it
    document["credentialSubject"] = {"id": "did:example:abcdefgh", "nickname": "not signed"}
    document["type"] = ["VerifiableCredential"]
    document["proof"]["@context"] = document["@context"]
    result = check(document)
    assert not result.verified
    assert result.code == "proof.jsonld"
    assert "nickname" in result.reason


@pytest.mark.parametrize(
    "change, code",
    [
        (lambda d: d.pop("proof"), "proof.missing"),
        (lambda d: d["proof"].update(cryptosuite="eddsa-jcs-2022"), "proof.unsupported"),
        (lambda d: d["proof"].update(proofPurpose="authentication"), "proof.purpose"),
        (lambda d: d["proof"].update(proofValue="not base58"), "proof.malformed"),
        (lambda d: d["proof"].update(proofValue="z3yy"), "proof.malformed"),
        (lambda d: d["proof"].update(verificationMethod="did:key:z6MkOther#z6MkOther"), "proof.key"),
        (lambda d: d.update(proof=[d["proof"], d["proof"]]), "proof.several"),
    ],
)
def test_a_proof_that_cannot_be_checked_says_why(change, code):
    document = alumni()
    change(document)
    result = check(document)
    assert not result.verified and result.code == code, result


def test_another_key_does_not_verify():
    other = bytes(SigningKey.generate().verify_key)
    result = proofs.verify_proof(alumni(), public_key_for=lambda method: other, loader=example_loader())
    assert not result.verified and result.code == "proof.signature"


def test_a_proof_is_not_added_twice():
    with pytest.raises(proofs.ProofError):
        proofs.add_proof(alumni(), key=SEED, verification_method="did:key:x#x", loader=example_loader())


def test_the_document_given_is_left_as_it_was():
    unsigned = read_json(EDDSA / "unsigned.json")
    before = copy.deepcopy(unsigned)
    proofs.add_proof(unsigned, key=SEED, verification_method="did:key:x#x", loader=example_loader())
    assert unsigned == before
