"""The verify page, a credential's public pages, the wallet and the verification API, as
their users meet them."""

import io
import json

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from credentials import services, verify
from credentials.models import AchievementKind, CredentialStatus
from credentials.tests.factories import issue
from members.models import Role
from members.tests.factories import person
from rest_framework.test import APIClient

from tests.fixtures import client_for

pytestmark = pytest.mark.django_db


def verdict_of(response) -> str:
    body = response.content.decode()
    start = body.index('data-verdict="') + len('data-verdict="')
    return body[start:body.index('"', start)]


@pytest.fixture
def credential(diploma, student):
    return issue(diploma, student)


def in_chinese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    return client


# --- the verify page ---------------------------------------------------------------------------------


def test_a_visitor_pastes_a_credential_and_reads_that_it_is_genuine(credential):
    response = in_chinese(client_for()).post(reverse("credentials:verify"),
                                             {"document": json.dumps(credential.document, ensure_ascii=False)})

    assert response.status_code == 200
    assert verdict_of(response) == "valid"
    assert "真实有效" in response.content.decode()
    assert response.content.decode().count('data-outcome="passed"') == 6


def test_a_visitor_uploads_a_tampered_file_and_reads_why_it_fails(credential):
    document = dict(credential.document, name="伪造的证书")
    upload = SimpleUploadedFile("credential.json", json.dumps(document).encode(), content_type="application/json")

    response = in_chinese(client_for()).post(reverse("credentials:verify"), {"file": upload})

    body = response.content.decode()
    assert verdict_of(response) == "invalid"
    assert 'data-check="signature" data-outcome="failed"' in body
    assert "签名" in body and "改动" in body


def test_a_revoked_credential_reads_as_revoked(credential, school_admin):
    services.set_status(credential=credential, actor=school_admin, status=CredentialStatus.REVOKED, reason="证书作废")

    response = client_for().post(reverse("credentials:verify"), {"document": json.dumps(credential.document)})

    assert verdict_of(response) == "revoked"


def test_too_large_or_not_json_is_refused_with_a_clear_message(db):
    client = in_chinese(client_for())
    big = SimpleUploadedFile("big.json", b"{" + b" " * verify.MAX_DOCUMENT_BYTES + b"}")

    too_large = client.post(reverse("credentials:verify"), {"file": big})
    not_json = client.post(reverse("credentials:verify"), {"document": "这不是凭证"})
    nothing = client.post(reverse("credentials:verify"), {})

    assert too_large.status_code == not_json.status_code == nothing.status_code == 400
    assert "256 KB" in too_large.content.decode()
    assert "这不是 JSON" in not_json.content.decode()
    assert 'data-testid="error-summary"' in nothing.content.decode()


def test_pasted_verifications_are_limited_per_address(db, settings):
    client = client_for()
    answers = [client.post(reverse("credentials:verify"), {"document": "{}"}).status_code for _ in range(31)]

    assert answers[:30] == [200] * 30
    assert answers[30] == 429


# --- a credential's public pages ------------------------------------------------------------------


def test_the_qr_target_verifies_the_stored_credential_and_hides_most_of_the_name(credential, student):
    response = in_chinese(client_for()).get(reverse("credentials:verify_issued", args=[credential.uuid]))

    body = response.content.decode()
    assert response.status_code == 200 and verdict_of(response) == "valid"
    assert student.display_name not in body
    assert student.display_name[:1] + "*" in body


def test_a_share_link_shows_the_name_to_anyone_until_it_is_renewed(credential, student):
    link = reverse("credentials:shared", args=[credential.share_token])

    shown = client_for().get(link)
    renewed = client_for(student).post(reverse("credentials:wallet_share", args=[credential.uuid]))
    after = client_for().get(link)

    assert shown.status_code == 200 and student.display_name in shown.content.decode()
    assert renewed.status_code == 302
    assert after.status_code == 404
    credential.refresh_from_db()
    assert client_for().get(reverse("credentials:shared", args=[credential.share_token])).status_code == 200


def test_only_the_holder_renews_the_share_link(credential, school_admin):
    token = credential.share_token

    assert client_for(school_admin).post(reverse("credentials:wallet_share", args=[credential.uuid])).status_code == 404
    credential.refresh_from_db()
    assert credential.share_token == token


# --- the wallet ----------------------------------------------------------------------------------------


def test_the_wallet_shows_ones_own_credentials_as_cards_in_few_queries(diploma, student, school,
                                                                      django_assert_max_num_queries):
    for _ in range(5):
        issue(diploma, student, checkpoint=False)
    other = person(school, Role.STUDENT, username="another_student")
    theirs = issue(diploma, other)
    client = in_chinese(client_for(student))

    with django_assert_max_num_queries(8):
        response = client.get(reverse("credentials:wallet"))

    body = response.content.decode()
    assert body.count('data-testid="credential-card"') == 5
    assert body.count('data-testid="in-log"') == 5
    assert str(theirs.uuid) not in body
    assert "我的凭证" in body


