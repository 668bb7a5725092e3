"""The governance rules in the security matrix: projects and funds.

The world: an industry college led by enterprise A with the school as partner, approved by a
council resolution, with a budget line, an expense with its evidence and a milestone; and a
proposed training base of enterprise B awaiting the council.

Every governance user (not students, who are refused as on the hub) reads the projects'
summaries; their money — lines, expenses, evidence — is read by the people of the lead and
partner organisations (A's people, the school's teacher), the secretariat and the officer. A's
administrator (and the secretariat) records the college's expenses and marks its milestones done;
the school's teacher is no administrator and does not. The secretariat alone manages projects,
partners, lines, milestones, approval and status, and assesses (no persona holds an assessment
office seat). Anything else answers 404; the visitor is sent to sign in."""

from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from consortium.governance.models import (
    BudgetLine,
    Expense,
    FundSource,
    Milestone,
    Project,
    ProjectKind,
    ProjectPartner,
    ProjectStatus,
)
from tests.matrix import api, page, personas, signed_in

CODE = "MATRIX-01"


def _college(w) -> Project:
    project = Project.objects.filter(code=CODE).first()
    if project is None:
        from consortium.governance.tests.projects_support import resolution

        project = Project.objects.create(code=CODE, title="矩阵产业学院", kind=ProjectKind.INDUSTRY_COLLEGE,
                                         lead=w.orgs["org_a"])
        project.resolution = resolution(subject=project, title="批准矩阵产业学院")
        project.status = ProjectStatus.APPROVED
        project.save()
        ProjectPartner.objects.create(project=project, organization=w.orgs["school"], role="共建学校")
        line = BudgetLine.objects.create(project=project, source=FundSource.GOVERNMENT, title="设备购置",
                                         amount=Decimal("1000"))
        expense = Expense(line=line, amount=Decimal("100"), spent_on=timezone.localdate(), description="矩阵支出",
                          evidence_name="发票.pdf", evidence_type="application/pdf")
        expense.evidence.save("invoice.pdf", ContentFile(b"%PDF-1.4 invoice"), save=False)
        expense.save()
        Milestone.objects.create(project=project, title="挂牌成立", due_on=timezone.localdate())
    return project


def _proposed(w) -> Project:
    project, _created = Project.objects.get_or_create(code="MATRIX-02", defaults={
        "title": "矩阵实训基地", "kind": ProjectKind.TRAINING_BASE, "lead": w.orgs["org_b"]})
    return project


def a_project(w, t):
    return {"pk": _college(w).pk}


def a_proposed_project(w, t):
    return {"pk": _proposed(w).pk}


def a_partner(w, t):
    project = _college(w)
    return {"pk": project.pk, "partner": project.partners.get().pk}


def an_expense(w, t):
    return {"pk": Expense.objects.get(line__project=_college(w)).pk}


def a_milestone(w, t):
    return {"pk": _college(w).milestones.get().pk}


def a_line(w, t):
    return {"line": _college(w).budget_lines.get().pk, "amount": "10", "spent_on": timezone.localdate().isoformat(),
            "description": "矩阵 API 支出"}


def projects(w, t):
    return list(Project.objects.values_list("pk", "code", "title", "status", "resolution_id", "is_public"))


def partners(w, t):
    return list(ProjectPartner.objects.values_list("pk", "project_id", "organization_id"))


def lines(w, t):
    return list(BudgetLine.objects.values_list("pk", "amount"))


def expenses(w, t):
    return list(Expense.objects.values_list("pk", "amount"))


def milestones(w, t):
    return list(Milestone.objects.values_list("pk", "title", "done_on"))


def assessments(w, t):
    from consortium.governance.models import Assessment

    return list(Assessment.objects.values_list("pk", "result"))


READERS = personas(200, anonymous=302, student=403)
SECRETARIAT_ONLY = personas(404, anonymous=302, secretariat=200)
# Those who read the college's money: its lead's and partner's people, the secretariat, the officer.
MONEY = personas(404, anonymous=302, student=403, member_a=200, admin_a=200, teacher=200, officer=200,
                 secretariat=200)
RECORDERS = personas(404, anonymous=302, student=403, admin_a=200, secretariat=200)
POSTED = personas(405, anonymous=302)

RULES = {
    "governance:projects": (page(expect={"any": READERS}),),
    "governance:projects_mine": (page(expect={"any": READERS}),),
    "governance:projects_export": (page(kwargs=None, expect={"any": READERS}),),
    "governance:project_create": (
        page(expect={"any": SECRETARIAT_ONLY}),
        page(method="post", data={"code": ""}, state=projects, expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance:project": (page(kwargs=a_project, expect={"any": READERS}),),
    "governance:project_edit": (
        page(kwargs=a_project, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_project, method="post", data={"title": ""}, state=projects, expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance:project_approval": (
        page(kwargs=a_proposed_project, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_proposed_project, method="post", data={"action": "link"}, state=projects,
             expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance:project_status": (
        page(kwargs=a_project, expect={"any": POSTED}),
        page(kwargs=a_project, method="post", data={"status": "in_progress"}, state=projects,
             expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "governance:project_partners": (
        page(kwargs=a_project, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_project, method="post", data={}, state=partners, expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance:project_partner_remove": (
        page(kwargs=a_partner, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_partner, method="post", state=partners,
             expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "governance:project_line_create": (
        page(kwargs=a_project, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_project, method="post", data={}, state=lines, expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance:project_expense_create": (
        page(kwargs=a_project, expect={"any": RECORDERS}),
        page(kwargs=a_project, method="post", data={"amount": "1"}, state=expenses, expect={"any": RECORDERS}),
    ),
    "governance:project_evidence": (page(kwargs=an_expense, expect={"any": MONEY}),),
    "governance:project_milestone_create": (
        page(kwargs=a_project, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_project, method="post", data={}, state=milestones, expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance:project_milestone_done": (
        page(kwargs=a_milestone, expect={"any": POSTED}),
        page(kwargs=a_milestone, method="post", state=milestones,
             expect={"any": personas(404, anonymous=302, student=403, admin_a=302, secretariat=302)}),
    ),
    "governance:project_assess": (
        page(kwargs=a_project, expect={"any": personas(404, anonymous=302, student=403, secretariat=200)}),
        page(kwargs=a_project, method="post", data={}, state=assessments,
             expect={"any": personas(404, anonymous=302, student=403, secretariat=200)}),
    ),
    "governance-project-list": (api(expect={"any": signed_in(200, anonymous=401)}),),
    "governance-project-detail": (
        api(kwargs=a_project, expect={"any": personas(200, anonymous=401, student=404)}),
    ),
    "governance-expense-list": (
        api(expect={"any": signed_in(200, anonymous=401)}),
        # Recorded by A's administrator and the secretariat; refused to those who read the money but
        # do not record it; a line one does not see is no line at all.
        api(method="post", data=None, kwargs=None, state=expenses,
            expect={"any": personas(400, anonymous=401)}),
    ),
    "governance-expense-detail": (
        api(kwargs=an_expense, expect={"any": personas(404, anonymous=401, member_a=200, admin_a=200, teacher=200,
                                                        officer=200, secretariat=200)}),
    ),
}
