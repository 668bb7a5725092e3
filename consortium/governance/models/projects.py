"""Council-approved industry–education projects (产教融合项目) and their funds.

A project is proposed by the secretariat and approved by a council resolution (its
``resolution``); its partners, its budget lines by source of funds, the expenses recorded against
each line (with an evidence file), its milestones and the assessment office's assessment.

Spending beyond a budget line needs a resolution: ``services.projects.record_expense`` refuses an
expense that would take a line's spending above its amount unless an adopted resolution of a
budget matter authorises it, and the database refuses it too (``OVERSPEND_GUARD_SQL``, a trigger
that locks the line and sums its expenses)."""

import secrets
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.files import label_of

__all__ = [
    "APPROVED_STATUSES", "SPENDING_STATUSES", "Assessment", "AssessmentResult", "AssessmentScore", "BudgetLine",
    "Expense", "FundSource", "Milestone", "OVERSPEND_GUARD_REVERSE_SQL", "OVERSPEND_GUARD_SQL", "Project",
    "ProjectKind", "ProjectPartner", "ProjectStatus", "evidence_path",
]


class ProjectKind(models.TextChoices):
    INDUSTRY_COLLEGE = "industry_college", _("Industry college")  # 产业学院
    TRAINING_BASE = "training_base", _("Training base")  # 实训基地
    JOINT_RD = "joint_rd", _("Joint R&D")  # 联合研发
    TRAINING_PROGRAMME = "training_programme", _("Training programme")  # 培训项目


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CLOSED = "closed", _("Closed")


# Statuses in which a project has been approved by a resolution (and may spend).
APPROVED_STATUSES = (ProjectStatus.APPROVED, ProjectStatus.IN_PROGRESS, ProjectStatus.COMPLETED, ProjectStatus.CLOSED)
SPENDING_STATUSES = (ProjectStatus.APPROVED, ProjectStatus.IN_PROGRESS)


class Project(models.Model):
    code = models.CharField(_("project code"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ProjectKind.choices)
    lead = models.ForeignKey("members.Organization", verbose_name=_("lead organisation"), on_delete=models.PROTECT,
                             related_name="led_projects")
    description = models.TextField(_("description"), max_length=5000, blank=True)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices,
                              default=ProjectStatus.PROPOSED)
    resolution = models.ForeignKey("governance.Resolution", verbose_name=_("approving resolution"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="approved_projects")
    is_public = models.BooleanField(_("public"), default=False,
                                    help_text=_("The project and its budget execution are shown on the public "
                                                "disclosure pages without signing in."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "kind"]), models.Index(fields=["is_public", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True)
                                   | Q(ends_on__gte=F("starts_on")), name="governance_project_dates_order"),
            # Past the proposal, a project names the resolution that approved it.
            models.CheckConstraint(condition=Q(status="proposed") | Q(resolution__isnull=False),
                                   name="governance_project_approved_by_resolution"),
        ]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("governance:project", args=[self.pk])


class ProjectPartner(models.Model):
    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="partners")
    organization = models.ForeignKey("members.Organization", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="project_partnerships")
    role = models.CharField(_("role in the project"), max_length=100,
                            help_text=_("What the organisation brings, such as “co-builder” or “funder”."))

    class Meta:
        ordering = ["project", "organization__name_zh"]
        constraints = [models.UniqueConstraint(fields=["project", "organization"], name="governance_partner_once")]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")

    def __str__(self):
        return f"{self.project.code} · {self.organization}"


class FundSource(models.TextChoices):
    GOVERNMENT = "government", _("Government funds")
    ENTERPRISE = "enterprise", _("Enterprise funds")
    SCHOOL = "school", _("School funds")
    SOCIAL = "social", _("Social capital")


class BudgetLine(models.Model):
    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="budget_lines")
    source = models.CharField(_("source of funds"), max_length=20, choices=FundSource.choices)
    title = models.CharField(_("budget line"), max_length=200)
    amount = models.DecimalField(_("budget (yuan)"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["project", "source", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="governance_budget_line_positive"),
            models.UniqueConstraint(fields=["project", "title"], name="governance_budget_line_title_once"),
        ]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self):
        return f"{self.project.code} · {self.title}"


