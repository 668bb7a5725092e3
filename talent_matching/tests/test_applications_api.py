"""The applications API: the same rules as the pages, each step a POST action, refusals in the
API's error shape with their sentence, and the e-mails sent by a real Celery worker."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from talent_matching.models import Application, ApplicationStage as S
from talent_matching.services import applications as services
from talent_matching.tests import applications_fixtures as fx
from tests.pages import zh

posting_a, profile, school_admin = fx.posting_a, fx.profile, fx.school_admin
URL = "/api/v1/talent/applications/"


@pytest.mark.django_db
def test_the_pipeline_through_the_api(api_client, student, member_a, posting_a, profile):
    pupil, hr = api_client(student), api_client(member_a)
    created = pupil.post(URL, {"posting": posting_a.pk, "note": "可随时到岗。"}, format="json")
    assert created.status_code == 201 and created.json()["stage"] == S.APPLIED
    pk = created.json()["id"]

    when = (timezone.now() + timedelta(days=3)).isoformat()
    assert hr.post(f"{URL}{pk}/shortlist/", {}, format="json").json()["stage"] == S.SHORTLISTED
    interview = hr.post(f"{URL}{pk}/interview/", {"interview_at": when, "interview_place": "二号楼"}, format="json")
    assert interview.json()["interview_place"] == "二号楼"
    assert hr.post(f"{URL}{pk}/offer/", {"note": "月薪 6000 元。"}, format="json").json()["stage"] == S.OFFER
    accepted = pupil.post(f"{URL}{pk}/accept/", {}, format="json").json()
    assert accepted["stage"] == S.ACCEPTED
    assert [e["stage_to"] for e in accepted["events"]] == [S.APPLIED, S.SHORTLISTED, S.INTERVIEW, S.OFFER, S.ACCEPTED]

    said = hr.post(f"{URL}{pk}/messages/", {"body": "欢迎加入！"}, format="json")
    assert said.status_code == 201 and said.json()["from_student"] is False
    assert pupil.get(f"{URL}{pk}/").json()["messages"][0]["body"] == "欢迎加入！"


@pytest.mark.django_db
def test_an_enterprise_invites_through_the_api_and_the_student_declines(api_client, student, member_a, posting_a, profile):
    invited = api_client(member_a).post(URL, {"posting": posting_a.pk, "profile": profile.pk}, format="json")
    assert invited.status_code == 201 and invited.json()["stage"] == S.INVITED
    declined = api_client(student).post(f"{URL}{invited.json()['id']}/decline/", {}, format="json")
    assert declined.json()["stage"] == S.DECLINED


@pytest.mark.django_db
def test_refusals_answer_in_the_error_shape_with_the_reason(api_client, student, member_a, posting_a, profile):
    application = services.application_apply(posting=posting_a, actor=student)
    wrong_side = api_client(student).post(f"{URL}{application.pk}/offer/", {}, format="json")
    assert wrong_side.status_code == 403
    assert wrong_side.json() == {"code": "permission_denied", "errors": {}, "message": zh(
        "Only %(side)s can take the step “%(action)s” here.", side=zh("the enterprise"), action=zh("Make an offer"))}

    wrong_stage = api_client(member_a).post(f"{URL}{application.pk}/accept/", {}, format="json")
    assert wrong_stage.status_code == 400 and wrong_stage.json()["code"] == "invalid"
    assert wrong_stage.json()["errors"]["stage"] == [zh(
        "An application at the stage “%(stage)s” cannot take the step “%(action)s”.", stage=zh("Applied"),
        action=zh("Accept"))]

    no_place = api_client(member_a).post(f"{URL}{application.pk}/interview/", {}, format="json")
    assert set(no_place.json()["errors"]) == {"interview_at", "interview_place"}
    assert Application.objects.get().stage == S.APPLIED


@pytest.mark.django_db
def test_each_side_lists_only_its_own(api_client, student, member_a, outsider, teacher, officer, posting_a, profile):
    application = services.application_apply(posting=posting_a, actor=student)
    for someone in (student, member_a, teacher):
        assert [row["id"] for row in api_client(someone).get(URL).json()["results"]] == [application.pk]
    for someone in (outsider, officer):
        assert api_client(someone).get(URL).json()["results"] == []
        assert api_client(someone).get(f"{URL}{application.pk}/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_steps_and_messages_are_emailed_by_the_worker(celery_worker, student, member_a, admin_a, posting_a, profile,
                                                     school_admin):
    from members.tests.test_tasks import wait_for

    application = services.application_apply(posting=posting_a, actor=student)
    assert wait_for(lambda: len(mail.outbox) == 1)
    assert set(mail.outbox[0].to) == {member_a.email, admin_a.email}
    services.application_transition(application=application, action="offer", actor=member_a)
    assert wait_for(lambda: len(mail.outbox) == 3), "the student and the school's placement officer"
    assert {tuple(m.to) for m in mail.outbox[1:]} == {(student.email,), (school_admin.email,)}
    services.application_message_send(application=application, actor=student, body="请问何时报到？")
    assert wait_for(lambda: len(mail.outbox) == 4)
    assert "请问何时报到？" in mail.outbox[3].body
