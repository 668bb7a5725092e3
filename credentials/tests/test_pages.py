"""The issuers' pages, in both languages, as a school's administrator uses them."""

import pytest
from django.conf import settings
from django.urls import reverse

from credentials import services
from credentials.models import Achievement, Credential, CredentialStatus, IssuanceBatch, IssuerKey
from credentials.tests.test_batch import students
from tests.fixtures import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["zh-hans", "en"])
def language(request):
    return request.param


def get(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url, follow=True)


def test_the_menu_and_home_lead_a_school_administrator_to_issuing(school_admin, student):
    client = client_for(school_admin)
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert reverse("credentials:issuing") in home
    response = client.get(reverse("credentials:issuing"))
    assert response.status_code == 302 and response.url == reverse("credentials:issued_list", args=[school_admin.memberships.first().organization_id])
    assert reverse("credentials:issuing") not in client_for(student).get("/").content.decode()


def test_creating_and_editing_an_achievement(school, school_admin, language):
    client = client_for(school_admin)
    url = reverse("credentials:achievement_create", args=[school.pk])
    page = get(client, url, language).content.decode()
    assert ("新建证书类别" if language == "zh-hans" else "New achievement") in page
    response = client.post(url, {"kind": "skill", "name": "工业机器人操作与运维", "level": "中级",
                                 "major_code": "4603", "description": "1+X 职业技能等级证书。",
                                 "criteria": "通过理论与实操考核。", "is_active": "on"})
    assert response.status_code == 302
    achievement = Achievement.objects.get(issuer=school)
    response = client.post(reverse("credentials:achievement_edit", args=[school.pk, achievement.pk]),
                           {"kind": "skill", "name": "工业机器人操作与运维", "level": "中级", "major_code": "12",
                            "description": "x", "criteria": "y"})
    assert response.status_code == 200
    assert ("“12”不在列表中" if language == "zh-hans" else "“12” is not in the list") in response.content.decode()


def test_issuing_one_from_the_picker(school, school_admin, diploma, student, language):
    client = client_for(school_admin)
    url = reverse("credentials:issue", args=[school.pk])
    page = get(client, url, language).content.decode()
    assert f'value="{student.username}' in page  # offered in the picker
    response = client.post(url, {"achievement": diploma.pk, "holder": student.username})
    credential = Credential.objects.get()
    assert response.status_code == 302 and response.url == reverse("credentials:issued_credential", args=[credential.uuid])
    page = get(client, response.url, language).content.decode()
    assert credential.urn in page and f"#{credential.log_index}" in page
    response = client.post(url, {"achievement": diploma.pk, "holder": "nobody"})
    assert response.status_code == 200 and Credential.objects.count() == 1


def test_revoking_asks_for_a_reason(school, school_admin, diploma, student, language):
    credential = services.issue_credential(achievement=diploma, holder=student, actor=school_admin)
    client = client_for(school_admin)
    url = reverse("credentials:credential_status", args=[credential.uuid, "revoke"])
    page = get(client, url, language).content.decode()
    assert ("不可恢复" if language == "zh-hans" else "for good") in page
    assert client.post(url, {"reason": ""}).status_code == 200
    assert Credential.objects.get().status == CredentialStatus.ACTIVE
    response = client.post(url, {"reason": "学籍信息有误。"})
    assert response.status_code == 302
    assert Credential.objects.get().status == CredentialStatus.REVOKED
    page = get(client, response.url, language).content.decode()
    assert "学籍信息有误。" in page
    assert client.get(reverse("credentials:credential_status", args=[credential.uuid, "reinstate"])).status_code == 302


def test_the_list_searches_filters_and_keeps_its_queries(school, school_admin, diploma, django_assert_max_num_queries):
    people = students(school, 30)
    for holder in people:
        services.issue_credential(achievement=diploma, holder=holder, actor=school_admin)
    services.set_status(credential=Credential.objects.filter(holder=people[3]).get(), actor=school_admin,
                        status=CredentialStatus.REVOKED, reason="撤销。")
    client = client_for(school_admin)
    url = reverse("credentials:issued_list", args=[school.pk])
    client.get(url)
    with django_assert_max_num_queries(12):
        page = client.get(url).content.decode()
    assert page.count('href="/credentials/issuing/credentials/') == 25
    page = client.get(url, {"q": "学生3"}).content.decode()
    assert page.count('href="/credentials/issuing/credentials/') == 1
    page = client.get(url, {"status": "revoked"}).content.decode()
    assert page.count('href="/credentials/issuing/credentials/') == 1


