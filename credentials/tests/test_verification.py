"""Verifying a credential: each check on its own, with its reason."""

from datetime import UTC, datetime, timedelta

import pytest

from credentials.tests.issuing import NOW, Issuer, issuer_with_keys
from credentials.vc import verification
from credentials.vc.verification import FAILED, NOT_CHECKED, PASSED


def verify(issuer, credential, *, fetch=True, now=NOW):
    return verification.verify_credential(
        credential,
        public_key_for=issuer.public_key_for,
        fetch_status_list=issuer.fetch_status_list if fetch else None,
        now=now,
    )


def outcomes(result):
    return {check.name: (check.outcome, check.code) for check in result.checks}


def test_a_good_credential_passes_every_check():
    issuer = issuer_with_keys()
    result = verify(issuer, issuer.sign(issuer.credential()))
    assert outcomes(result) == {
        "format": (PASSED, "format.ok"),
        "signature": (PASSED, "signature.ok"),
        "status": (PASSED, "status.ok"),
        "expiry": (PASSED, "expiry.ok"),
    }
    assert result.valid and not result.revoked and not result.suspended
    assert result.verification_method == f"{issuer.did}#key-2"
    assert result.created == "2026-03-01T08:00:00Z"
    assert result.status_lists == (issuer.list_url("revocation"), issuer.list_url("suspension"))
    assert issuer.did + "#key-2" in str(result.check("signature").reason)


def test_a_credential_signed_before_a_rotation_still_verifies():
    issuer = issuer_with_keys()
    signed = issuer.sign(issuer.credential(), "key-1", created=datetime(2024, 9, 1, tzinfo=UTC))
    result = verify(issuer, signed)
    assert result.valid
    assert result.verification_method.endswith("#key-1")


@pytest.mark.parametrize(
    "purpose, flag, code",
    [("revocation", "revoked", "status.revoked"), ("suspension", "suspended", "status.suspended")],
)
def test_a_revoked_or_suspended_credential_is_not_valid_though_its_signature_holds(purpose, flag, code):
    issuer = issuer_with_keys()
    signed = issuer.sign(issuer.credential(index=42))
    issuer.status_list(purpose).set(42)
    result = verify(issuer, signed)
    assert outcomes(result)["signature"] == (PASSED, "signature.ok")
    assert outcomes(result)["status"] == (FAILED, code)
    assert getattr(result, flag) and not result.valid


def test_clearing_a_suspension_makes_it_valid_again():
    issuer = issuer_with_keys()
    signed = issuer.sign(issuer.credential(index=42))
    issuer.status_list("suspension").set(42)
    assert not verify(issuer, signed).valid
    issuer.status_list("suspension").clear(42)
    assert verify(issuer, signed).valid


def test_without_a_way_to_read_status_lists_the_status_is_not_checked_and_the_credential_not_valid():
    issuer = issuer_with_keys()
    result = verify(issuer, issuer.sign(issuer.credential()), fetch=False)
    assert outcomes(result)["status"] == (NOT_CHECKED, "status.not_checked")
    assert not result.valid


def test_a_credential_without_status_entries_cannot_be_revoked():
    issuer = issuer_with_keys()
    result = verify(issuer, issuer.sign(issuer.credential(credential_status=[])))
    assert outcomes(result)["status"] == (PASSED, "status.none") and result.valid


def test_a_changed_credential_fails_its_signature():
    issuer = issuer_with_keys()
    signed = issuer.sign(issuer.credential())
    signed["credentialSubject"]["achievement"]["name"] = "机电一体化技术专业毕业（优秀）"
    result = verify(issuer, signed)
    assert outcomes(result)["signature"] == (FAILED, "signature.mismatch")
    assert not result.valid


def test_a_key_of_another_organisation_cannot_sign_for_this_one():
    issuer, other = issuer_with_keys(), Issuer(organization_id=18)
    other.add_key("key-2", datetime(2025, 1, 1, tzinfo=UTC))
    forged = other.sign(issuer.credential())  # names issuer 17, signed by 18's key
    result = verification.verify_credential(
        forged,
        public_key_for=lambda method: other.public_key_for(method) or issuer.public_key_for(method),
        fetch_status_list=issuer.fetch_status_list,
        now=NOW,
    )
    assert outcomes(result)["signature"] == (FAILED, "signature.key")


def test_a_status_list_that_cannot_be_fetched_or_is_not_the_issuers_fails_the_status():
    issuer, other = issuer_with_keys(), Issuer(organization_id=18)
    other.add_key("key-2", datetime(2025, 1, 1, tzinfo=UTC))
    signed = issuer.sign(issuer.credential())

    def missing(url):
        raise LookupError(url)

    for fetch in (missing, lambda url: other.status_list_credential("revocation")):
        result = verification.verify_credential(
            signed, public_key_for=issuer.public_key_for, fetch_status_list=fetch, now=NOW
        )
        assert outcomes(result)["status"] == (FAILED, "status.unreadable")


