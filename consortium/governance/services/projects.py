"""Governance services: projects and funds (every write: keyword-only, one transaction,
permission checked inside, audited).

Approval. A proposed project is approved by a council resolution: ``propose_for_approval`` puts
it to the council as a motion of the matter PROJECT whose subject is the project
(``services.votes.propose_motion``), and when that motion is adopted the receiver of
``motion_decided`` below marks the project approved with the resolution. The secretariat may
also link a resolution the council already adopted (``approve_with_resolution``), for motions
decided before the project was entered.

Spending beyond a budget line needs a resolution. ``record_expense`` locks the line, sums its
expenses in the database and refuses an expense that would take spending above the line's
budget unless it names a resolution that authorises overspending: an adopted resolution (every
Resolution is one) of a motion of the matter BUDGET whose subject is this budget line, this
project, or nothing (a general budget decision naming the project in its text). A resolution
about another project or line, or of another kind of matter, does not authorise it. The database
refuses the same (``models.projects.OVERSPEND_GUARD_SQL``)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from consortium.governance.access import projects as access
from consortium.governance.events import motion_decided
from consortium.governance.models import (
    SPENDING_STATUSES,
    Assessment,
    AssessmentResult,
    AssessmentScore,
    Body,
    BodyKind,
    BudgetLine,
    Expense,
    FundSource,
    MatterKind,
    Milestone,
    MotionStatus,
    Project,
    ProjectKind,
    ProjectPartner,
    ProjectStatus,
    Resolution,
    VotingMode,
)
from core.audit import record_event
from core.files import DOCUMENTS, check_upload, clean_name
from members.models import Organization, OrganizationStatus

EVIDENCE_KINDS = DOCUMENTS
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
# Where a project may go next, by the secretariat's hand (approval goes through a resolution).
NEXT_STATUSES = {
    ProjectStatus.APPROVED: (ProjectStatus.IN_PROGRESS, ProjectStatus.CLOSED),
    ProjectStatus.IN_PROGRESS: (ProjectStatus.COMPLETED, ProjectStatus.CLOSED),
    ProjectStatus.COMPLETED: (ProjectStatus.CLOSED,),
}


def _secretariat(actor) -> None:
    if not access.can_manage_projects(actor):
        raise PermissionDenied


def _locked(project: Project) -> Project:
    return Project.objects.select_for_update().get(pk=project.pk)


def _active_org(organization: Organization, field: str) -> None:
    if organization.status != OrganizationStatus.ACTIVE:
        raise ValidationError({field: _("Choose an active member organisation.")})


def _dates(starts_on, ends_on) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end cannot come before the start.")})


# --- projects ---------------------------------------------------------------------------------


@transaction.atomic
def create_project(*, actor, code: str, title: str, kind: str, lead: Organization, description: str = "",
                   starts_on: datetime.date | None = None, ends_on: datetime.date | None = None,
                   is_public: bool = False) -> Project:
    """A proposed project, to be approved by the council."""
    _secretariat(actor)
    code = code.strip()
    if kind not in ProjectKind.values:
        raise ValidationError({"kind": _("Choose a kind of project.")})
    if Project.objects.filter(code__iexact=code).exists():
        raise ValidationError({"code": _("Another project has this code.")})
    _active_org(lead, "lead")
    _dates(starts_on, ends_on)
    project = Project.objects.create(code=code, title=title.strip(), kind=kind, lead=lead, description=description,
                                     starts_on=starts_on, ends_on=ends_on, is_public=is_public, created_by=actor)
    record_event("project.created", instance=project, actor=actor, details={_("project"): str(project)})
    return project


@transaction.atomic
def update_project(*, project: Project, actor, title: str, kind: str, lead: Organization, description: str = "",
                   starts_on: datetime.date | None = None, ends_on: datetime.date | None = None,
                   is_public: bool = False) -> Project:
    _secretariat(actor)
    project = _locked(project)
    if kind not in ProjectKind.values:
        raise ValidationError({"kind": _("Choose a kind of project.")})
    if lead.pk != project.lead_id:
        _active_org(lead, "lead")
        if project.partners.filter(organization=lead).exists():
            raise ValidationError({"lead": _("This organisation is a partner; remove it from the partners first.")})
    _dates(starts_on, ends_on)
    project.title, project.kind, project.lead, project.description = title.strip(), kind, lead, description
    project.starts_on, project.ends_on, project.is_public = starts_on, ends_on, is_public
    project.save()
    return project


@transaction.atomic
def add_partner(*, project: Project, actor, organization: Organization, role: str) -> ProjectPartner:
    _secretariat(actor)
    project = _locked(project)
    _active_org(organization, "organization")
    if organization.pk == project.lead_id:
        raise ValidationError({"organization": _("The lead organisation takes part already.")})
    if project.partners.filter(organization=organization).exists():
        raise ValidationError({"organization": _("This organisation is a partner already.")})
    return ProjectPartner.objects.create(project=project, organization=organization, role=role.strip())


@transaction.atomic
def remove_partner(*, partner: ProjectPartner, actor) -> None:
    _secretariat(actor)
    partner.delete()


@transaction.atomic
def add_budget_line(*, project: Project, actor, source: str, title: str, amount: Decimal) -> BudgetLine:
    _secretariat(actor)
    project = _locked(project)
    if source not in FundSource.values:
        raise ValidationError({"source": _("Choose a source of funds.")})
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("A budget is more than zero.")})
    if project.status == ProjectStatus.CLOSED:
        raise ValidationError(_("A closed project's budget can no longer change."))
    if project.budget_lines.filter(title__iexact=title.strip()).exists():
        raise ValidationError({"title": _("The project has a budget line of this name already.")})
    return BudgetLine.objects.create(project=project, source=source, title=title.strip(), amount=amount)


# --- approval ---------------------------------------------------------------------------------


def council() -> Body | None:
    return Body.objects.filter(kind=BodyKind.COUNCIL, is_active=True).order_by("pk").first()


WRITTEN_VOTE_OPEN = datetime.timedelta(days=14)


@transaction.atomic
def propose_for_approval(*, project: Project, actor, title: str = "", text: str = "", agenda_item=None):
    """Put a proposed project to the council: a motion of the matter PROJECT about it, on an agenda
    item of a council meeting, or else as a written vote open for two weeks."""
    _secretariat(actor)
    project = _locked(project)
    if project.status != ProjectStatus.PROPOSED:
        raise ValidationError(_("Only a proposed project is put to the council."))
    body = council()
    if body is None:
        raise ValidationError(_("There is no council to put the project to."))
    from consortium.governance.services import votes

    motion = votes.propose_motion(
        actor=actor, body=body, title=title or _("Approval of the project %(project)s") % {"project": project},
        text=text or project.description or project.title, matter=MatterKind.PROJECT, subject=project,
        agenda_item=agenda_item,
        **({} if agenda_item else {"mode": VotingMode.WRITTEN, "deadline": timezone.now() + WRITTEN_VOTE_OPEN}))
    record_event("project.proposed", instance=project, actor=actor, details={_("motion"): str(motion)})
    return motion


def _approve(project: Project, resolution: Resolution, actor) -> Project:
    project.status, project.resolution = ProjectStatus.APPROVED, resolution
    project.save(update_fields=["status", "resolution"])
    record_event("project.approved", instance=project, actor=actor, details={_("resolution"): resolution.number})
    return project


@transaction.atomic
def approve_with_resolution(*, project: Project, actor, resolution: Resolution) -> Project:
    """Link a resolution the council adopted to a proposed project, which is then approved."""
    _secretariat(actor)
    project = _locked(project)
    if project.status != ProjectStatus.PROPOSED:
        raise ValidationError(_("Only a proposed project is approved."))
    if resolution.body.kind != BodyKind.COUNCIL:
        raise ValidationError({"resolution": _("A project is approved by a resolution of the council.")})
    return _approve(project, resolution, actor)


@receiver(motion_decided, dispatch_uid="governance.projects.motion_decided")
def _project_motion_decided(sender, motion, **kwargs) -> None:
    """An adopted motion about a proposed project approves it with the resolution."""
    if motion.subject_type_id != ContentType.objects.get_for_model(Project).pk:
        return
    if motion.status != MotionStatus.ADOPTED or motion.matter != MatterKind.PROJECT:
        return
    project = Project.objects.select_for_update().filter(pk=motion.subject_id).first()
    if project is None or project.status != ProjectStatus.PROPOSED:
        return
    _approve(project, motion.resolution, motion.proposed_by)


@transaction.atomic
def change_status(*, project: Project, actor, status: str) -> Project:
    _secretariat(actor)
    project = _locked(project)
    if status not in NEXT_STATUSES.get(project.status, ()):
        raise ValidationError({"status": _("A project that is %(now)s cannot become %(next)s.") % {
            "now": project.get_status_display(), "next": ProjectStatus(status).label if status in ProjectStatus.values
            else status}})
    before = project.get_status_display()
    project.status = status
    project.save(update_fields=["status"])
    record_event("project.status_changed", instance=project, actor=actor,
                 details={_("previous status"): before, _("new status"): project.get_status_display()})
    return project


# --- money ------------------------------------------------------------------------------------


def authorises_overspend(resolution: Resolution, line: BudgetLine) -> bool:
    """Whether the resolution authorises spending beyond this line's budget (see the module's note)."""
    motion = resolution.motion
    if motion.matter != MatterKind.BUDGET:
        return False
    if motion.subject_type_id is None:
        return True
    subject = (motion.subject_type.app_label, motion.subject_type.model, motion.subject_id)
    return subject in {("governance", "budgetline", line.pk), ("governance", "project", line.project_id)}


def line_spent(line_id: int) -> Decimal:
    return Expense.objects.filter(line_id=line_id).aggregate(total=Sum("amount"))["total"] or Decimal("0")


@transaction.atomic
def record_expense(*, line: BudgetLine, actor, amount: Decimal, spent_on: datetime.date, description: str,
                   evidence=None, authorised_by: Resolution | None = None) -> Expense:
    """An expense on a budget line, with its evidence file (PDF, Word, Excel or an image)."""
    line = BudgetLine.objects.select_for_update().select_related("project").get(pk=line.pk)
    project = line.project
    if not access.can_record(actor, project):
        raise PermissionDenied
    if project.status not in SPENDING_STATUSES:
        raise ValidationError(_("Expenses are recorded while a project is approved or in progress."))
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("An expense is more than zero.")})
    if spent_on > timezone.localdate():
        raise ValidationError({"spent_on": _("An expense is recorded once it is spent, not before.")})
    kind = None
    if evidence:
        try:
            kind = check_upload(evidence, kinds=EVIDENCE_KINDS, max_bytes=EVIDENCE_MAX_BYTES)
        except ValidationError as error:
            raise ValidationError({"evidence": error.messages}) from None
    spent = line_spent(line.pk)
    over = spent + amount > line.amount
    if over:
        if authorised_by is None:
            raise ValidationError({"amount": _(
                "This expense would take the line “%(line)s” to %(total)s yuan, beyond its budget of %(budget)s "
                "yuan (%(left)s yuan left). Spending beyond a budget line needs a resolution: name the resolution "
                "that authorises it.") % {"line": line.title, "total": spent + amount, "budget": line.amount,
                                          "left": line.amount - spent}})
        if not authorises_overspend(authorised_by, line):
            raise ValidationError({"authorised_by": _(
                "This resolution does not authorise overspending this line: it must decide a budget change of "
                "this project or line.")})
    elif authorised_by is not None:
        authorised_by = None  # within budget: nothing to authorise
    expense = Expense(line=line, amount=amount, spent_on=spent_on, description=description.strip(),
                      recorded_by=actor, authorised_by=authorised_by)
    if evidence:
        expense.evidence_name, expense.evidence_type = clean_name(evidence.name), kind.content_type
        expense.evidence.save(expense.evidence_name, evidence, save=False)
    expense.save()
    details = {_("budget line"): line.title, _("amount (yuan)"): str(amount)}
    if over:
        details[_("resolution")] = authorised_by.number
        record_event("project.overspend_authorised", instance=expense, actor=actor, details=details)
    else:
        record_event("project.expense_recorded", instance=expense, actor=actor, details=details)
    return expense


# --- milestones and assessment ----------------------------------------------------------------


@transaction.atomic
def add_milestone(*, project: Project, actor, title: str, due_on: datetime.date) -> Milestone:
    _secretariat(actor)
    return Milestone.objects.create(project=project, title=title.strip(), due_on=due_on)


@transaction.atomic
def complete_milestone(*, milestone: Milestone, actor, done_on: datetime.date | None = None) -> Milestone:
    milestone = Milestone.objects.select_for_update().select_related("project").get(pk=milestone.pk)
    if not access.can_record(actor, milestone.project):
        raise PermissionDenied
    if milestone.done_on is not None:
        return milestone
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("A milestone is marked done once it is reached.")})
    milestone.done_on, milestone.done_by = done_on, actor
    milestone.save(update_fields=["done_on", "done_by"])
    record_event("project.milestone_done", instance=milestone, actor=actor,
                 details={_("milestone"): milestone.title})
    return milestone


@transaction.atomic
def assess_project(*, project: Project, actor, result: str, comment: str, scores: list[tuple],
                   assessed_on: datetime.date | None = None) -> Assessment:
    """The assessment office's assessment: scored criteria (criterion, score, out of, comment), an
    overall comment and the result. Assessing again replaces the earlier assessment."""
    if not access.can_assess(actor):
        raise PermissionDenied
    project = _locked(project)
    if project.status == ProjectStatus.PROPOSED:
        raise ValidationError(_("A project is assessed once it is approved."))
    if result not in AssessmentResult.values:
        raise ValidationError({"result": _("Choose a result.")})
    if not scores:
        raise ValidationError({"scores": _("Score at least one criterion.")})
    seen = set()
    for criterion, score, max_score, _comment in scores:
        if criterion.strip().lower() in seen:
            raise ValidationError({"scores": _("Score each criterion once.")})
        seen.add(criterion.strip().lower())
        if max_score is None or max_score <= 0 or score is None or not 0 <= score <= max_score:
            raise ValidationError({"scores": _("“%(criterion)s”: a score is from 0 to its maximum.") % {
                "criterion": criterion}})
    body = Body.objects.filter(kind=BodyKind.ASSESSMENT_OFFICE, is_active=True).order_by("pk").first()
    assessment, _created = Assessment.objects.update_or_create(project=project, defaults={
        "body": body, "result": result, "comment": comment.strip(), "assessed_by": actor,
        "assessed_on": assessed_on or timezone.localdate()})
    assessment.scores.all().delete()
    for criterion, score, max_score, note in scores:
        AssessmentScore.objects.create(assessment=assessment, criterion=criterion.strip(), score=score,
                                       max_score=max_score, comment=(note or "").strip())
    record_event("project.assessed", instance=assessment, actor=actor,
                 details={_("result"): assessment.get_result_display(),
                          _("score"): f"{sum(s for _c, s, _m, _n in scores)}/{sum(m for _c, _s, m, _n in scores)}"})
    return assessment
