"""What the services issue, revoke and publish verifies with Digital Bazaar's VC stack, offline:
the credential, the school's DID document as the portal serves it, and its status lists."""

from datetime import UTC, datetime, timedelta

import pytest

from credentials import keys, services
from credentials.models import CredentialStatus
from credentials.tests.test_independent import node

pytestmark = pytest.mark.django_db


def digital_bazaar(credential):
    document = credential.document
    lists = {entry["statusListCredential"]: keys.fetch_status_list(entry["statusListCredential"])
             for entry in document["credentialStatus"]}
    return node("verify.mjs", {
        "credential": document, "didDocuments": [keys.did_document(credential.issuer)], "statusLists": lists,
        "now": (datetime.now(UTC) + timedelta(minutes=1)).isoformat(),
    })


def test_digital_bazaar_verifies_a_credential_the_service_issued_and_sees_its_revocation(
        diploma, student, school_admin, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.cn"
    credential = services.issue_credential(achievement=diploma, holder=student, actor=school_admin)
    result = digital_bazaar(credential)
    assert result["verified"], result["errors"]
    assert {entry["purpose"]: entry["set"] for entry in result["status"]} == {"revocation": False, "suspension": False}

    services.rotate_issuer_key(organization=diploma.issuer, actor=school_admin)
    services.set_status(credential=credential, actor=school_admin, status=CredentialStatus.REVOKED, reason="作废。")
    credential.refresh_from_db()
    result = digital_bazaar(credential)
    assert result["statusVerified"], result["errors"]
    assert {entry["purpose"]: entry["set"] for entry in result["status"]}["revocation"] is True


def test_a_changed_field_fails_there_too(diploma, student, school_admin):
    credential = services.issue_credential(achievement=diploma, holder=student, actor=school_admin)
    credential.document["credentialSubject"]["achievement"]["name"] = "机电一体化技术专业毕业（优秀）"
    assert not digital_bazaar(credential)["verified"]
