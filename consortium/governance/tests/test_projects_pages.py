"""Projects as people use them: the list with its filters and search (as many queries for many
projects as for few), a project's page with its budget execution for the partners and the
summary for everyone else, recording an expense with its evidence (and being refused beyond
the budget), downloading the evidence, the secretariat's forms, the assessment, the CSV."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from consortium.governance.models import (
    BudgetLine,
    Expense,
    FundSource,
    MatterKind,
    Project,
    ProjectKind,
    ProjectStatus,
)
from consortium.governance.tests import projects_support as support
from members.models import Role
from members.tests.factories import person
from tests.fixtures import client_for
from tests.pages import messages_on, part, queries_for, zh

pytestmark = pytest.mark.django_db


@pytest.fixture
def college(org_a, school):
    p = support.project(org_a, partners=[school], lines=support.LINES)
    support.spend(support.line(p, "设备购置"), "95000.00", description="数控机床")
    return p


def test_the_list_filters_and_searches(college, org_b, teacher):
    support.project(org_b, code="JD-01", title="新能源实训基地", kind=ProjectKind.TRAINING_BASE)
    client = client_for(teacher)
    url = reverse("governance:projects")
    assert "新能源实训基地" in part(client.get(url), "project-table").text
    by_kind = part(client.get(url, {"kind": "industry_college"}), "project-table").text
    assert "智能制造产业学院" in by_kind and "新能源实训基地" not in by_kind
    by_partner = part(client.get(url, {"organization": college.partners.get().organization_id}), "project-table").text
    assert "智能制造产业学院" in by_partner and "新能源实训基地" not in by_partner
    searched = part(client.get(url, {"q": "新能源"}), "project-table").text
    assert "新能源实训基地" in searched and "智能制造产业学院" not in searched
    mine = part(client.get(reverse("governance:projects_mine")), "project-table").text
    assert "智能制造产业学院" in mine and "新能源实训基地" not in mine


def test_the_list_costs_as_many_queries_for_many_projects_as_for_few(college, org_b, school, teacher):
    client = client_for(teacher)
    url = reverse("governance:projects")
    few = queries_for(client, url)
    for n in range(30):
        support.project(org_b if n % 2 else school, code=f"P-{n}", title=f"项目{n}", lines=support.LINES)
    assert queries_for(client, url) == few
    assert queries_for(client, url, status="approved", kind="industry_college") <= few + 1


def test_the_list_shows_budget_execution_only_of_projects_whose_money_one_reads(college, outsider, teacher):
    shown = part(client_for(teacher).get(reverse("governance:projects")), "project-table").text
    assert "150000.00" in shown and "63.3%" in shown  # 95,000 of 150,000 spent
    hidden = part(client_for(outsider).get(reverse("governance:projects")), "project-table").text
    assert "智能制造产业学院" in hidden and "63.3%" not in hidden and "150000" not in hidden


def test_a_partner_reads_the_budget_execution_and_expenses(college, teacher, django_assert_max_num_queries):
    client = client_for(teacher)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("governance:project", args=[college.pk]))
    lines = part(response, "lines").text
    assert "设备购置" in lines and "95000.00" in lines and "5000.00" in lines and "95.0%" in lines
    assert "数控机床" in part(response, "expenses").text
    assert zh("Government funds") in part(response, "sources").text


def test_others_read_the_summary_but_not_the_money(college, outsider):
    response = client_for(outsider).get(reverse("governance:project", args=[college.pk]))
    assert college.resolution.number in part(response, "project-resolution").text
    assert part(response, "money-hidden")
    assert "数控机床" not in response.content.decode() and "95000" not in response.content.decode()


def test_a_partner_administrator_records_an_expense_with_its_evidence(college, admin_a, outsider):
    client = client_for(admin_a)
    line = support.line(college, "课程开发")
    response = client.post(reverse("governance:project_expense_create", args=[college.pk]), {
        "line": line.pk, "amount": "12000", "spent_on": support.today().isoformat(), "description": "课程脚本",
        "evidence": support.pdf("合同.pdf")}, follow=True)
    assert zh("The expense is recorded.") in messages_on(response)
    assert "课程脚本" in part(response, "expenses").text
    expense = Expense.objects.get(description="课程脚本")
    evidence = client.get(reverse("governance:project_evidence", args=[expense.pk]))
    assert evidence.status_code == 200 and b"".join(evidence.streaming_content).startswith(b"%PDF")
    assert "private" in evidence["Cache-Control"]
    assert client_for(outsider).get(reverse("governance:project_evidence", args=[expense.pk])).status_code == 404


def test_an_expense_beyond_the_line_is_refused_on_the_form_with_the_reason(college, admin_a):
    line = support.line(college, "设备购置")
    response = client_for(admin_a).post(reverse("governance:project_expense_create", args=[college.pk]), {
        "line": line.pk, "amount": "6000", "spent_on": support.today().isoformat(), "description": "超支"})
    assert response.status_code == 200
    assert response.context["form"].errors["amount"]
    assert "5000.00" in str(response.context["form"].errors["amount"])
    budget_change = support.resolution(matter=MatterKind.BUDGET, subject=college, title="追加设备预算")
    response = client_for(admin_a).post(reverse("governance:project_expense_create", args=[college.pk]), {
        "line": line.pk, "amount": "6000", "spent_on": support.today().isoformat(), "description": "超支",
        "authorised_by": budget_change.pk}, follow=True)
    assert budget_change.number in part(response, "expenses").text
    assert "-1000.00" in part(response, "lines").text


def test_the_secretariat_creates_a_project_adds_a_partner_a_line_and_links_its_resolution(org_a, school,
                                                                                        secretariat):
    client = client_for(secretariat)
    response = client.post(reverse("governance:project_create"), {
        "code": "CJ-2026-09", "title": "机器人产业学院", "kind": "industry_college", "lead": org_a.pk}, follow=True)
    project = Project.objects.get(code="CJ-2026-09")
    assert zh("Proposed") in part(response, "project-status").text
    client.post(reverse("governance:project_partners", args=[project.pk]), {"organization": school.pk,
                                                                            "role": "共建学校"})
    client.post(reverse("governance:project_line_create", args=[project.pk]), {
        "source": "school", "title": "实训设备", "amount": "30000"})
    assert BudgetLine.objects.get(project=project).amount == Decimal("30000")
    adopted = support.resolution(subject=project)
    response = client.post(reverse("governance:project_approval", args=[project.pk]), {
        "action": "link", "resolution": adopted.pk}, follow=True)
    assert adopted.number in part(response, "project-resolution").text
    assert "测试职业技术学院" in part(response, "partners").text
    response = client.post(reverse("governance:project_status", args=[project.pk]), {"status": "in_progress"},
                           follow=True)
    assert zh("In progress") in part(response, "project-status").text


def test_removing_a_partner_is_confirmed_first(college, secretariat):
    partner = college.partners.get()
    client = client_for(secretariat)
    url = reverse("governance:project_partner_remove", args=[college.pk, partner.pk])
    assert part(client.get(url), "confirm")
    assert college.partners.exists()
    client.post(url)
    assert not college.partners.exists()


def test_a_partner_marks_a_milestone_done(college, secretariat, admin_a):
    client_for(secretariat).post(reverse("governance:project_milestone_create", args=[college.pk]), {
        "title": "挂牌成立", "due_on": support.today().isoformat()})
    milestone = college.milestones.get()
    response = client_for(admin_a).post(reverse("governance:project_milestone_done", args=[milestone.pk]),
                                        follow=True)
    assert zh("Done on %(date)s", date="").strip() in part(response, "milestones").text


def test_an_assessor_assesses_with_scored_criteria(college, government, officer):
    support.seat(support.assessment_office(), government, officer)
    response = client_for(officer).post(reverse("governance:project_assess", args=[college.pk]), {
        "result": "excellent", "comment": "成效显著。", "criterion_1": "建设成效", "score_1": "38", "max_1": "40",
        "criterion_2": "资金使用", "score_2": "27", "max_2": "30"}, follow=True)
    text = part(response, "assessment").text
    assert zh("Excellent") in text and "38 / 40" in text and "27 / 30" in text


def test_a_score_above_its_maximum_is_shown_as_an_error(college, secretariat):
    response = client_for(secretariat).post(reverse("governance:project_assess", args=[college.pk]), {
        "result": "pass", "comment": "x", "criterion_1": "建设成效", "score_1": "50", "max_1": "40"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()


def test_the_budget_execution_export_lists_every_line_one_reads(college, org_b, teacher):
    support.project(org_b, code="OTHER", lines=[(FundSource.SOCIAL, "别人的预算", "1000")])
    response = client_for(teacher).get(reverse("governance:projects_export"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == [zh("project code"), zh("title")]
    assert [(r[0], r[5], r[7], r[8]) for r in rows[1:]] == [
        ("CJ-01", "课程开发", "0.00", "50000.00"), ("CJ-01", "设备购置", "95000.00", "5000.00")]


def test_a_student_is_not_shown_projects(college, student):
    assert client_for(student).get(reverse("governance:projects")).status_code == 403


def test_the_hub_offers_the_projects_one_takes_part_in(college, admin_a):
    response = client_for(admin_a).get(reverse("governance:home"))
    assert zh("Projects I take part in") in part(response, "governance-home").text


def test_a_new_school_administrator_is_a_recorder(college, school):
    school_admin = person(school, Role.ORG_ADMIN, username="school_admin")
    response = client_for(school_admin).get(reverse("governance:project_expense_create", args=[college.pk]))
    assert response.status_code == 200
    assert college.status == ProjectStatus.APPROVED


def test_the_admin_console_lists_projects_expenses_and_assessments_and_adds_none(college, secretariat):
    client = client_for(secretariat)
    for name in ("project", "expense", "assessment"):
        assert client.get(reverse(f"admin:governance_{name}_changelist")).status_code == 200
    page = client.get(reverse("admin:governance_project_change", args=[college.pk]))
    assert page.status_code == 200 and "设备购置" in page.content.decode()
    assert client.get(reverse("admin:governance_project_add")).status_code == 403
    assert client.get(reverse("admin:governance_expense_changelist"), {"q": "数控"}).status_code == 200
