"""The postings API: the pages' rules and services, the portal's error shape and filters."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from members import services as member_services
from talent_matching.models import Posting, PostingKind, PostingStatus
from talent_matching.tests.postings_support import posting, skill

pytestmark = pytest.mark.django_db

URL = "/api/v1/postings/"


def complete_body(**changes):
    body = {
        "kind": "internship", "title": "嵌入式软件开发实习生", "description": "参与主控板固件开发。", "headcount": 4,
        "majors": ["510210", "51"], "location": "320411", "salary_min": 3000, "salary_max": 4000,
        "deadline": (timezone.localdate() + timedelta(days=20)).isoformat(),
        "skills": [{"skill": "S-401", "level": 2, "weight": 5, "required": True}],
        "certificates": [{"name": "嵌入式边缘计算软硬件开发职业技能等级证书", "level": "中级"}],
    }
    body.update(changes)
    return body


def test_hr_writes_publishes_and_closes_a_posting(api_client, member_a, org_a):
    skill("S-401")
    client = api_client(member_a)
    created = client.post(URL, complete_body(), format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["status"] == "draft" and body["organization"] == org_a.pk
    assert body["skills"] == [{"skill": "S-401", "skill_name": "Java 程序设计", "level": 2, "weight": 5, "required": True}]
    assert sorted(body["majors"]) == ["51", "510210"]
    detail = f"{URL}{body['id']}/"
    changed = client.patch(detail, {"headcount": 6, "certificates": []}, format="json")
    assert changed.status_code == 200 and changed.json()["headcount"] == 6 and changed.json()["certificates"] == []
    assert changed.json()["skills"][0]["skill"] == "S-401"  # rows not sent are kept
    published = client.post(f"{detail}publish/")
    assert published.status_code == 200 and published.json()["status"] == "published"
    closed = client.post(f"{detail}close/")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"


def test_an_unknown_skill_or_major_is_refused_by_field_and_nothing_is_saved(api_client, member_a):
    response = api_client(member_a).post(URL, complete_body(
        majors=["999999"], skills=[{"skill": "S-999", "level": 1}]), format="json")
    assert response.status_code == 400 and response.json()["code"] == "invalid"
    assert {"majors", "skills"} <= set(response.json()["errors"])
    assert not Posting.objects.exists()


def test_publishing_an_incomplete_draft_lists_what_is_missing(api_client, member_a, org_a):
    draft = posting(org_a, status=PostingStatus.DRAFT, skills=(), deadline_days=None)
    response = api_client(member_a).post(f"{URL}{draft.pk}/publish/")
    assert response.status_code == 400
    problems = response.json()["errors"]["non_field_errors"]
    assert "请至少列出一项岗位要求的技能。" in problems and "请填写报名截止日期。" in problems


def test_enterprise_b_finds_none_of_a_s_drafts_and_changes_none_of_its_postings(api_client, org_a, outsider):
    draft = posting(org_a, status=PostingStatus.DRAFT, title="甲的草稿")
    published = posting(org_a, title="甲的岗位")
    client = api_client(outsider)
    listed = [row["title"] for row in client.get(URL).json()["results"]]
    assert listed == ["甲的岗位"]
    assert client.get(f"{URL}{draft.pk}/").status_code == 404
    assert client.patch(f"{URL}{draft.pk}/", {"title": "乙改的"}, format="json").status_code == 404
    assert client.patch(f"{URL}{published.pk}/", {"title": "乙改的"}, format="json").status_code == 403
    assert client.post(f"{URL}{published.pk}/close/").status_code == 403
    assert set(Posting.objects.values_list("title", flat=True)) == {"甲的草稿", "甲的岗位"}


def test_students_list_published_postings_with_the_pages_filters(api_client, student, org_a, org_b):
    posting(org_a, title="数控工艺员", majors=["460103"], salary=(6000, 8000))
    posting(org_a, title="前端实习生", kind=PostingKind.INTERNSHIP, majors=["510203"], salary=(3000, 4000))
    posting(org_b, title="过期岗位", deadline_days=-2)
    posting(org_b, title="草稿", status=PostingStatus.DRAFT)
    client = api_client(student)

    def titles(**query):
        response = client.get(URL, query)
        assert response.status_code == 200, response.json()
        return sorted(row["title"] for row in response.json()["results"])

    assert titles() == ["前端实习生", "数控工艺员", "过期岗位"]
    assert titles(open="true") == ["前端实习生", "数控工艺员"]
    assert titles(family="51") == ["前端实习生", "过期岗位"]  # 过期岗位 is open to every major
    assert titles(kind="internship") == ["前端实习生"]
    assert titles(pay=5000) == ["数控工艺员", "过期岗位"]
    assert titles(search="前端") == ["前端实习生"]
    assert client.get(URL, {"pay": "lots"}).status_code == 400
    assert client.get(URL, {"open": "yes"}).status_code == 400


def test_the_secretariat_reads_everything_and_writes_nothing(api_client, secretariat, org_a):
    draft = posting(org_a, status=PostingStatus.DRAFT)
    client = api_client(secretariat)
    assert client.get(f"{URL}{draft.pk}/").status_code == 200
    assert client.post(URL, complete_body(), format="json").status_code == 403
    assert client.post(f"{URL}{draft.pk}/publish/").status_code == 403


def test_an_api_key_of_the_enterprise_writes_its_postings_with_the_talent_scope(org_a, admin_a):
    skill("S-401")
    _key, secret = member_services.api_key_create(organization=org_a, actor=admin_a, name="招聘系统",
                                                  scopes=["talent:write"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    response = client.post(URL, complete_body(), format="json")
    assert response.status_code == 201, response.json()
    made = Posting.objects.get()
    assert made.organization == org_a and made.created_by is None
    _key, reader = member_services.api_key_create(organization=org_a, actor=admin_a, name="只读",
                                                  scopes=["talent:read"])
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {reader}")
    assert client.get(f"{URL}{made.pk}/").status_code == 200
    assert client.post(f"{URL}{made.pk}/publish/").status_code == 403


def test_the_list_costs_the_same_queries_however_many_postings(api_client, student, org_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = api_client(student)
    posting(org_a, title="一", majors=["460103"])

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    count()  # the caller's access profile is cached from then on
    few = count()
    for n in range(8):
        posting(org_a, title=f"岗位{n}", majors=["460103", "4601"], skills=("S-103", "S-201"))
    assert count() == few
