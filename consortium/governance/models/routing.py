"""Routing of matters (事项流转) across the three levels 规划决策 — 统筹协调 — 组织实施.

A matter starts at the body that drafts it (e.g. the discussion group), is forwarded step by step
(e.g. to the assessment office for review) to the council for decision — a motion through
``services.votes`` whose subject is the matter — and, once adopted, to the secretariat for
execution. Each step keeps its body (none: the secretariat), level, action, the day it was
entered and its outcome; the matter's path is the list of its steps."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consortium.governance.models.bodies import Level
from consortium.governance.models.votes import MatterKind


class MatterStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("Being prepared")
    DECISION = "decision", _("Awaiting decision")
    EXECUTION = "execution", _("Being carried out")
    DONE = "done", _("Carried out")
    CLOSED = "closed", _("Closed")


ACTIVE_MATTER_STATUSES = (MatterStatus.IN_PROGRESS, MatterStatus.DECISION, MatterStatus.EXECUTION)


class StepAction(models.TextChoices):
    DRAFT = "draft", _("Drafting")
    REVIEW = "review", _("Review")
    DECIDE = "decide", _("Deciding")
    EXECUTE = "execute", _("Carrying out")


class StepOutcome(models.TextChoices):
    FORWARDED = "forwarded", _("Forwarded")
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")
    EXECUTED = "executed", _("Carried out")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Matter(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    kind = models.CharField(_("kind of matter"), max_length=20, choices=MatterKind.choices,
                            default=MatterKind.GENERAL)
    status = models.CharField(_("status"), max_length=20, choices=MatterStatus.choices,
                              default=MatterStatus.IN_PROGRESS)
    current_step = models.ForeignKey("governance.MatterStep", verbose_name=_("current step"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("opened by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # What the matter is about when it is a row elsewhere (a membership application…).
    subject_type = models.ForeignKey(ContentType, verbose_name=_("kind of subject"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField(_("subject number"), null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    subject.verbose_name = _("subject")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "-created_at"]), models.Index(fields=["subject_type", "subject_id"])]
        verbose_name = _("matter")
        verbose_name_plural = _("matters")

    def __str__(self):
        return self.title


class MatterStep(models.Model):
    matter = models.ForeignKey(Matter, verbose_name=_("matter"), on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("step"))
    # None: the secretariat.
    body = models.ForeignKey("governance.Body", verbose_name=_("body"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="matter_steps")
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    action = models.CharField(_("action"), max_length=20, choices=StepAction.choices)
    entered_on = models.DateField(_("entered on"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=StepOutcome.choices, blank=True)
    outcome_text = models.TextField(_("outcome in words"), max_length=2000, blank=True)
    decided_on = models.DateField(_("completed on"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    motion = models.ForeignKey("governance.Motion", verbose_name=_("motion"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["matter", "position"]
        constraints = [
            models.UniqueConstraint(fields=["matter", "position"], name="governance_matter_step_once"),
            models.UniqueConstraint(fields=["matter"], condition=Q(decided_on__isnull=True),
                                    name="governance_matter_one_open_step"),
            models.CheckConstraint(condition=Q(outcome="", decided_on__isnull=True)
                                   | (~Q(outcome="") & Q(decided_on__isnull=False)),
                                   name="governance_matter_step_outcome_dated"),
            models.CheckConstraint(condition=~Q(action="decide") | Q(body__isnull=False),
                                   name="governance_matter_decided_by_a_body"),
            models.CheckConstraint(condition=Q(decided_on__isnull=True) | Q(decided_on__gte=models.F("entered_on")),
                                   name="governance_matter_step_dates_in_order"),
        ]
        verbose_name = _("step of a matter")
        verbose_name_plural = _("steps of matters")

    def __str__(self):
        return f"{self.matter} · {self.position}"

    @property
    def is_open(self) -> bool:
        return self.decided_on is None


class GovernanceSettings(models.Model):
    """The secretariat's governance settings: one row (pk 1), see ``services.routing.settings``."""

    admission_needs_council_vote = models.BooleanField(
        _("admission needs a council vote"), default=False,
        help_text=_("When on, an application the secretariat approves goes to the council as a matter, and the "
                    "organisation stays an applicant until the council adopts its admission."))
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="governance_settings_single_row")]
        verbose_name = _("governance settings")
        verbose_name_plural = _("governance settings")

    def __str__(self):
        return str(_("governance settings"))
