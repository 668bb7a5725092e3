"""Verification as the portal makes it: every check, with the portal's own issuers, keys,
status lists and transparency log."""

import copy
import json
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from credentials import keys, services, verify
from credentials.models import Credential, CredentialStatus, IssuerKey
from credentials.selectors import verified_credentials_of
from credentials.tests import issuing
from credentials.tests.factories import issue
from credentials.vc import proofs
from members.models import OrganizationStatus, Role
from members.tests.factories import person
from transparency import services as log

pytestmark = pytest.mark.django_db


def outcomes(result):
    return {check.name: check.outcome for check in result.checks}


def codes(result):
    return {check.name: check.code for check in result.checks}


def test_a_credential_the_portal_issued_passes_every_check(diploma, student):
    credential = issue(diploma, student)

    result = verify.verify_document(credential.document)

    assert list(outcomes(result)) == ["format", "signature", "issuer", "status", "expiry", "log"]
    assert set(outcomes(result).values()) == {"passed"}, [(c.name, str(c.reason)) for c in result.checks]
    assert result.valid and result.verdict == "valid"
    assert result.credential == credential and result.log_index == credential.log_index
    assert verify.document_digest(credential.document) == services.digest_of_document(credential.document)


def test_each_check_reads_in_plain_chinese_and_english(diploma, student):
    result = verify.verify_document(issue(diploma, student).document)

    with translation.override("zh-hans"):
        chinese = [str(check.reason) for check in result.checks]
    with translation.override("en"):
        english = [str(check.reason) for check in result.checks]

    assert all(reason.endswith("。") for reason in chinese), chinese
    assert all(reason.endswith(".") and zh != reason for zh, reason in zip(chinese, english)), english


def test_a_changed_field_breaks_the_signature_with_its_reason(diploma, student):
    document = copy.deepcopy(issue(diploma, student).document)
    document["credentialSubject"]["achievement"]["name"] = "数控技术专业毕业"

    result = verify.verify_document(document)

    assert not result.valid
    assert codes(result)["signature"] == "signature.mismatch"
    with translation.override("en"):
        assert "changed after it was signed" in str(result.check("signature").reason)
    assert codes(result)["log"] == "log.changed"


@pytest.mark.parametrize("status, verdict", [(CredentialStatus.REVOKED, "revoked"),
                                             (CredentialStatus.SUSPENDED, "suspended")])
def test_a_good_signature_on_a_revoked_or_suspended_credential_is_not_valid(diploma, student, school_admin,
                                                                             status, verdict):
    credential = issue(diploma, student)
    services.set_status(credential=credential, actor=school_admin, status=status, reason="成绩复核不合格")

    result = verify.verify_document(credential.document)

    assert outcomes(result)["signature"] == "passed"
    assert codes(result)["status"] == f"status.{status}"
    assert not result.valid and result.verdict == verdict


def test_an_expired_credential_is_not_valid(diploma, student):
    diploma.valid_years = 1
    diploma.save()
    credential = issue(diploma, student, valid_from=timezone.now() - timedelta(days=800))

    result = verify.verify_document(credential.document)

    assert codes(result)["expiry"] == "expiry.expired"
    assert outcomes(result)["signature"] == "passed"
    assert not result.valid and result.verdict == "expired"


def test_a_credential_of_another_issuer_is_reported_as_not_issued_here(db):
    outside = issuing.issuer_with_keys()
    document = outside.sign(outside.credential())

    result = verify.verify_document(document)

    assert codes(result)["issuer"] == "issuer.unknown"
    assert outcomes(result)["signature"] == outcomes(result)["log"] == "not_checked"
    assert not result.valid and result.verdict == "unknown_issuer"


def test_an_issuer_that_is_no_longer_a_member_fails_the_issuer_check(diploma, student):
    credential = issue(diploma, student)
    diploma.issuer.status = OrganizationStatus.LEFT
    diploma.issuer.save()

    result = verify.verify_document(credential.document)

    assert codes(result)["issuer"] == "issuer.not_member"
    assert not result.valid