def evidence_path(instance, filename: str) -> str:
    """A random name under project-evidence/, keeping only the (already checked) extension."""
    return f"project-evidence/{secrets.token_urlsafe(18)}{PurePath(filename).suffix.lower()}"


class Expense(models.Model):
    line = models.ForeignKey(BudgetLine, verbose_name=_("budget line"), on_delete=models.PROTECT,
                             related_name="expenses")
    amount = models.DecimalField(_("amount (yuan)"), max_digits=14, decimal_places=2)
    spent_on = models.DateField(_("spent on"))
    description = models.CharField(_("what was paid for"), max_length=500)
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, max_length=200, blank=True)
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    evidence_type = models.CharField(_("evidence content type"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    # The adopted resolution that authorised spending beyond the line's budget, if this expense did.
    authorised_by = models.ForeignKey("governance.Resolution", verbose_name=_("overspend authorised by"), null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="authorised_expenses")

    class Meta:
        ordering = ["-spent_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="governance_expense_positive")]
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")

    def __str__(self):
        return f"{self.line} · {self.amount}"

    @property
    def evidence_kind(self) -> str:
        return label_of(self.evidence_type) if self.evidence_type else ""


class Milestone(models.Model):
    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("marked done by"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["project", "due_on", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title


class AssessmentResult(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")


class Assessment(models.Model):
    """The assessment office's (评估办公室) assessment of a project: one per project."""

    project = models.OneToOneField(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                   related_name="assessment")
    body = models.ForeignKey("governance.Body", verbose_name=_("body"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="assessments")
    result = models.CharField(_("result"), max_length=20, choices=AssessmentResult.choices)
    comment = models.TextField(_("overall comment"), max_length=5000)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assessed by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    assessed_on = models.DateField(_("assessed on"))

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self):
        return f"{self.project.code} · {self.get_result_display()}"


class AssessmentScore(models.Model):
    assessment = models.ForeignKey(Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE,
                                   related_name="scores")
    criterion = models.CharField(_("criterion"), max_length=200)
    score = models.PositiveSmallIntegerField(_("score"))
    max_score = models.PositiveSmallIntegerField(_("out of"))
    comment = models.CharField(_("comment"), max_length=1000, blank=True)

    class Meta:
        ordering = ["assessment", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(max_score__gt=0) & Q(score__lte=F("max_score")),
                                   name="governance_score_within_max"),
            models.UniqueConstraint(fields=["assessment", "criterion"], name="governance_criterion_once"),
        ]
        verbose_name = _("assessment score")
        verbose_name_plural = _("assessment scores")

    def __str__(self):
        return f"{self.criterion}: {self.score}/{self.max_score}"


# The database's own guard against overspending, for the merged migration (migrations.RunSQL(
# OVERSPEND_GUARD_SQL, OVERSPEND_GUARD_REVERSE_SQL)). After an expense is written, it locks the
# line (so two transactions adding to one line take turns, each seeing the other's committed
# rows) and refuses the row when the line's expenses then exceed its budget and the row names
# no authorising resolution.
OVERSPEND_GUARD_SQL = """
CREATE OR REPLACE FUNCTION governance_expense_within_budget() RETURNS trigger AS $$
DECLARE
    budget numeric;
    spent numeric;
BEGIN
    SELECT amount INTO budget FROM governance_budgetline WHERE id = NEW.line_id FOR UPDATE;
    SELECT COALESCE(SUM(amount), 0) INTO spent FROM governance_expense WHERE line_id = NEW.line_id;
    IF spent > budget AND NEW.authorised_by_id IS NULL THEN
        RAISE EXCEPTION 'spending % on budget line % would exceed its budget % without a resolution',
            spent, NEW.line_id, budget USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS governance_expense_within_budget ON governance_expense;
CREATE TRIGGER governance_expense_within_budget AFTER INSERT OR UPDATE OF amount, line_id ON governance_expense
    FOR EACH ROW EXECUTE FUNCTION governance_expense_within_budget();
"""
OVERSPEND_GUARD_REVERSE_SQL = """
DROP TRIGGER IF EXISTS governance_expense_within_budget ON governance_expense;
DROP FUNCTION IF EXISTS governance_expense_within_budget();
"""
