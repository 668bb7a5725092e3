"""Teachers' training pages as people use them: the teacher records, submits and sees the
indicator; the provider signs off from the queue or returns; the school's committee sees the
overview (one aggregate query: as many queries for many teachers as for few) and decides 双师型
applications; evidence only for those who see the record; the API reads under the same rules."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import Role
from members.tests.factories import person
from training.models import DualStatus, TrainingRecordStatus
from training.services import teachers as services
from training.tests import teachers_support
from training.tests.teachers_support import days_ago, practice

school_admin = teachers_support.school_admin
from tests.fixtures import client_for
from tests.pages import part, queries_for

pytestmark = pytest.mark.django_db


def test_the_teacher_records_submits_and_the_provider_signs_off(teacher, org_a, member_a):
    client = client_for(teacher)
    ends = days_ago(10)
    response = client.post(reverse("training:teacher_record_create"), {
        "kind": "practice", "provider": org_a.pk, "title": "暑期企业实践", "starts_on": str(ends - timedelta(days=29)),
        "ends_on": str(ends), "days": "30", "hours": "240", "content": "参与装配线调试。",
        "evidence": SimpleUploadedFile("证明.pdf", b"%PDF-1.4 x", content_type="application/pdf")}, follow=True)
    record = teacher.training_records.get()
    assert response.redirect_chain[-1][0] == reverse("training:teacher_record", args=[record.pk])
    evidence_url = part(response, "record-evidence").links[0]
    client.post(reverse("training:teacher_record_submit", args=[record.pk]))
    record.refresh_from_db()
    assert record.status == TrainingRecordStatus.SUBMITTED
    signer = client_for(member_a)
    assert "暑期企业实践" in part(signer.get(reverse("training:teacher_queue")), "queue-table").text
    assert signer.get(evidence_url).status_code == 200
    response = signer.post(reverse("training:teacher_record_review", args=[record.pk]), {"decision": "sign_off"},
                           follow=True)
    assert response.status_code == 200
    record.refresh_from_db()
    assert record.status == TrainingRecordStatus.SIGNED_OFF and record.credential_id
    page = client.get(reverse("training:teacher_records"))
    assert "30" in part(page, "practice-indicator").text
    assert 'data-colour="red"' in page.content.decode()
    assert client.get(reverse("training:teacher_record_edit", args=[record.pk])).status_code == 404


def test_wrong_dates_are_shown_on_their_fields(teacher, org_a):
    response = client_for(teacher).post(reverse("training:teacher_record_create"), {
        "kind": "practice", "provider": org_a.pk, "title": "x", "starts_on": str(days_ago(5)),
        "ends_on": str(days_ago(10)), "days": "3", "hours": "100", "content": "x"})
    assert response.status_code == 200 and set(response.context["form"].errors) >= {"ends_on"}
    assert not teacher.training_records.exists()


def test_returning_needs_a_reason_on_the_page(teacher, org_a, admin_a, outsider):
    record = practice(teacher, org_a)
    client = client_for(admin_a)
    response = client.post(reverse("training:teacher_record_review", args=[record.pk]), {"decision": "return"})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    client.post(reverse("training:teacher_record_review", args=[record.pk]), {"decision": "return",
                                                                              "reason": "请补充考勤表。"})
    record.refresh_from_db()
    assert record.status == TrainingRecordStatus.RETURNED
    assert "请补充考勤表。" in part(client_for(teacher).get(reverse("training:teacher_record_edit", args=[record.pk])),
                                 "return-reason").text
    assert client_for(outsider).get(reverse("training:teacher_record", args=[record.pk])).status_code == 404


def test_another_teachers_records_are_not_there(teacher, school, org_a):
    other = person(school, Role.TEACHER, username="other_teacher")
    record = practice(other, org_a, submit=False)
    assert client_for(teacher).get(reverse("training:teacher_record", args=[record.pk])).status_code == 404


def _teachers(school, provider, signer, count, start=0):
    for n in range(start, start + count):
        someone = person(school, Role.TEACHER, username=f"t{n}", full_name=f"教师{n:03d}")
        practice(someone, provider, ended=30 + n, days=100 if n % 2 else 20, signer=signer)


def test_the_overview_shows_each_teacher_and_the_share_in_one_query(school, school_admin, org_a, member_a, teacher):
    _teachers(school, org_a, member_a, 2)
    client = client_for(school_admin)
    url = reverse("training:teacher_overview")
    few = queries_for(client, url)
    _teachers(school, org_a, member_a, 12, start=2)
    assert queries_for(client, url) == few
    assert queries_for(client, url, q="教师", colour="yellow") == few
    response = client.get(url, {"colour": "yellow"})
    rows = part(response, "overview-table").text
    assert "教师001" in rows and "教师000" not in rows
    summary = part(response, "overview-summary").text
    assert "0 / 15" in summary or "0%" in summary


def test_the_overview_is_the_school_committees_and_the_secretariats(teacher, admin_a, secretariat, school_admin):
    url = reverse("training:teacher_overview")
    assert client_for(teacher).get(url).status_code == 404
    assert client_for(admin_a).get(url).status_code == 404
    assert client_for(secretariat).get(url).status_code == 200
    assert client_for(school_admin).get(url).status_code == 200


def test_the_committee_decides_an_application_on_its_page(teacher, org_a, member_a, school_admin, school):
    record = practice(teacher, org_a, signer=member_a)
    client = client_for(teacher)
    response = client.post(reverse("training:dual_apply"), {"level": "senior", "records": [record.pk],
                                                             "qualifications": "高级技师；副教授。"}, follow=True)
    application = teacher.dual_teacher_applications.get()
    committee = client_for(school_admin)
    url = reverse("training:dual_application", args=[application.pk])
    response = committee.post(url, {"decision": "approve", "level": "intermediate", "reasons": ""})
    assert response.status_code == 200 and response.context["form"].errors["reasons"]
    response = committee.post(url, {"decision": "approve", "level": "intermediate",
                                    "reasons": "企业实践与项目经历符合中级条件。"}, follow=True)
    application.refresh_from_db()
    assert (application.status, application.decided_level) == (DualStatus.APPROVED, "intermediate")
    assert "100%" in part(committee.get(reverse("training:teacher_overview")), "overview-summary").text
    assert client.post(url, {"decision": "approve", "level": "senior", "reasons": "我"}).status_code == 404


def test_my_records_and_the_queue_cost_the_same_for_many_records(teacher, org_a, member_a):
    practice(teacher, org_a, ended=10, days=5)
    mine, queue = client_for(teacher), client_for(member_a)
    few = queries_for(mine, reverse("training:teacher_records")), queries_for(queue, reverse("training:teacher_queue"))
    for n in range(1, 12):
        practice(teacher, org_a, ended=10 + n * 20, days=5, title=f"实践{n}")
    assert (queries_for(mine, reverse("training:teacher_records")),
            queries_for(queue, reverse("training:teacher_queue"))) == few


def test_the_api_gives_own_records_the_queue_and_the_overview(teacher, org_a, member_a, admin_b, school_admin,
                                                             api_client):
    practice(teacher, org_a, signer=member_a)
    practice(teacher, org_a, ended=200, days=5, title="待签认")
    mine = api_client(teacher).get("/api/v1/training/teacher-records/").json()["results"]
    assert len(mine) == 2
    queue = api_client(member_a).get("/api/v1/training/teacher-records/", {"status": "submitted"}).json()["results"]
    assert [r["title"] for r in queue] == ["待签认"]
    assert api_client(admin_b).get("/api/v1/training/teacher-records/").json()["results"] == []
    rows = api_client(school_admin).get("/api/v1/training/teacher-overview/").json()["results"]
    assert [(r["days"], r["colour"], r["is_certified"]) for r in rows] == [(30, "red", False)]
    assert api_client(teacher).get("/api/v1/training/teacher-overview/").json()["results"] == []


def test_the_hub_and_the_home_panel_offer_the_teachers_pages(teacher, org_a, member_a):
    practice(teacher, org_a)
    hub = client_for(teacher).get(reverse("training:home")).content.decode()
    assert reverse("training:teacher_records") in hub
    assert reverse("training:teacher_queue") in client_for(member_a).get(reverse("training:home")).content.decode()


def test_the_console_lists_the_records(teacher, org_a, secretariat):
    practice(teacher, org_a)
    response = client_for(secretariat).get(reverse("admin:training_teachertrainingrecord_changelist"))
    assert response.status_code == 200 and "企业实践" in response.content.decode()


def test_a_services_draft_stays_the_teachers(teacher, org_a, member_a):
    record = practice(teacher, org_a, submit=False)
    assert client_for(member_a).get(reverse("training:teacher_record", args=[record.pk])).status_code == 404
    assert services.record_submit(record=record, actor=teacher).status == TrainingRecordStatus.SUBMITTED
