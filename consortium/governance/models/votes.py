"""Motions, the votes of seats on them, declared conflicts (recusal), and the resolutions
adopted motions become (the resolution register). Outcomes are computed by
``services.votes``, never typed."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MajorityRule(models.TextChoices):
    VOTES_CAST = "votes_cast", _("Simple majority of the votes cast")
    ABSOLUTE = "absolute", _("Absolute majority of the seats")
    TWO_THIRDS = "two_thirds", _("Two thirds of the seats")


class MatterKind(models.TextChoices):
    """The kind of matter a motion decides; each carries its majority rule (RULE_OF_MATTER)."""

    GENERAL = "general", _("General matter")
    PLAN = "plan", _("Plan or programme")
    PROJECT = "project", _("Project approval")
    BUDGET = "budget", _("Budget change")
    ADMISSION = "admission", _("Admission of a member")
    MINUTES = "minutes", _("Approval of minutes")
    CHARTER = "charter", _("Charter change")


RULE_OF_MATTER = {
    MatterKind.GENERAL: MajorityRule.VOTES_CAST,
    MatterKind.PLAN: MajorityRule.ABSOLUTE,
    MatterKind.PROJECT: MajorityRule.ABSOLUTE,
    MatterKind.BUDGET: MajorityRule.ABSOLUTE,
    MatterKind.ADMISSION: MajorityRule.ABSOLUTE,
    MatterKind.MINUTES: MajorityRule.VOTES_CAST,
    MatterKind.CHARTER: MajorityRule.TWO_THIRDS,
}


class VotingMode(models.TextChoices):
    MEETING = "meeting", _("In the meeting")
    WRITTEN = "written", _("Written vote")


class MotionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Voting open")
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Not adopted")
    NO_QUORUM = "no_quorum", _("Not decided: no quorum")
    WITHDRAWN = "withdrawn", _("Withdrawn")


CLOSED_STATUSES = (MotionStatus.ADOPTED, MotionStatus.REJECTED, MotionStatus.NO_QUORUM, MotionStatus.WITHDRAWN)


class Motion(models.Model):
    body = models.ForeignKey("governance.Body", verbose_name=_("body"), on_delete=models.PROTECT,
                             related_name="motions")
    agenda_item = models.ForeignKey("governance.AgendaItem", verbose_name=_("agenda item"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="motions")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=5000)
    matter = models.CharField(_("kind of matter"), max_length=20, choices=MatterKind.choices,
                              default=MatterKind.GENERAL)
    rule = models.CharField(_("majority rule"), max_length=20, choices=MajorityRule.choices)
    mode = models.CharField(_("how it is voted"), max_length=20, choices=VotingMode.choices,
                            default=VotingMode.MEETING)
    deadline = models.DateTimeField(_("written vote closes"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=MotionStatus.choices, default=MotionStatus.DRAFT)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    opened_at = models.DateTimeField(_("voting opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("voting closed"), null=True, blank=True)
    # The count, filled by services.votes when the vote closes (weights of seats).
    seats_weight = models.PositiveIntegerField(_("weight of the seats"), null=True, blank=True)
    recused_weight = models.PositiveIntegerField(_("weight recused"), null=True, blank=True)
    present_weight = models.PositiveIntegerField(_("weight present or voting"), null=True, blank=True)
    for_weight = models.PositiveIntegerField(_("for"), null=True, blank=True)
    against_weight = models.PositiveIntegerField(_("against"), null=True, blank=True)
    abstain_weight = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    quorum_met = models.BooleanField(_("quorum reached"), null=True, blank=True)
    # What the motion decides about, when it is a row of another part (minutes, a project,
    # a membership application, a budget change…): that part acts when the motion is decided.
    subject_type = models.ForeignKey(ContentType, verbose_name=_("kind of subject"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField(_("subject number"), null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    subject.verbose_name = _("subject")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["subject_type", "subject_id"]), models.Index(fields=["status", "deadline"])]
        constraints = [
            models.CheckConstraint(condition=Q(mode="meeting") | Q(deadline__isnull=False),
                                   name="governance_written_vote_has_deadline"),
        ]
        verbose_name = _("motion")
        verbose_name_plural = _("motions")

    def __str__(self):
        return self.title


class Recusal(models.Model):
    """A seat's declared conflict of interest on a motion: it cannot vote and leaves the quorum
    and majority denominators."""

    motion = models.ForeignKey(Motion, verbose_name=_("motion"), on_delete=models.CASCADE, related_name="recusals")
    seat = models.ForeignKey("governance.Seat", verbose_name=_("seat"), on_delete=models.PROTECT,
                             related_name="recusals")
    reason = models.CharField(_("conflict of interest"), max_length=500)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("declared by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["motion", "seat"], name="governance_recused_once")]
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")

    def __str__(self):
        return f"{self.motion} · {self.seat}"


class Choice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class Vote(models.Model):
    """One seat's vote: cast by its principal or alternate, with the seat's weight then."""

    motion = models.ForeignKey(Motion, verbose_name=_("motion"), on_delete=models.CASCADE, related_name="votes")
    seat = models.ForeignKey("governance.Seat", verbose_name=_("seat"), on_delete=models.PROTECT,
                             related_name="votes")
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)
    weight = models.PositiveSmallIntegerField(_("weight"))
    cast_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cast by"), null=True,
                                on_delete=models.SET_NULL, related_name="+")
    cast_at = models.DateTimeField(_("cast"), auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["motion", "seat"], name="governance_one_vote_per_seat")]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self):
        return f"{self.motion} · {self.seat}: {self.get_choice_display()}"


class Resolution(models.Model):
    """决议: an adopted motion, numbered per body and year (2026-理-007)."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    body = models.ForeignKey("governance.Body", verbose_name=_("body"), on_delete=models.PROTECT,
                             related_name="resolutions")
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    motion = models.OneToOneField(Motion, verbose_name=_("motion"), on_delete=models.PROTECT,
                                  related_name="resolution")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=5000)
    adopted_on = models.DateField(_("adopted on"))
    is_public = models.BooleanField(_("public"), default=False,
                                    help_text=_("Shown on the public disclosure pages without signing in."))
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        ordering = ["-adopted_on", "-sequence"]
        indexes = [models.Index(fields=["-adopted_on", "-sequence"]), models.Index(fields=["is_public", "-adopted_on"])]
        constraints = [models.UniqueConstraint(fields=["body", "year", "sequence"], name="governance_resolution_seq")]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")

    def __str__(self):
        return f"{self.number} {self.title}"
