"""The resource library as people use it: a teacher uploads a file for the school, everyone in
training finds it by search and filters, sees its licence and owner and downloads it through the
checked view; an organisation's unshared resources are its own; the list costs as many queries
for many resources as for few. The API reads and writes under the same rules."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reference.models import Skill
from tests.fixtures import client_for
from tests.pages import part, queries_for
from training.models import TeachingResource
from training.tests.standards_support import PDF, resource

pytestmark = pytest.mark.django_db


def test_a_teacher_uploads_a_file_and_a_student_finds_and_downloads_it(teacher, school, student, org_a):
    skill = Skill.objects.create(code="T-9", name_zh="示教编程", name_en="Teaching", family="测试")
    response = client_for(teacher).post(reverse("training:resource_create"), {
        "owner": school.pk, "title": "工业机器人实训指导书", "kind": "document", "licence": "cc_by_sa",
        "file": SimpleUploadedFile("指导书.pdf", PDF), "skills": [skill.pk], "is_shared": "on"})
    made = TeachingResource.objects.get()
    assert response.status_code == 302 and made.file_name == "指导书.pdf"
    resource(org_a, title="企业案例")
    client = client_for(student)
    listed = part(client.get(reverse("training:resources"), {"q": "机器人", "skill": skill.pk}), "resource-table").text
    assert "工业机器人实训指导书" in listed and "企业案例" not in listed
    facts = part(client.get(reverse("training:resource", args=[made.pk])), "resource-facts").text
    assert school.name_zh in facts
    download = client.get(reverse("training:resource_file", args=[made.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff" and b"".join(download.streaming_content) == PDF


def test_a_wrong_file_is_refused_on_its_field(teacher, school):
    response = client_for(teacher).post(reverse("training:resource_create"), {
        "owner": school.pk, "title": "x", "kind": "document", "licence": "cc_by",
        "file": SimpleUploadedFile("a.pdf", b"not a pdf")})
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert not TeachingResource.objects.exists()


def test_unshared_resources_are_the_organisations_own(member_a, admin_a, admin_b, org_a):
    made = resource(org_a, title="内部课件", shared=False, created_by=member_a)
    assert client_for(admin_a).get(reverse("training:resource", args=[made.pk])).status_code == 200
    assert client_for(admin_b).get(reverse("training:resource", args=[made.pk])).status_code == 404
    assert "内部课件" not in part(client_for(admin_b).get(reverse("training:resources")), "resource-table").text
    response = client_for(member_a).post(reverse("training:resource_delete", args=[made.pk]), follow=True)
    assert response.status_code == 200 and not TeachingResource.objects.exists()


def test_the_list_costs_the_same_queries_for_many(teacher, org_a, school):
    client = client_for(teacher)
    resource(org_a, title="资源 0")
    one = queries_for(client, reverse("training:resources"))
    skills = [Skill.objects.create(code=f"T-{n}", name_zh=f"技能{n}", name_en=f"Skill {n}", family="测试")
              for n in range(3)]
    for n in range(1, 15):
        made = resource(org_a if n % 2 else school, title=f"资源 {n}")
        made.skills.set(skills)
    assert queries_for(client, reverse("training:resources")) == one
    assert queries_for(client, reverse("training:resources"), kind="document", licence="cc_by") == one


def test_the_api_lists_writes_and_hands_out_files(api_client, teacher, member_a, org_a, school):
    shared = resource(org_a, title="共享文件", with_file=True, created_by=member_a)
    resource(org_a, title="内部", shared=False)
    reader = api_client(teacher)
    titles = [row["title"] for row in reader.get("/api/v1/training/resources/").json()["results"]]
    assert titles == ["共享文件"]
    assert reader.get(f"/api/v1/training/resources/{shared.pk}/file/").status_code == 200
    response = reader.post("/api/v1/training/resources/", {"title": "微课", "kind": "video", "licence": "cc_by_nc",
                                                           "url": "https://example.cn/v"}, format="json")
    assert response.status_code == 201 and response.json()["owner"] == school.pk
    response = reader.post("/api/v1/training/resources/", {"title": "文件", "kind": "document", "licence": "cc_by",
                                                           "file": SimpleUploadedFile("b.pdf", PDF)}, format="multipart")
    assert response.status_code == 201 and response.json()["has_file"] is True
    response = reader.post("/api/v1/training/resources/", {"title": "", "kind": "video", "licence": "cc_by"},
                           format="json")
    assert response.status_code == 400
    assert reader.patch(f"/api/v1/training/resources/{shared.pk}/", {"title": "x"}, format="json").status_code == 403
    owner = api_client(member_a)
    response = owner.patch(f"/api/v1/training/resources/{shared.pk}/", {"is_shared": False}, format="json")
    assert response.status_code == 200 and response.json()["is_shared"] is False and response.json()["has_file"]
