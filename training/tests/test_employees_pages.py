"""Employee training as people use it: the school offers a programme and adds sessions; an
enterprise enrols employees; the school records attendance and assessment; the report shows the
hours and income. Each sees their own scope (404 outside it); lists cost as many queries for many
rows as for few; the API reads under the same rules."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from members.models import OrganizationKind, Role
from members.tests.factories import OrganizationFactory, person
from tests.fixtures import client_for
from tests.pages import part, queries_for
from training.models import EmployeeEnrolment, EnrolmentStatus, TrainingProgramme
from training.services import employees as services
from training.tests.mentors_support import make_school_admin, offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def school_admin(school):
    return make_school_admin(school)


def _enrol(actor, programme, enterprise, n):
    return services.enrol(programme=programme, actor=actor, enterprise=enterprise, name=f"员工{n}",
                          employee_number=f"E{n:03d}")


def test_offer_enrol_attend_assess_on_the_pages(school_admin, school, org_a, admin_a):
    client = client_for(school_admin)
    response = client.post(reverse("training:programme_create"), {
        "school": school.pk, "title": "数控岗前培训", "kind": "pre_job", "hours": "8", "required_share": "80",
        "fee": "600", "capacity": "2", "starts_on": "2026-03-01", "ends_on": "2026-03-31", "status": "open"},
        follow=True)
    programme = TrainingProgramme.objects.get()
    assert response.redirect_chain[-1][0] == reverse("training:programme", args=[programme.pk])
    client.post(reverse("training:programme_session_create", args=[programme.pk]),
                {"date": "2026-03-02", "hours": "8", "topic": "安全操作"})
    session = programme.sessions.get()
    enterprise = client_for(admin_a)
    response = enterprise.post(reverse("training:programme_enrol", args=[programme.pk]), {
        "enterprise": org_a.pk, "name": "赵志强", "employee_number": "HY-1"}, follow=True)
    assert "赵志强" in part(response, "programme-enrolments").text
    enrolment = EmployeeEnrolment.objects.get()
    client.post(reverse("training:session_attendance", args=[session.pk]), {"present": [enrolment.pk]})
    client.post(reverse("training:enrolment_assess", args=[enrolment.pk]), {"score": "88", "passed": "on"})
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.attended_hours) == (EnrolmentStatus.COMPLETED, 8)
    rows = part(client.get(reverse("training:employee_training_report")), "training-report").text
    assert "600" in rows and "8" in rows


def test_a_full_programme_refuses_with_the_reason(school_admin, school, org_a, admin_a):
    programme = offer(school_admin, school, capacity=1)
    _enrol(admin_a, programme, org_a, 1)
    response = client_for(admin_a).post(reverse("training:programme_enrol", args=[programme.pk]), {
        "enterprise": org_a.pk, "name": "钱伟", "employee_number": "E009"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()


def test_each_sees_their_own_enrolments(school_admin, school, org_a, org_b, admin_a, admin_b, teacher, student,
                                        secretariat, officer):
    programme = offer(school_admin, school)
    mine, theirs = _enrol(admin_a, programme, org_a, 1), _enrol(admin_b, programme, org_b, 2)
    for user, expected in ((teacher, {mine, theirs}), (secretariat, {mine, theirs}), (admin_a, {mine}),
                           (admin_b, {theirs})):
        rows = part(client_for(user).get(reverse("training:enrolments")), "enrolment-table").text
        for enrolment in (mine, theirs):
            assert (enrolment.name in rows) == (enrolment in expected), (user, enrolment)
        rows = part(client_for(user).get(reverse("training:programme", args=[programme.pk])),
                    "programme-enrolments").text
        for enrolment in (mine, theirs):
            assert (enrolment.name in rows) == (enrolment in expected), (user, enrolment)
    for user in (student, officer):
        assert client_for(user).get(reverse("training:programmes")).status_code in (403, 404)
    assert client_for(admin_b).post(reverse("training:enrolment_withdraw", args=[mine.pk])).status_code == 404
    assert client_for(admin_a).get(reverse("training:enrolment_assess", args=[mine.pk])).status_code == 404
    assert client_for(admin_a).get(reverse("training:employee_training_report")).status_code == 404


def test_another_schools_programme_is_not_seen_by_its_staff(school_admin, school):
    other = OrganizationFactory(kind=OrganizationKind.SECONDARY_VOCATIONAL, name_zh="另一所学校")
    other_admin = person(other, Role.ORG_ADMIN)
    programme = offer(school_admin, school)
    client = client_for(other_admin)
    assert client.get(reverse("training:programme", args=[programme.pk])).status_code == 404
    assert client.get(reverse("training:programme_edit", args=[programme.pk])).status_code == 404
    rows = part(client.get(reverse("training:employee_training_report")), "training-report").text
    assert school.name_zh not in rows


def test_the_list_filters_and_costs_the_same_for_many(school_admin, school, org_a, admin_a):
    offer(school_admin, school)
    client = client_for(admin_a)
    few = queries_for(client, reverse("training:programmes"))
    for n in range(15):
        p = offer(school_admin, school, title=f"继续教育{n}", kind="continuing", starts=date(2025, 5, 1),
                  ends=date(2025, 5, 30))
        _enrol(admin_a, p, org_a, n)
    assert queries_for(client, reverse("training:programmes")) == few
    rows = part(client.get(reverse("training:programmes"), {"kind": "continuing", "year": "2025"}),
                "programme-table").text
    assert "继续教育3" in rows and "数控岗前培训" not in rows
    few_enrolments = queries_for(client, reverse("training:enrolments"))
    assert queries_for(client, reverse("training:enrolments"), q="员工", status="enrolled") == few_enrolments


def test_the_programme_page_costs_the_same_for_many_enrolments(school_admin, school, org_a, admin_a):
    small = offer(school_admin, school, capacity=50)
    big = offer(school_admin, school, title="大班", capacity=50)
    for n in range(20):
        _enrol(admin_a, big, org_a, n)
        services.session_create(programme=big, actor=school_admin, date=date(2026, 3, 1 + n), hours=2, topic=f"第{n}讲")
    _enrol(admin_a, small, org_a, 1)
    services.session_create(programme=small, actor=school_admin, date=date(2026, 3, 1), hours=2, topic="第1讲")
    client = client_for(school_admin)
    assert queries_for(client, reverse("training:programme", args=[big.pk])) == queries_for(
        client, reverse("training:programme", args=[small.pk]))


def test_the_report_costs_the_same_for_many_schools(school_admin, school, secretariat, org_a, admin_a):
    offer(school_admin, school)
    client = client_for(secretariat)
    few = queries_for(client, reverse("training:employee_training_report"))
    for n in range(5):
        other = OrganizationFactory(kind=OrganizationKind.SECONDARY_VOCATIONAL, name_zh=f"学校{n}")
        offer(person(other, Role.ORG_ADMIN), other, fee="100")
    assert queries_for(client, reverse("training:employee_training_report")) == few


def test_the_api_reads_programmes_and_enrolments_under_the_same_rules(school_admin, school, org_a, org_b, admin_a,
                                                                      admin_b, api_client):
    programme = offer(school_admin, school, fee="500.00")
    mine = _enrol(admin_a, programme, org_a, 1)
    _enrol(admin_b, programme, org_b, 2)
    results = api_client(admin_a).get("/api/v1/training/programmes/").json()["results"]
    assert [(r["id"], r["enrolled"], Decimal(r["fee"])) for r in results] == [(programme.pk, 2, Decimal("500.00"))]
    results = api_client(admin_a).get("/api/v1/training/enrolments/").json()["results"]
    assert [r["id"] for r in results] == [mine.pk]
    assert api_client(admin_b).get(f"/api/v1/training/enrolments/{mine.pk}/").status_code == 404


def test_the_school_issues_the_credential_from_the_programme_page(school_admin, school, org_a, admin_a):
    from credentials.models import Achievement, AchievementKind

    certificate = Achievement.objects.create(issuer=school, kind=AchievementKind.EMPLOYEE_TRAINING, name="结业证书",
                                             description="完成培训。", criteria="考核合格。")
    worker = person(org_a, Role.ENGINEER, full_name="王工")
    programme = offer(school_admin, school, hours=8, achievement=certificate)
    session = services.session_create(programme=programme, actor=school_admin, date=date(2026, 3, 2), hours=8,
                                      topic="实训")
    enrolment = services.enrol(programme=programme, actor=admin_a, enterprise=org_a, name="王工",
                               employee_number="E1", account=worker)
    services.attendance_record(session=session, actor=school_admin, present=[enrolment])
    services.enrolment_assess(enrolment=enrolment, actor=school_admin, score=Decimal("90"), passed=True)
    client = client_for(school_admin)
    page = client.get(reverse("training:programme", args=[programme.pk]))
    assert reverse("training:enrolment_issue", args=[enrolment.pk]) in page.content.decode()
    assert client_for(admin_a).post(reverse("training:enrolment_issue", args=[enrolment.pk])).status_code == 404
    client.post(reverse("training:enrolment_issue", args=[enrolment.pk]))
    enrolment.refresh_from_db()
    assert enrolment.credential.holder == worker
