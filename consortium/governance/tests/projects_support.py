"""Helpers for the projects tests: a council, its resolutions, approved projects with lines."""

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from consortium.governance.models import (
    RULE_OF_MATTER,
    Body,
    BodyKind,
    BudgetLine,
    Expense,
    FundSource,
    Level,
    MatterKind,
    Motion,
    MotionStatus,
    Project,
    ProjectKind,
    ProjectPartner,
    ProjectStatus,
    Resolution,
    Seat,
)

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def pdf(name="发票.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def council() -> Body:
    body, _created = Body.objects.get_or_create(code="理", defaults={
        "name": "理事会", "name_en": "Council", "kind": BodyKind.COUNCIL, "level": Level.DECISION})
    return body


def assessment_office() -> Body:
    body, _created = Body.objects.get_or_create(code="评", defaults={
        "name": "评估办公室", "name_en": "Assessment office", "kind": BodyKind.ASSESSMENT_OFFICE,
        "level": Level.COORDINATION})
    return body


def seat(body, organization, principal) -> Seat:
    return Seat.objects.create(body=body, organization=organization, principal=principal,
                               term_start=timezone.localdate())


def resolution(*, matter=MatterKind.PROJECT, subject=None, title="决议", body=None, status=MotionStatus.ADOPTED):
    """An adopted motion and its resolution (as services.votes leaves them), about ``subject``."""
    body = body or council()
    motion = Motion.objects.create(
        body=body, title=title, text=title, matter=matter, rule=RULE_OF_MATTER[matter], status=status,
        closed_at=timezone.now(),
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=subject.pk if subject is not None else None)
    if status != MotionStatus.ADOPTED:
        return motion
    year = timezone.localdate().year
    sequence = Resolution.objects.filter(body=body, year=year).count() + 1
    return Resolution.objects.create(
        number=f"{year}-{body.code}-{sequence:03d}", body=body, year=year, sequence=sequence, motion=motion,
        title=title, text=title, adopted_on=timezone.localdate())


def project(lead, *, partners=(), code="CJ-01", title="智能制造产业学院", status=ProjectStatus.APPROVED,
            kind=ProjectKind.INDUSTRY_COLLEGE, is_public=False, lines=()) -> Project:
    """A project (approved by a resolution unless proposed), its partners and budget lines
    (source, title, amount)."""
    project = Project.objects.create(code=code, title=title, kind=kind, lead=lead, is_public=is_public,
                                     status=ProjectStatus.PROPOSED)
    if status != ProjectStatus.PROPOSED:
        project.resolution = resolution(subject=project, title=f"关于批准{title}的决议")
        project.status = status
        project.save()
    for organization in partners:
        ProjectPartner.objects.create(project=project, organization=organization, role="共建单位")
    for source, line_title, amount in lines:
        BudgetLine.objects.create(project=project, source=source, title=line_title, amount=Decimal(amount))
    return project


def line(project, title=None) -> BudgetLine:
    lines = project.budget_lines.all()
    return lines.get(title=title) if title else lines.first()


def spend(line, amount, *, by=None, on=None, description="支出") -> Expense:
    return Expense.objects.create(line=line, amount=Decimal(amount), spent_on=on or timezone.localdate(),
                                  description=description, recorded_by=by)


LINES = [(FundSource.GOVERNMENT, "设备购置", "100000.00"), (FundSource.ENTERPRISE, "课程开发", "50000.00")]


def today():
    return timezone.localdate()