def test_a_status_list_changed_after_signing_is_not_read():
    issuer = issuer_with_keys()
    signed = issuer.sign(issuer.credential(index=42))
    issuer.status_list("revocation").set(42)
    assert verify(issuer, signed).revoked  # the genuine list, read (and remembered) first
    revoked_list = issuer.status_list_credential("revocation")
    issuer.status_list("revocation").clear(42)
    forged_list = dict(
        revoked_list,
        credentialSubject=dict(
            revoked_list["credentialSubject"], encodedList=issuer.status_list("revocation").encode()
        ),
    )
    result = verification.verify_credential(
        signed,
        public_key_for=issuer.public_key_for,
        fetch_status_list=lambda url: forged_list if "revocation" in url else issuer.fetch_status_list(url),
        now=NOW,
    )
    assert outcomes(result)["status"] == (FAILED, "status.unreadable")


def test_expiry_is_checked_against_now():
    issuer = issuer_with_keys()
    signed = issuer.sign(issuer.credential(valid_until=NOW + timedelta(days=1)))
    assert outcomes(verify(issuer, signed))["expiry"] == (PASSED, "expiry.ok")
    assert outcomes(verify(issuer, signed, now=NOW + timedelta(days=2)))["expiry"] == (FAILED, "expiry.expired")
    assert outcomes(verify(issuer, signed, now=NOW - timedelta(days=60)))["expiry"] == (FAILED, "expiry.not_yet")


def test_the_period_is_told_as_a_day_people_read_in_the_consortiums_time_zone(settings):
    issuer = issuer_with_keys()
    # 2026-03-02 20:00 UTC is already 3 March in China.
    signed = issuer.sign(issuer.credential(valid_until=datetime(2026, 3, 2, 20, 0, tzinfo=UTC)))
    reason = str(verify(issuer, signed).check("expiry").reason)
    assert "2026-03-03" in reason and "T" not in reason.replace("Valid", "")


@pytest.mark.parametrize(
    "change, code",
    [
        (lambda c: c.update(id="credential-1"), "format.identifier"),
        (lambda c: c.update(validFrom="2026-01-30 08:00"), "format.date"),
        (lambda c: c.update(nickname="小明"), "format.jsonld"),
        (lambda c: c.update({"@context": ["https://www.w3.org/2018/credentials/v1"]}), "format.context"),
        (lambda c: c.pop("issuer"), "format.issuer"),
        (lambda c: c.update(type=["OpenBadgeCredential"]), "format.type"),
        (lambda c: c["credentialSubject"]["achievement"].pop("criteria"), "format.open_badge"),
        (lambda c: c["issuer"].update(type=["Organization"]), "format.open_badge"),
        (lambda c: c.pop("name"), "format.open_badge"),
    ],
    ids=[
        "relative id",
        "date",
        "undefined field",
        "VC 1.1",
        "no issuer",
        "no type",
        "no criteria",
        "issuer",
        "no name",
    ],
)
def test_a_credential_of_the_wrong_form_says_so_and_checks_nothing_else(change, code):
    issuer = issuer_with_keys()
    signed = issuer.sign(issuer.credential())
    change(signed)
    result = verify(issuer, signed)
    assert outcomes(result)["format"] == (FAILED, code)
    assert {check.outcome for check in result.checks[1:]} == {NOT_CHECKED}
    assert not result.valid


def test_not_a_json_object_at_all():
    result = verification.verify_credential(["not", "a", "credential"], public_key_for=lambda method: None)
    assert outcomes(result)["format"] == (FAILED, "format.not_object")


def test_the_reasons_read_in_chinese_first_and_in_english():
    from django.utils import translation

    issuer = issuer_with_keys()
    signed = issuer.sign(issuer.credential(index=42))
    issuer.status_list("revocation").set(42)
    result = verify(issuer, signed)
    with translation.override("zh-hans"):
        assert str(result.check("status").reason) == "已被签发单位撤销。"
        assert str(result.check("signature").reason) == f"签名有效，由签发单位的密钥 {issuer.did}#key-2 签署。"
    with translation.override("en"):
        assert str(result.check("status").reason) == "Revoked by its issuer."


def test_what_an_open_badge_lacks_is_named():
    issuer = issuer_with_keys()
    credential = issuer.sign(issuer.credential())
    del credential["credentialSubject"]["achievement"]["description"]
    credential["issuer"] = issuer.did
    result = verify(issuer, credential)
    assert outcomes(result)["format"] == (FAILED, "format.open_badge")
    reason = str(result.check("format").reason)
    assert "issuer (a Profile)" in reason and "credentialSubject.achievement.description" in reason
