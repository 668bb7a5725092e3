"""What the portal issues verifies with verifiers it did not write, offline: Digital Bazaar's
VC stack (npm: @digitalbazaar/vc, data-integrity, eddsa-rdfc-2022-cryptosuite,
vc-bitstring-status-list; credentials/tests/js/) and openbadgeslib's Open Badges 3.0
Data Integrity verifier (PyPI). A credential changed in one field fails there as here, and a
revoked one shows revoked."""

import copy
import json
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from openbadgeslib.ob3.ldp import OB3LdpVerifier
from openbadgeslib.ob3.verifier import OB3VerificationError

from credentials.tests.issuing import NOW, issuer_with_keys
from credentials.vc import did, multibase, openbadges, verification

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = Path(__file__).resolve().parent / "js"
LATER = NOW + timedelta(days=1)


def node(script, payload):
    executable = shutil.which("node")
    assert executable, "node is needed for the independent verifier (bin/test installs the npm packages with npm ci)"
    assert (ROOT / "node_modules" / "@digitalbazaar" / "vc").is_dir(), "run npm ci (bin/test does)"
    done = subprocess.run(
        [executable, str(SCRIPTS / script)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def digital_bazaar(issuer, credential, now=LATER):
    lists = {
        issuer.list_url(purpose): issuer.status_list_credential(purpose) for purpose in ("revocation", "suspension")
    }
    return node(
        "verify.mjs",
        {"credential": credential, "didDocuments": [issuer.document()], "statusLists": lists, "now": now.isoformat()},
    )


def ours(issuer, credential, now=LATER):
    return verification.verify_credential(
        credential, public_key_for=issuer.public_key_for, fetch_status_list=issuer.fetch_status_list, now=now
    )


def set_bits(result):
    return {entry["purpose"]: entry["set"] for entry in result["status"]}


def test_digital_bazaar_verifies_what_the_portal_issues():
    issuer = issuer_with_keys()
    credential = issuer.sign(issuer.credential())
    result = digital_bazaar(issuer, credential)
    assert result["verified"], result["errors"]
    assert result["statusVerified"] and set_bits(result) == {"revocation": False, "suspension": False}
    assert ours(issuer, credential).valid


@pytest.mark.parametrize(
    "change",
    [
        lambda c: c["credentialSubject"]["achievement"].update(name="机电一体化技术专业毕业（优秀）"),
        lambda c: c["credentialSubject"].update(id="urn:uuid:00000000-0000-4000-8000-000000000000"),
        lambda c: c.update(validFrom="2025-01-30T08:00:00Z"),
        lambda c: c["issuer"].update(name="另一所学校"),
        lambda c: c["credentialStatus"].pop(0),
    ],
    ids=["achievement name", "subject", "validFrom", "issuer name", "status entry"],
)
def test_a_credential_changed_in_one_field_fails_there_and_here(change):
    issuer = issuer_with_keys()
    credential = issuer.sign(issuer.credential())
    change(credential)
    result = digital_bazaar(issuer, credential)
    assert not result["verified"]
    assert any("signature" in error.lower() or "verif" in error.lower() for error in result["errors"]), result
    assert ours(issuer, credential).check("signature").code == "signature.mismatch"


@pytest.mark.parametrize("purpose", ["revocation", "suspension"])
def test_a_revoked_or_suspended_credential_shows_so_there_and_here(purpose):
    issuer = issuer_with_keys()
    credential = issuer.sign(issuer.credential(index=1234))
    issuer.status_list(purpose).set(1234)
    result = digital_bazaar(issuer, credential)
    assert result["statusVerified"], result["errors"]
    assert set_bits(result)[purpose] is True
    assert set_bits(result)[{"revocation": "suspension", "suspension": "revocation"}[purpose]] is False
    mine = ours(issuer, credential)
    assert mine.check("status").code == f"status.{'revoked' if purpose == 'revocation' else 'suspended'}"


def test_a_credential_signed_with_a_retired_key_still_verifies_there():
    issuer = issuer_with_keys()
    credential = issuer.sign(issuer.credential(), "key-1", created=NOW.replace(year=2024, month=9))
    assert digital_bazaar(issuer, credential)["verified"]


def test_status_lists_verify_there_as_credentials_of_their_own():
    issuer = issuer_with_keys()
    issuer.status_list("revocation").set(7)
    result = digital_bazaar(issuer, issuer.status_list_credential("revocation"))
    assert result["verified"], result["errors"]


def test_credits_and_multiline_text_canonicalize_alike_there():
    issuer = issuer_with_keys()
    for credits in (3, 2.5):
        achievement = openbadges.achievement(
            achievement_id="urn:uuid:5d1f6d8a-3c1b-4f7e-9f0a-3e2d1c0b9a87",
            name="工业机器人操作与运维（1+X 中级）",
            description="第一行\n第二行\t“引号”与 \\ 反斜杠\r\n",
            criteria="理论与实操考核均合格。",
            achievement_type="ext:1PlusXCertificate",
            credits_available=credits,
        )
        credential = issuer.sign(issuer.credential(achievement=achievement))
        result = digital_bazaar(issuer, credential)
        assert result["verified"], (credits, result["errors"])


def test_the_portal_verifies_what_digital_bazaar_signs():
    issuer = issuer_with_keys()
    method = did.verification_method_id(issuer.did, "key-2")
    key = {
        "id": method,
        "controller": issuer.did,
        "publicKeyMultibase": multibase.encode_public_key(issuer.keys[1].public_key),
        "secretKeyMultibase": multibase.encode_secret_key(issuer.seeds["key-2"]),
    }
    signed = node("sign.mjs", {"credential": issuer.credential(), "key": key, "created": NOW.isoformat()})
    assert signed["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert signed["proof"]["verificationMethod"] == method
    assert ours(issuer, signed).valid
    # And the same credential signed here carries the very same signature (Ed25519 is deterministic).
    unsigned = {k: v for k, v in signed.items() if k != "proof"}
    assert issuer.sign(unsigned, created=signed["proof"]["created"])["proof"] == signed["proof"]


# openbadgeslib (PyPI): OB3LdpVerifier checks eddsa-rdfc-2022 Open Badges offline, with its
# own copies of the contexts; did:web and status lists come through its `download` hook.


def downloader(issuer):
    def download(url, *args, **kwargs):
        if url == did.did_web_url(issuer.did):
            return json.dumps(issuer.document()).encode()
        return json.dumps(issuer.fetch_status_list(url)).encode()

    return download


def test_openbadgeslib_verifies_what_the_portal_issues_and_not_a_changed_one():
    issuer = issuer_with_keys()
    credential = issuer.sign(issuer.credential())
    verifier = OB3LdpVerifier.for_issuer_did(issuer.did)
    badge = verifier.verify(copy.deepcopy(credential), download=downloader(issuer))
    assert badge.issuer.id == issuer.did
    assert badge.achievement.name == "机电一体化技术专业毕业"
    credential["credentialSubject"]["achievement"]["name"] = "机电一体化技术专业毕业（优秀）"
    with pytest.raises(OB3VerificationError, match="signature"):
        verifier.verify(credential, download=downloader(issuer))


def test_openbadgeslib_shows_a_revoked_credential_revoked():
    issuer = issuer_with_keys()
    credential = issuer.sign(issuer.credential(index=99))
    verifier = OB3LdpVerifier.for_issuer_did(issuer.did)
    # It reads Data Integrity status lists only without checking their proofs: it verifies
    # JWT-signed lists alone (the portal and Digital Bazaar's stack check the proofs).
    with pytest.raises(OB3VerificationError, match="JWT"):
        verifier.verify(copy.deepcopy(credential), check_status=True, download=downloader(issuer))
    verifier.verify(copy.deepcopy(credential), check_status=True, verify_status_list=False, download=downloader(issuer))
    issuer.status_list("revocation").set(99)
    with pytest.raises(OB3VerificationError, match="revocation"):
        verifier.verify(credential, check_status=True, verify_status_list=False, download=downloader(issuer))