def test_a_retired_key_signing_after_its_retirement_fails_the_issuer_check(diploma, student, school_admin):
    credential = issue(diploma, student)
    old = IssuerKey.objects.get(organization=diploma.issuer)
    services.rotate_issuer_key(organization=diploma.issuer, actor=school_admin)
    old.refresh_from_db()
    unsigned = {k: v for k, v in credential.document.items() if k != "proof"}
    forged = proofs.add_proof(unsigned, key=keys.signing_key(old), verification_method=keys.verification_method(old),
                              created=timezone.now() + timedelta(seconds=5))

    result = verify.verify_document(forged)

    assert outcomes(result)["signature"] == "passed"
    assert codes(result)["issuer"] == "issuer.key_not_in_force"
    assert not result.valid


def test_the_log_check_needs_the_entry_in_a_signed_checkpoint(diploma, student):
    credential = issue(diploma, student, checkpoint=False)

    assert codes(verify.verify_document(credential.document))["log"] == "log.pending"
    log.checkpoint_sign()
    assert codes(verify.verify_document(credential.document))["log"] == "log.ok"


def test_a_credential_without_a_log_entry_fails_the_log_check(diploma, student):
    credential = issue(diploma, student)
    Credential.objects.filter(pk=credential.pk).update(log_index=None)

    assert codes(verify.verify_document(credential.document))["log"] == "log.missing"


def test_a_row_changed_behind_the_portals_back_fails_the_log_check(diploma, student):
    credential = issue(diploma, student)
    changed = copy.deepcopy(credential.document)
    changed["name"] = "另一张证书"
    Credential.objects.filter(pk=credential.pk).update(document=changed)

    result = verify.verify_document(credential.document)

    assert codes(result)["log"] == "log.changed"
    assert not result.valid


@pytest.mark.parametrize("data, words", [
    (b"not json", "not JSON"),
    (b"[1, 2]", "JSON object"),
    (b"   ", "Nothing was given"),
    (b"{" + b" " * verify.MAX_DOCUMENT_BYTES + b"}", "larger than 256 KB"),
])
def test_what_cannot_be_read_is_refused_with_a_reason(data, words):
    with pytest.raises(verify.DocumentError) as refused, translation.override("en"):
        verify.parse_document(data)
    with translation.override("en"):
        assert words in str(refused.value.args[0])


def test_a_document_that_is_no_credential_fails_the_format_check(diploma):
    result = verify.verify_document({"@context": ["https://example.cn"], "issuer": keys.organization_did(diploma.issuer)})

    assert codes(result)["format"] == "format.context"
    assert {outcomes(result)[name] for name in ("signature", "issuer", "status", "log")} == {"not_checked"}


# --- the selector for talent matching and the credit bank -----------------------------------------------


def test_verified_credentials_are_those_active_logged_and_of_active_members(diploma, student, school_admin,
                                                                            django_assert_num_queries):
    good = issue(diploma, student)
    revoked = issue(diploma, student)
    services.set_status(credential=revoked, actor=school_admin, status=CredentialStatus.REVOKED, reason="撤销")
    other_student = person(diploma.issuer, Role.STUDENT, username="other_student")
    issue(diploma, other_student)
    unlogged = issue(diploma, student, checkpoint=False)

    with django_assert_num_queries(1):
        found = list(verified_credentials_of(student))

    assert found == [good]
    assert unlogged not in found
    log.checkpoint_sign()
    assert set(verified_credentials_of(student)) == {good, unlogged}
    diploma.issuer.status = OrganizationStatus.SUSPENDED
    diploma.issuer.save()
    assert list(verified_credentials_of(student)) == []


def test_a_credential_whose_digest_is_not_the_logged_one_is_not_verified(diploma, student):
    credential = issue(diploma, student)
    Credential.objects.filter(pk=credential.pk).update(digest="sha256:" + "0" * 64)

    assert list(verified_credentials_of(student)) == []


def test_the_json_digest_ignores_key_order():
    assert verify.document_digest(json.loads('{"b": 1, "a": "中"}')) == verify.document_digest({"a": "中", "b": 1})