def test_a_batch_from_a_file_with_a_bad_line_issues_nothing(school, school_admin, diploma, language):
    from django.core.files.uploadedfile import SimpleUploadedFile

    students(school, 2)
    client = client_for(school_admin)
    url = reverse("credentials:batch_create", args=[school.pk])
    assert get(client, url, language).status_code == 200
    upload = SimpleUploadedFile("名单.csv", "用户名\nstu000\nghost\n".encode())
    response = client.post(url, {"achievement": diploma.pk, "source": "file", "file": upload},
                           HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200 and "ghost" in response.content.decode()
    assert not IssuanceBatch.objects.exists()


def test_a_batch_for_the_school_shows_its_progress(school, school_admin, diploma, language,
                                                   django_capture_on_commit_callbacks):
    students(school, 3)
    client = client_for(school_admin)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("credentials:batch_create", args=[school.pk]),
                               {"achievement": diploma.pk, "source": "school"})
    batch = IssuanceBatch.objects.get()
    assert response.url == reverse("credentials:batch_detail", args=[batch.pk]) and batch.total == 3
    page = get(client, response.url, language).content.decode()
    assert "batch-progress.js" in page
    services.batch_run(batch_id=batch.pk)
    assert client.get(reverse("credentials:batch_progress", args=[batch.pk])).json()["done"] == 3
    assert "batch-progress.js" not in get(client, response.url, language).content.decode()


def test_rotating_the_key_asks_first(school, school_admin, diploma, student, language):
    services.issue_credential(achievement=diploma, holder=student, actor=school_admin)
    client = client_for(school_admin)
    page = get(client, reverse("credentials:key_list", args=[school.pk]), language).content.decode()
    assert "key-1" in page and f"/orgs/{school.pk}/did.json" in page
    url = reverse("credentials:key_rotate", args=[school.pk])
    assert get(client, url, language).status_code == 200
    assert IssuerKey.objects.count() == 1
    client.post(url)
    assert [(key.fragment, key.retired_at is None) for key in IssuerKey.objects.order_by("created_at")] == [
        ("key-1", False), ("key-2", True)]


def test_other_people_find_nothing(school, diploma, student, school_admin, admin_a, teacher):
    credential = services.issue_credential(achievement=diploma, holder=student, actor=school_admin)
    for someone in (admin_a, teacher, student):
        client = client_for(someone)
        assert client.get(reverse("credentials:issued_list", args=[school.pk])).status_code == 404
        assert client.get(reverse("credentials:issued_credential", args=[credential.uuid])).status_code == 404
        assert client.get(reverse("credentials:issuing")).status_code == 403


def test_the_admin_console_shows_keys_without_their_private_half(secretariat, school_admin, diploma, student):
    credential = services.issue_credential(achievement=diploma, holder=student, actor=school_admin)
    key = IssuerKey.objects.get()
    client = client_for(secretariat)
    page = client.get(reverse("admin:credentials_issuerkey_change", args=[key.pk])).content.decode()
    assert "key-1" in page and "z6Mk" in page
    assert bytes(key.private_key_encrypted).hex() not in page
    for name in ("issuerkey", "credential", "statuslist", "issuancebatch", "achievement"):
        assert client.get(reverse(f"admin:credentials_{name}_changelist")).status_code == 200
    assert client.get(reverse("admin:credentials_credential_change", args=[credential.pk])).status_code == 200
    assert client.post(reverse("admin:credentials_credential_delete", args=[credential.pk]), {"post": "yes"}).status_code == 403
    assert Credential.objects.exists()


def test_a_teacher_training_certificate_goes_to_a_teacher_of_a_member(school, school_admin, teacher, student):
    training = Achievement.objects.create(issuer=school, kind="teacher_training", name="双师型教师企业实践培训",
                                          description="完成 40 学时企业实践培训。", criteria="考核合格。")
    client = client_for(school_admin)
    url = reverse("credentials:issue", args=[school.pk])
    assert f'value="{teacher.username}' in client.get(url).content.decode()
    response = client.post(url, {"achievement": training.pk, "holder": teacher.username})
    assert response.status_code == 302 and Credential.objects.get().holder == teacher
    response = client.post(url, {"achievement": training.pk, "holder": student.username})
    assert response.status_code == 200 and Credential.objects.count() == 1


def test_a_batch_for_the_students_listed(school, school_admin, diploma, django_capture_on_commit_callbacks):
    people = students(school, 3)
    client = client_for(school_admin)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("credentials:batch_create", args=[school.pk]),
                               {"achievement": diploma.pk, "source": "list", "names": "stu000\nstu002"})
    assert response.status_code == 302
    assert IssuanceBatch.objects.get().rows == [{"holder": people[0].pk}, {"holder": people[2].pk}]
    response = client.post(reverse("credentials:batch_create", args=[school.pk]),
                           {"achievement": diploma.pk, "source": "list", "names": ""})
    assert response.status_code == 200 and IssuanceBatch.objects.count() == 1
