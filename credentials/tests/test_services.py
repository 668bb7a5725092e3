"""Issuing, keys and status through the services, checked as a verifier would."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditEvent
from credentials import keys, services
from credentials.models import Credential, CredentialStatus, IssuerKey, StatusList
from credentials.vc import did, verification
from transparency.models import LogEntry
from transparency.verification import verify_log

pytestmark = pytest.mark.django_db


def check(document):
    return verification.verify_credential(document, public_key_for=keys.public_key_for,
                                          fetch_status_list=keys.fetch_status_list)


def test_an_issued_credential_verifies_and_is_logged(diploma, student, school_admin, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.cn"
    credential = services.issue_credential(achievement=diploma, holder=student, actor=school_admin)
    document = credential.document
    assert document["issuer"]["id"] == f"did:web:portal.example.cn:orgs:{diploma.issuer_id}"
    assert document["credentialSubject"]["achievement"]["id"] == diploma.urn
    assert document["proof"]["verificationMethod"].endswith("#key-1")
    assert all(entry["statusListCredential"].startswith("https://portal.example.cn/credentials/status/")
               for entry in document["credentialStatus"])
    result = check(document)
    assert result.valid, result.checks
    entry = LogEntry.objects.get(index=credential.log_index)
    assert (entry.kind, entry.object_ref, entry.digest) == (
        "credential.issued", f"credentials.credential:{credential.uuid}", credential.digest)
    assert credential.digest == services.digest_of_document(document)
    assert AuditEvent.objects.filter(event="credential.issued").exists()
    assert verify_log().ok


def test_the_key_is_made_once_sealed_and_its_did_document_logged(diploma, student, school_admin):
    services.issue_credential(achievement=diploma, holder=student, actor=school_admin)
    services.issue_credential(achievement=diploma, holder=student, actor=school_admin)
    key = IssuerKey.objects.get(organization=diploma.issuer)
    assert bytes(key.private_key_encrypted) != bytes(keys.signing_key(key))
    assert bytes(keys.signing_key(key).verify_key) == bytes(key.public_key)
    assert LogEntry.objects.filter(kind="did.document").count() == 1


def test_rotation_keeps_old_credentials_verifiable(diploma, student, school_admin):
    old = services.issue_credential(achievement=diploma, holder=student, actor=school_admin)
    new_key = services.rotate_issuer_key(organization=diploma.issuer, actor=school_admin)
    assert new_key.fragment == "key-2"
    new = services.issue_credential(achievement=diploma, holder=student, actor=school_admin)
    assert new.document["proof"]["verificationMethod"].endswith("#key-2")
    document = keys.did_document(diploma.issuer)
    assert [m["id"].split("#")[1] for m in document["verificationMethod"]] == ["key-1", "key-2"]
    assert "revoked" in document["verificationMethod"][0]
    assert check(old.document).valid and check(new.document).valid
    assert LogEntry.objects.filter(kind="did.document").count() == 2


def test_only_the_schools_administrators_and_the_secretariat_issue(diploma, student, admin_a, teacher, secretariat):
    for someone in (admin_a, teacher, student):
        with pytest.raises(PermissionDenied):
            services.issue_credential(achievement=diploma, holder=student, actor=someone)
    assert services.issue_credential(achievement=diploma, holder=student, actor=secretariat)


def test_only_students_of_the_school_receive(diploma, school_admin, member_a):
    with pytest.raises(ValidationError):
        services.issue_credential(achievement=diploma, holder=member_a, actor=school_admin)
    assert not Credential.objects.exists()


def test_revocation_shows_in_the_signed_list_and_the_log(diploma, student, school_admin):
    credential = services.issue_credential(achievement=diploma, holder=student, actor=school_admin)
    with pytest.raises(ValidationError):
        services.set_status(credential=credential, actor=school_admin, status=CredentialStatus.REVOKED, reason=" ")
    services.set_status(credential=credential, actor=school_admin, status=CredentialStatus.REVOKED,
                        reason="证书信息有误。")
    credential.refresh_from_db()
    assert credential.status == CredentialStatus.REVOKED and credential.status_reason == "证书信息有误。"
    result = check(credential.document)
    assert not result.valid and result.revoked
    assert StatusList.objects.get(pk=credential.revocation_list_id).version == 2
    assert LogEntry.objects.filter(kind="status_list.updated").count() == 3  # two opened, one changed
    with pytest.raises(ValidationError):
        services.set_status(credential=credential, actor=school_admin, status=CredentialStatus.ACTIVE, reason="")
    assert verify_log().ok


def test_suspension_and_reinstatement(diploma, student, school_admin, outsider):
    credential = services.issue_credential(achievement=diploma, holder=student, actor=school_admin)
    with pytest.raises(PermissionDenied):
        services.set_status(credential=credential, actor=outsider, status=CredentialStatus.SUSPENDED, reason="x")
    services.set_status(credential=credential, actor=school_admin, status=CredentialStatus.SUSPENDED,
                        reason="核查中。")
    result = check(credential.document)
    assert result.suspended and not result.valid
    services.set_status(credential=credential, actor=school_admin, status=CredentialStatus.ACTIVE, reason="")
    assert check(credential.document).valid


def test_entries_are_distinct_and_a_full_list_opens_the_next(diploma, student, school_admin):
    first = services.issue_credential(achievement=diploma, holder=student, actor=school_admin)
    StatusList.objects.filter(organization=diploma.issuer).update(next_index=131_072)
    second = services.issue_credential(achievement=diploma, holder=student, actor=school_admin)
    assert first.revocation_list.number == 1 and second.revocation_list.number == 2
    assert second.revocation_index == 0
    assert check(second.document).valid


def test_verify_log_names_a_credential_changed_in_the_database(diploma, student, school_admin):
    credential = services.issue_credential(achievement=diploma, holder=student, actor=school_admin)
    document = dict(credential.document, name="伪造的证书")
    Credential.objects.filter(pk=credential.pk).update(document=document)
    report = verify_log()
    assert not report.ok
    assert f"credentials.credential:{credential.uuid}" in report.changed_objects


def test_the_did_document_and_status_lists_are_served(client, diploma, student, school_admin):
    credential = services.issue_credential(achievement=diploma, holder=student, actor=school_admin)
    url = did.did_web_url(keys.organization_did(diploma.issuer))
    response = client.get(url.split(keys.portal_host(), 1)[1])
    assert response.status_code == 200 and response.json() == keys.did_document(diploma.issuer)
    assert "max-age" in response["Cache-Control"]
    again = client.get(url.split(keys.portal_host(), 1)[1], HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    list_url = credential.document["credentialStatus"][0]["statusListCredential"]
    response = client.get(list_url.split(keys.portal_host(), 1)[1])
    assert response.status_code == 200 and response.json()["type"][1] == "BitstringStatusListCredential"
    assert client.get("/orgs/999999/did.json").status_code == 404
