"""Budget execution as the database computes it: figures per line and per project (overall and by
source of funds) equal the hand-computed ones, and cost one query whether there are three
projects or five hundred with their lines and expenses."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consortium.governance.models import BudgetLine, Expense, FundSource, Project, ProjectKind, ProjectStatus
from consortium.governance.selectors import projects as selectors
from consortium.governance.tests import projects_support as support

pytestmark = pytest.mark.django_db


@pytest.fixture
def college(org_a, school):
    p = support.project(org_a, partners=[school], lines=[
        (FundSource.GOVERNMENT, "设备购置", "100000.00"),
        (FundSource.GOVERNMENT, "场地改造", "20000.00"),
        (FundSource.ENTERPRISE, "课程开发", "50000.00"),
        (FundSource.SOCIAL, "奖学金", "8000.00"),
    ])
    support.spend(support.line(p, "设备购置"), "60000.00")
    support.spend(support.line(p, "设备购置"), "35000.50")
    support.spend(support.line(p, "课程开发"), "12500.25")
    return p


def test_each_line_shows_its_budget_spent_remaining_and_share(college):
    lines = {line.title: line for line in selectors.line_execution(college)}
    equipment = lines["设备购置"]
    assert (equipment.amount, equipment.spent, equipment.remaining, equipment.share) == (
        Decimal("100000.00"), Decimal("95000.50"), Decimal("4999.50"), Decimal("95.0"))
    courses = lines["课程开发"]
    assert (courses.spent, courses.remaining, courses.share) == (Decimal("12500.25"), Decimal("37499.75"),
                                                                 Decimal("25.0"))
    untouched = lines["场地改造"]
    assert (untouched.spent, untouched.remaining, untouched.share) == (Decimal("0"), Decimal("20000.00"), Decimal("0"))


def test_the_project_totals_overall_and_by_source(college):
    project = selectors.project_with_execution(Project.objects.all(), college.pk)
    assert (project.budget_total, project.spent_total, project.remaining_total) == (
        Decimal("178000.00"), Decimal("107500.75"), Decimal("70499.25"))
    assert project.share == Decimal("60.4")  # 107500.75 / 178000 = 60.39…%
    assert [(row["source"], row["budget"], row["spent"]) for row in selectors.sources_of(project)] == [
        (FundSource.GOVERNMENT, Decimal("120000.00"), Decimal("95000.50")),
        (FundSource.ENTERPRISE, Decimal("50000.00"), Decimal("12500.25")),
        (FundSource.SOCIAL, Decimal("8000.00"), Decimal("0")),
    ]


def test_a_project_without_lines_has_nothing_spent_and_no_share(org_a):
    bare = support.project(org_a, code="CJ-09")
    project = selectors.project_with_execution(Project.objects.all(), bare.pk)
    assert (project.budget_total, project.spent_total, project.share) == (Decimal("0"), Decimal("0"), None)


def test_five_hundred_projects_cost_one_query(org_a, school):
    projects = Project.objects.bulk_create(
        Project(code=f"B-{n:03d}", title=f"项目{n}", kind=ProjectKind.TRAINING_BASE, lead=org_a)
        for n in range(500))
    lines = BudgetLine.objects.bulk_create(
        BudgetLine(project=p, source=source, title=source, amount=Decimal("1000"))
        for p in projects for source in (FundSource.GOVERNMENT, FundSource.SCHOOL))
    Expense.objects.bulk_create(Expense(line=line, amount=Decimal("100"), spent_on=support.today(), description="x")
                                for line in lines for _ in range(3))
    with CaptureQueriesContext(connection) as captured:
        rows = list(selectors.with_execution(Project.objects.all(), by_source=True))
    assert len(captured) == 1
    assert len(rows) == 500
    assert {(r.budget_total, r.spent_total, r.budget_school, r.spent_government) for r in rows} == {
        (Decimal("2000"), Decimal("600"), Decimal("1000"), Decimal("300"))}
    with CaptureQueriesContext(connection) as captured:
        export = list(selectors.execution_rows(Project.objects.all()))
    assert len(captured) == 1 and len(export) == 1000
    assert {(line.spent, line.share) for line in export} == {(Decimal("300"), Decimal("30.0"))}


def test_only_public_approved_projects_are_disclosed_with_their_execution(college, org_b):
    college.is_public = True
    college.save()
    support.project(org_b, code="CJ-02", is_public=True, status=ProjectStatus.PROPOSED)
    support.project(org_b, code="CJ-03", is_public=False)
    with CaptureQueriesContext(connection) as captured:
        public = list(selectors.public_projects())
    assert len(captured) == 1
    assert [p.code for p in public] == ["CJ-01"]
    assert public[0].spent_total == Decimal("107500.75") and public[0].lead.pk == college.lead_id
