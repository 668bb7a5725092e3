"""Projects and funds, through their services: spending beyond a budget line needs a resolution
(refused without one, refused with one that does not authorise it, even by two expenses at
once, and by the database itself), evidence files are checked by their content, a project is
approved when the council adopts the motion about it, and only the right people record,
manage and assess."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction

from consortium.governance.events import motion_decided
from consortium.governance.models import (
    AssessmentResult,
    Expense,
    FundSource,
    MatterKind,
    MotionStatus,
    Project,
    ProjectKind,
    ProjectStatus,
)
from consortium.governance.services import projects as services
from consortium.governance.tests import projects_support as support
from core.models import AuditEvent
from members.models import Role
from members.tests.factories import person
from tests.pages import zh

pytestmark = pytest.mark.django_db


@pytest.fixture
def college(org_a, school):
    """An industry college led by enterprise A with the school, 100,000 of government funds and
    50,000 of the enterprise's."""
    return support.project(org_a, partners=[school], lines=support.LINES)


# --- the budget limit -------------------------------------------------------------------------


def test_an_expense_within_the_line_is_recorded_and_audited(college, admin_a):
    line = support.line(college, "设备购置")
    expense = services.record_expense(line=line, actor=admin_a, amount=Decimal("60000"),
                                      spent_on=support.today(), description="数控机床", evidence=support.pdf())
    assert expense.authorised_by is None and expense.evidence_name == "发票.pdf"
    assert AuditEvent.objects.filter(event="project.expense_recorded").exists()


def test_spending_beyond_the_line_without_a_resolution_is_refused(college, admin_a):
    line = support.line(college, "设备购置")
    support.spend(line, "90000")
    with pytest.raises(ValidationError) as refused:
        services.record_expense(line=line, actor=admin_a, amount=Decimal("10000.01"), spent_on=support.today(),
                                description="超支")
    assert "amount" in refused.value.message_dict
    assert "10000.00" in refused.value.message_dict["amount"][0]  # what is left, in yuan
    assert Expense.objects.filter(line=line).count() == 1


def test_spending_exactly_to_the_budget_needs_no_resolution(college, admin_a):
    line = support.line(college, "设备购置")
    support.spend(line, "90000")
    services.record_expense(line=line, actor=admin_a, amount=Decimal("10000"), spent_on=support.today(),
                            description="尾款")
    assert services.line_spent(line.pk) == Decimal("100000")


def test_a_budget_resolution_about_the_project_authorises_the_overspend(college, admin_a):
    line = support.line(college, "设备购置")
    support.spend(line, "95000")
    budget_change = support.resolution(matter=MatterKind.BUDGET, subject=college, title="追加设备预算")
    expense = services.record_expense(line=line, actor=admin_a, amount=Decimal("8000"), spent_on=support.today(),
                                      description="追加设备", authorised_by=budget_change)
    assert expense.authorised_by == budget_change
    assert AuditEvent.objects.filter(event="project.overspend_authorised").exists()


def test_a_resolution_of_another_matter_or_project_does_not_authorise_it(college, org_b, admin_a):
    line = support.line(college, "设备购置")
    support.spend(line, "95000")
    other = support.project(org_b, code="CJ-02", title="另一个项目")
    for resolution in (support.resolution(matter=MatterKind.GENERAL, subject=college),
                       support.resolution(matter=MatterKind.BUDGET, subject=other)):
        with pytest.raises(ValidationError) as refused:
            services.record_expense(line=line, actor=admin_a, amount=Decimal("8000"), spent_on=support.today(),
                                    description="追加", authorised_by=resolution)
        assert "authorised_by" in refused.value.message_dict
    assert services.line_spent(line.pk) == Decimal("95000")


def test_the_database_refuses_an_overspend_written_behind_the_service(college):
    line = support.line(college, "设备购置")
    support.spend(line, "100000")
    with pytest.raises(IntegrityError), transaction.atomic():
        support.spend(line, "0.01")
    authorised = support.resolution(matter=MatterKind.BUDGET, subject=line)
    Expense.objects.create(line=line, amount=Decimal("0.01"), spent_on=support.today(), description="批准的超支",
                           authorised_by=authorised)
    assert services.line_spent(line.pk) == Decimal("100000.01")