def test_the_wallet_searches_and_filters(diploma, student, school_admin):
    kept = issue(diploma, student)
    revoked = issue(diploma, student)
    services.set_status(credential=revoked, actor=school_admin, status=CredentialStatus.REVOKED, reason="作废")
    client = client_for(student)

    only_revoked = client.get(reverse("credentials:wallet"), {"status": "revoked"}).content.decode()
    nothing = client.get(reverse("credentials:wallet"), {"q": "不存在的证书"}).content.decode()

    assert str(revoked.uuid) in only_revoked and str(kept.uuid) not in only_revoked
    assert 'data-testid="empty"' in nothing


def test_anothers_credential_is_not_found(credential, school):
    classmate = person(school, Role.STUDENT, username="classmate")
    client = client_for(classmate)

    for name in ("wallet_detail", "wallet_json", "wallet_pdf"):
        assert client.get(reverse(f"credentials:{name}", args=[credential.uuid])).status_code == 404


def test_the_json_download_is_the_signed_document_exactly(credential, student):
    response = client_for(student).get(reverse("credentials:wallet_json", args=[credential.uuid]))

    assert response["Content-Disposition"].startswith("attachment;")
    assert json.loads(response.content) == credential.document
    assert verify.verify_document(json.loads(response.content)).valid


def test_the_pdf_certificate_opens_with_chinese_text_and_the_verify_link(credential, student):
    response = in_chinese(client_for(student)).get(reverse("credentials:wallet_pdf", args=[credential.uuid]))

    data = response.content
    assert response["Content-Type"] == "application/pdf"
    assert data.startswith(b"%PDF")
    assert b"STSong-Light" in data
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert student.display_name in text
    assert credential.achievement.name in text
    assert credential.urn in text
    assert str(credential.uuid) in text and "核验" in text


def test_a_teacher_sees_the_wallet_and_an_enterprise_member_does_not(teacher, member_a):
    assert client_for(teacher).get(reverse("credentials:wallet")).status_code == 200
    assert client_for(member_a).get(reverse("credentials:wallet")).status_code == 403


def test_a_teacher_holds_a_training_certificate(school, teacher):
    from credentials.models import Achievement

    training = Achievement.objects.create(issuer=school, kind=AchievementKind.TEACHER_TRAINING, name="双师型教师培训",
                                          description="完成 40 学时企业实践培训。", criteria="考核合格。")
    credential = issue(training, teacher)

    body = client_for(teacher).get(reverse("credentials:wallet")).content.decode()

    assert str(credential.uuid) in body


def test_students_and_teachers_find_the_wallet_in_the_menu_and_on_the_home_page(student, member_a):
    home = client_for(student).get(reverse("home")).content.decode()

    assert home.count(f'href="{reverse("credentials:wallet")}"') >= 2
    assert reverse("credentials:wallet") not in client_for(member_a).get(reverse("home")).content.decode()


# --- the API --------------------------------------------------------------------------------------------


def test_anyone_verifies_through_the_api(credential):
    response = APIClient().post(reverse("credential-verify-list"), {"credential": credential.document}, format="json",
                               HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert response.json()["valid"] is True and response.json()["verdict"] == "valid"
    assert [check["name"] for check in response.json()["checks"]] == list(verify.CHECK_ORDER)


def test_the_api_reports_a_revoked_credential_as_not_valid(credential, school_admin):
    services.set_status(credential=credential, actor=school_admin, status=CredentialStatus.REVOKED, reason="作废")

    answer = APIClient().post(reverse("credential-verify-list"), {"credential": credential.document}, format="json").json()

    assert answer["valid"] is False and answer["verdict"] == "revoked"
    assert next(c for c in answer["checks"] if c["name"] == "signature")["outcome"] == "passed"


def test_the_api_refuses_a_document_that_is_too_large(db):
    huge = {"credential": {"name": "x" * verify.MAX_DOCUMENT_BYTES}}

    response = APIClient().post(reverse("credential-verify-list"), huge, format="json")

    assert response.status_code == 400
    assert "credential" in response.json()["errors"]


def test_the_holder_reads_why_a_credential_was_suspended(credential, student, school_admin):
    services.set_status(credential=credential, actor=school_admin, status=CredentialStatus.SUSPENDED,
                        reason="成绩复核中")

    body = in_chinese(client_for(student)).get(reverse("credentials:wallet_detail", args=[credential.uuid])).content.decode()

    assert 'data-testid="status-reason"' in body and "成绩复核中" in body
    assert 'data-verdict="suspended"' in body
