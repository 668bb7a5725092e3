"""The credentials API: the same rules as the pages, the foundation's error shape."""

import pytest

from credentials import services
from credentials.models import Credential, CredentialStatus

pytestmark = pytest.mark.django_db


def test_an_administrator_issues_and_revokes_through_the_api(api_client, school_admin, diploma, student):
    client = api_client(school_admin)
    response = client.post("/api/v1/credentials/", {"achievement": diploma.pk, "holder": student.pk}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["document"]["proof"]["cryptosuite"] == "eddsa-rdfc-2022" and body["log_index"] is not None
    url = f"/api/v1/credentials/{body['id']}/status/"
    refused = client.post(url, {"status": "revoked"}, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "invalid"
    response = client.post(url, {"status": "revoked", "reason": "证书信息有误。"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "revoked"
    assert Credential.objects.get().status == CredentialStatus.REVOKED


def test_holders_read_their_own_and_nobody_issues_elsewhere(api_client, school_admin, diploma, student, admin_a,
                                                            teacher):
    credential = services.issue_credential(achievement=diploma, holder=student, actor=school_admin)
    mine = api_client(student).get("/api/v1/credentials/").json()
    assert [row["id"] for row in mine["results"]] == [str(credential.uuid)]
    assert api_client(teacher).get("/api/v1/credentials/").json()["results"] == []
    assert api_client(admin_a).get(f"/api/v1/credentials/{credential.uuid}/").status_code == 404
    response = api_client(admin_a).post("/api/v1/credentials/", {"achievement": diploma.pk, "holder": student.pk},
                                        format="json")
    assert response.status_code == 403
    response = api_client(student).post(f"/api/v1/credentials/{credential.uuid}/status/",
                                        {"status": "suspended", "reason": "x"}, format="json")
    assert response.status_code == 403
    assert Credential.objects.get().status == CredentialStatus.ACTIVE


def test_someone_not_of_the_school_is_refused_by_field(api_client, school_admin, diploma, admin_a):
    response = api_client(school_admin).post("/api/v1/credentials/", {"achievement": diploma.pk, "holder": admin_a.pk},
                                             format="json")
    assert response.status_code == 400 and "holder" in response.json()["errors"]