@pytest.mark.django_db(transaction=True)
def test_two_expenses_at_once_cannot_together_overrun_the_line(org_a, school, admin_a):
    college = support.project(org_a, partners=[school], lines=[(FundSource.SCHOOL, "实训耗材", "100.00")])
    line = support.line(college)
    barrier, outcomes = threading.Barrier(2), []

    def record():
        try:
            barrier.wait()
            services.record_expense(line=line, actor=admin_a, amount=Decimal("60"), spent_on=support.today(),
                                    description="耗材")
            outcomes.append("recorded")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=record) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["recorded", "refused"]
    assert services.line_spent(line.pk) == Decimal("60")


# --- evidence ---------------------------------------------------------------------------------


def test_an_evidence_file_that_is_not_what_its_name_says_is_refused(college, admin_a):
    fake = SimpleUploadedFile("发票.pdf", b"\x89PNG\r\n\x1a\n not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        services.record_expense(line=support.line(college), actor=admin_a, amount=Decimal("10"),
                                spent_on=support.today(), description="x", evidence=fake)
    assert "发票.pdf" in refused.value.message_dict["evidence"][0]
    assert not Expense.objects.exists()


def test_a_script_as_evidence_is_refused(college, admin_a):
    script = SimpleUploadedFile("receipt.html", b"<script>alert(1)</script>", content_type="text/html")
    with pytest.raises(ValidationError):
        services.record_expense(line=support.line(college), actor=admin_a, amount=Decimal("10"),
                                spent_on=support.today(), description="x", evidence=script)


# --- who records --------------------------------------------------------------------------------


def test_only_the_partners_administrators_and_the_secretariat_record_expenses(college, admin_a, member_a, admin_b,
                                                                             teacher, school, secretariat):
    line = support.line(college)
    for refused in (member_a, admin_b, teacher):  # A's HR, another enterprise, the partner school's teacher
        with pytest.raises(PermissionDenied):
            services.record_expense(line=line, actor=refused, amount=Decimal("1"), spent_on=support.today(),
                                    description="x")
    school_admin = person(school, Role.ORG_ADMIN, username="school_admin")
    for allowed in (admin_a, school_admin, secretariat):
        services.record_expense(line=line, actor=allowed, amount=Decimal("1"), spent_on=support.today(),
                                description="x")
    assert services.line_spent(line.pk) == Decimal("3")


def test_a_proposed_project_spends_nothing(org_a, admin_a):
    proposed = support.project(org_a, status=ProjectStatus.PROPOSED, lines=support.LINES)
    with pytest.raises(ValidationError):
        services.record_expense(line=support.line(proposed), actor=admin_a, amount=Decimal("1"),
                                spent_on=support.today(), description="x")


def test_only_the_secretariat_creates_projects_and_a_code_is_used_once(org_a, admin_a, secretariat):
    with pytest.raises(PermissionDenied):
        services.create_project(actor=admin_a, code="X-1", title="t", kind=ProjectKind.TRAINING_BASE, lead=org_a)
    created = services.create_project(actor=secretariat, code="X-1", title="实训基地", kind=ProjectKind.TRAINING_BASE,
                                      lead=org_a)
    assert created.status == ProjectStatus.PROPOSED and created.resolution is None
    with pytest.raises(ValidationError) as refused:
        services.create_project(actor=secretariat, code="x-1", title="t", kind=ProjectKind.TRAINING_BASE, lead=org_a)
    assert "code" in refused.value.message_dict


# --- approval -----------------------------------------------------------------------------------


def test_the_council_adopting_the_motion_approves_the_project(org_a):
    proposed = support.project(org_a, status=ProjectStatus.PROPOSED)
    adopted = support.resolution(matter=MatterKind.PROJECT, subject=proposed, title="批准产业学院")
    with transaction.atomic():
        motion_decided.send(sender=type(adopted.motion), motion=adopted.motion)
    proposed.refresh_from_db()
    assert proposed.status == ProjectStatus.APPROVED and proposed.resolution == adopted
    assert AuditEvent.objects.filter(event="project.approved").exists()


