"""Projects and expenses in the API: the execution of a project for those who read its money (null
for the others), expenses recorded by the partners' administrators under the budget rule."""

import pytest
from django.urls import reverse

from consortium.governance.models import Expense, MatterKind
from consortium.governance.tests import projects_support as support

pytestmark = pytest.mark.django_db


@pytest.fixture
def college(org_a, school):
    p = support.project(org_a, partners=[school], lines=support.LINES)
    support.spend(support.line(p, "设备购置"), "95000.00", description="数控机床")
    return p


def test_a_partner_reads_the_execution_by_source(api_client, college, teacher):
    response = api_client(teacher).get(reverse("governance-project-detail", args=[college.pk]))
    assert response.status_code == 200
    execution = response.json()["execution"]
    assert (execution["budget"], execution["spent"], execution["remaining"], execution["share"]) == (
        "150000.00", "95000.00", "55000.00", "63.3")
    assert execution["by_source"][0] == {"source": "government", "budget": "100000.00", "spent": "95000.00"}
    assert response.json()["resolution"] == college.resolution.number


def test_others_read_the_summary_without_the_money(api_client, college, outsider, django_assert_max_num_queries):
    client = api_client(outsider)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("governance-project-list"))
    [row] = response.json()["results"]
    assert row["code"] == "CJ-01" and row["execution"] is None
    assert client.get(reverse("governance-expense-list")).json()["results"] == []


def test_a_student_reads_no_project(api_client, college, student):
    assert api_client(student).get(reverse("governance-project-list")).json()["results"] == []


def test_a_partner_administrator_records_an_expense(api_client, college, admin_a):
    line = support.line(college, "课程开发")
    response = api_client(admin_a).post(reverse("governance-expense-list"), {
        "line": line.pk, "amount": "1200.50", "spent_on": support.today().isoformat(), "description": "讲义"},
        format="json")
    assert response.status_code == 201
    assert response.json()["amount"] == "1200.50" and response.json()["project"] == college.pk


def test_an_expense_beyond_the_line_is_refused_unless_a_resolution_authorises_it(api_client, college, admin_a):
    line = support.line(college, "设备购置")
    client = api_client(admin_a)
    body = {"line": line.pk, "amount": "6000", "spent_on": support.today().isoformat(), "description": "超支"}
    refused = client.post(reverse("governance-expense-list"), body, format="json")
    assert refused.status_code == 400 and "amount" in refused.json()["errors"]
    budget_change = support.resolution(matter=MatterKind.BUDGET, subject=line)
    authorised = client.post(reverse("governance-expense-list"), {**body, "authorised_by": budget_change.pk},
                             format="json")
    assert authorised.status_code == 201 and authorised.json()["authorised_by"] == budget_change.number


def test_those_who_may_not_record_are_refused(api_client, college, member_a, outsider):
    line = support.line(college)
    body = {"line": line.pk, "amount": "1", "spent_on": support.today().isoformat(), "description": "x"}
    assert api_client(member_a).post(reverse("governance-expense-list"), body, format="json").status_code == 403
    hidden = api_client(outsider).post(reverse("governance-expense-list"), body, format="json")
    assert hidden.status_code == 400 and "line" in hidden.json()["errors"]
    assert Expense.objects.filter(line=line).count() == 0


def test_evidence_is_sent_as_a_multipart_file(api_client, college, admin_a):
    response = api_client(admin_a).post(reverse("governance-expense-list"), {
        "line": support.line(college, "课程开发").pk, "amount": "10", "spent_on": support.today().isoformat(),
        "description": "发票", "evidence": support.pdf()}, format="multipart")
    assert response.status_code == 201 and response.json()["has_evidence"] is True
