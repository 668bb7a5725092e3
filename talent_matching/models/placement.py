"""安置轮次: placement rounds for internships, order classes (订单班) and 2+1 placements. The
secretariat names the schools and the postings taking part (each with its places: the
posting's headcount unless overridden), students of those schools rank the postings, each
enterprise may refuse a student for its posting, and the round is run — student-proposing
deferred acceptance with capacities, the enterprise side ranking by match score, ties broken
by the round's published lottery (``talent_matching.placement``). The result names who is
placed where and why each other student is not; once confirmed it becomes placements, each
entered in the transparency log. A second round, for those left unplaced, offers the places
still free."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Organization
from talent_matching.models.postings import Posting, PostingKind
from talent_matching.models.profiles import StudentProfile

__all__ = [
    "RoundStatus", "PlacementRound", "RoundPosting", "StudentPreference", "Refusal", "PlacementRun",
    "ScoreSource", "UnplacedReason", "PlacementResult", "Placement", "ROUND_KINDS", "MAX_CHOICES",
]

# The kinds of posting filled by a round (COHORT_KINDS), in a fixed order for the choices.
ROUND_KINDS = [
    (PostingKind.INTERNSHIP.value, PostingKind.INTERNSHIP.label),
    (PostingKind.ORDER_CLASS.value, PostingKind.ORDER_CLASS.label),
    (PostingKind.TWO_PLUS_ONE.value, PostingKind.TWO_PLUS_ONE.label),
]
# How many postings a student may rank in one round.
MAX_CHOICES = 10


def new_seed() -> str:
    return secrets.token_hex(8)


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    COLLECTING = "collecting", _("Taking preferences")
    RUN = "run", _("Run, awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")


class PlacementRound(models.Model):
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=ROUND_KINDS)
    schools = models.ManyToManyField(
        Organization, verbose_name=_("schools taking part"), blank=True, related_name="placement_rounds",
    )
    postings = models.ManyToManyField(
        Posting, verbose_name=_("postings taking part"), through="RoundPosting", blank=True, related_name="+",
    )
    status = models.CharField(_("status"), max_length=12, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    seed = models.CharField(
        _("lottery seed"), max_length=64, default=new_seed,
        help_text=_("Published with the round: ties in score are broken by a lottery drawn from it."),
    )
    number = models.PositiveSmallIntegerField(_("round"), default=1)
    parent = models.ForeignKey(
        "self", verbose_name=_("previous round"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="next_rounds",
    )
    preferences_close_on = models.DateField(_("preferences close on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    opened_at = models.DateTimeField(_("opened for preferences at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("placement round")
        verbose_name_plural = _("placement rounds")

    def __str__(self):
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.COLLECTING and (
            self.preferences_close_on is None or self.preferences_close_on >= timezone.localdate()
        )


class RoundPosting(models.Model):
    """A posting taking part in a round, with its places: the posting's headcount unless the
    secretariat set another number for this round."""

    round = models.ForeignKey(PlacementRound, verbose_name=_("round"), on_delete=models.CASCADE,
                              related_name="round_postings")
    posting = models.ForeignKey(Posting, verbose_name=_("posting"), on_delete=models.PROTECT, related_name="+")
    slots = models.PositiveIntegerField(
        _("places"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(10000)],
        help_text=_("Left empty, the posting's headcount."),
    )

    class Meta:
        ordering = ["round_id", "posting_id"]
        verbose_name = _("posting in a round")
        verbose_name_plural = _("postings in a round")
        constraints = [models.UniqueConstraint(fields=["round", "posting"], name="round_posting_once")]

    def __str__(self):
        return f"{self.posting} ({self.capacity})"

    @property
    def capacity(self) -> int:
        return self.posting.headcount if self.slots is None else self.slots


class StudentPreference(models.Model):
    """A student's ranking of a posting in a round: 1 is their first choice."""

    round = models.ForeignKey(PlacementRound, verbose_name=_("round"), on_delete=models.CASCADE,
                              related_name="preferences")
    profile = models.ForeignKey(StudentProfile, verbose_name=_("student profile"), on_delete=models.CASCADE,
                                related_name="placement_preferences")
    posting = models.ForeignKey(Posting, verbose_name=_("posting"), on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField(_("rank"), validators=[MinValueValidator(1), MaxValueValidator(MAX_CHOICES)])
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["round_id", "profile_id", "rank"]
        verbose_name = _("student preference")
        verbose_name_plural = _("student preferences")
        constraints = [
            models.UniqueConstraint(fields=["round", "profile", "posting"], name="preference_posting_once"),
            models.UniqueConstraint(fields=["round", "profile", "rank"], name="preference_rank_once"),
        ]

    def __str__(self):
        return f"{self.profile_id} #{self.rank}: {self.posting_id}"


class Refusal(models.Model):
    """An enterprise will not take a student for its posting in this round (不予接收): the
    student is then not acceptable to the posting, whatever their score."""

    round = models.ForeignKey(PlacementRound, verbose_name=_("round"), on_delete=models.CASCADE,
                              related_name="refusals")
    posting = models.ForeignKey(Posting, verbose_name=_("posting"), on_delete=models.PROTECT, related_name="+")
    profile = models.ForeignKey(StudentProfile, verbose_name=_("student profile"), on_delete=models.CASCADE,
                                related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["round_id", "posting_id", "profile_id"]
        verbose_name = _("refusal")
        verbose_name_plural = _("refusals")
        constraints = [models.UniqueConstraint(fields=["round", "posting", "profile"], name="refusal_once")]

    def __str__(self):
        return f"{self.posting_id} ✕ {self.profile_id}"


class PlacementRun(models.Model):
    """One run of a round's matching. The digest of its input (preferences, places, scores,
    refusals, seed) and of its result are kept: the same input digest gives the same result."""

    round = models.ForeignKey(PlacementRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="runs")
    seed = models.CharField(_("lottery seed"), max_length=64)
    input_digest = models.CharField(_("digest of the input"), max_length=80)
    result_digest = models.CharField(_("digest of the result"), max_length=80)
    placed = models.PositiveIntegerField(_("placed"), default=0)
    unplaced = models.PositiveIntegerField(_("unplaced"), default=0)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("run by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("placement run")
        verbose_name_plural = _("placement runs")

    def __str__(self):
        return f"{self.round} {self.at:%Y-%m-%d %H:%M}"


class ScoreSource(models.TextChoices):
    MATCH = "match", _("Matching score")
    FALLBACK = "fallback", _("Major and skills (fallback)")


class UnplacedReason(models.TextChoices):
    RANKED_NOTHING = "ranked_nothing", _("Ranked no posting")
    NO_ACCEPTABLE_CHOICE = "no_acceptable_choice", _("No posting ranked would take the student")
    FILLED = "filled", _("Every posting ranked was filled by students of higher priority")


class PlacementResult(models.Model):
    """One student's outcome in a run: the posting (and which of their choices it was), or the
    reason they stay unplaced."""

    run = models.ForeignKey(PlacementRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="results")
    profile = models.ForeignKey(StudentProfile, verbose_name=_("student profile"), on_delete=models.CASCADE,
                                related_name="+")
    posting = models.ForeignKey(Posting, verbose_name=_("posting"), null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    choice = models.PositiveSmallIntegerField(_("choice"), null=True, blank=True)
    score = models.FloatField(_("score"), null=True, blank=True)
    score_source = models.CharField(_("score from"), max_length=10, choices=ScoreSource.choices, blank=True)
    lottery = models.CharField(_("lottery number"), max_length=20)
    reason = models.CharField(_("why unplaced"), max_length=24, choices=UnplacedReason.choices, blank=True)

    class Meta:
        ordering = ["run_id", "posting_id", "profile_id"]
        verbose_name = _("placement result")
        verbose_name_plural = _("placement results")
        constraints = [models.UniqueConstraint(fields=["run", "profile"], name="placement_result_once")]

    def __str__(self):
        return f"{self.profile_id} → {self.posting_id or self.reason}"


class Placement(models.Model):
    """A confirmed placement (已确认安置): a student's place at a posting, from a round; entered
    in the transparency log as ``placement.confirmed``."""

    round = models.ForeignKey(PlacementRound, verbose_name=_("round"), on_delete=models.PROTECT,
                              related_name="placements")
    profile = models.ForeignKey(StudentProfile, verbose_name=_("student profile"), on_delete=models.PROTECT,
                                related_name="placements")
    posting = models.ForeignKey(Posting, verbose_name=_("posting"), on_delete=models.PROTECT, related_name="placements")
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    log_index = models.PositiveBigIntegerField(_("log entry"), null=True, blank=True)

    class Meta:
        ordering = ["-confirmed_at", "-id"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [models.UniqueConstraint(fields=["round", "profile"], name="placement_once_per_round")]

    def __str__(self):
        return f"{self.profile} → {self.posting}"