def test_a_rejected_motion_or_one_about_something_else_leaves_the_project_proposed(org_a, org_b):
    proposed = support.project(org_a, status=ProjectStatus.PROPOSED)
    rejected = support.resolution(matter=MatterKind.PROJECT, subject=proposed, status=MotionStatus.REJECTED)
    motion_decided.send(sender=type(rejected), motion=rejected)
    other = support.resolution(matter=MatterKind.GENERAL, subject=org_b)
    motion_decided.send(sender=type(other.motion), motion=other.motion)
    proposed.refresh_from_db()
    assert proposed.status == ProjectStatus.PROPOSED and proposed.resolution is None


def test_proposing_puts_a_motion_about_the_project_to_the_council(org_a, secretariat):
    from consortium.governance.services import votes

    if not hasattr(votes, "propose_motion"):
        pytest.skip("services.votes.propose_motion comes with the votes part")
    support.council()
    proposed = support.project(org_a, status=ProjectStatus.PROPOSED)
    motion = services.propose_for_approval(project=proposed, actor=secretariat)
    assert motion.matter == MatterKind.PROJECT and motion.subject == proposed


def test_the_secretariat_links_a_council_resolution_and_nothing_else(org_a, secretariat):
    proposed = support.project(org_a, status=ProjectStatus.PROPOSED)
    of_a_working_body = support.resolution(body=support.assessment_office(), subject=proposed)
    with pytest.raises(ValidationError):
        services.approve_with_resolution(project=proposed, actor=secretariat, resolution=of_a_working_body)
    adopted = support.resolution(subject=proposed)
    services.approve_with_resolution(project=proposed, actor=secretariat, resolution=adopted)
    assert Project.objects.get(pk=proposed.pk).resolution == adopted


def test_the_database_keeps_an_approved_project_tied_to_its_resolution(org_a):
    proposed = support.project(org_a, status=ProjectStatus.PROPOSED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.filter(pk=proposed.pk).update(status=ProjectStatus.APPROVED)


def test_a_project_moves_on_only_forward(college, secretariat):
    services.change_status(project=college, actor=secretariat, status=ProjectStatus.IN_PROGRESS)
    with pytest.raises(ValidationError):
        services.change_status(project=college, actor=secretariat, status=ProjectStatus.APPROVED)


# --- milestones and assessment ----------------------------------------------------------------


def test_a_partner_marks_a_milestone_done(college, secretariat, admin_a, outsider):
    milestone = services.add_milestone(project=college, actor=secretariat, title="挂牌成立", due_on=support.today())
    with pytest.raises(PermissionDenied):
        services.complete_milestone(milestone=milestone, actor=outsider)
    done = services.complete_milestone(milestone=milestone, actor=admin_a)
    assert done.done_on == support.today() and done.done_by == admin_a


def test_an_assessment_office_seat_holder_assesses_with_scored_criteria(college, government, officer, admin_b):
    support.seat(support.assessment_office(), government, officer)
    with pytest.raises(PermissionDenied):
        services.assess_project(project=college, actor=admin_b, result=AssessmentResult.GOOD, comment="x",
                                scores=[("建设成效", 30, 40, "")])
    with pytest.raises(ValidationError) as refused:
        services.assess_project(project=college, actor=officer, result=AssessmentResult.GOOD, comment="x",
                                scores=[("建设成效", 41, 40, "")])
    assert zh("“%(criterion)s”: a score is from 0 to its maximum.", criterion="建设成效") in \
        refused.value.message_dict["scores"]
    assessment = services.assess_project(project=college, actor=officer, result=AssessmentResult.GOOD,
                                         comment="建设进度良好。", scores=[("建设成效", 35, 40, "设备到位"),
                                                                    ("资金使用", 25, 30, "")])
    assert [(s.criterion, s.score, s.max_score) for s in assessment.scores.all()] == [
        ("建设成效", 35, 40), ("资金使用", 25, 30)]
    assert assessment.body.kind == "assessment_office"
