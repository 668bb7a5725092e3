"""供需预警 (专业调整预警): monthly supply–demand figures per family of majors and per major, and
the early-warning thresholds the secretariat sets.

- Demand (需求) is the headcount of the open, published postings that accept the major: a posting
  with no majors accepts every one; a posting naming a class or a family of majors accepts every
  major in it. A posting counts once in each family it touches (whatever number of its majors
  fall in it) and once for each major it accepts, so a family's figure is not the sum of its
  majors' figures. A family or major has a figure when students of it graduate within the year
  or a posting names it (a major directly or through its class); a posting naming no major adds
  to every figure there is, without making new ones (no family turns red for lack of students
  the consortium never had).
- Supply (供给) is the number of student profiles graduating within twelve months of the period's
  first day (a cohort graduates on 30 June of its graduation year). Only counts are kept: no row
  here names a student.
- The ratio is demand ÷ supply; its level (green, yellow, red) and side (supply exceeds demand,
  or demand exceeds supply) are read from the thresholds in force when the month was taken.
  A warning is raised when a figure is outside green, on the same side, two months in a row.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["SupplyLevel", "SupplySide", "WarningThresholds", "SupplyDemandSnapshot"]


class SupplyLevel(models.TextChoices):
    GREEN = "green", _("Balanced")
    YELLOW = "yellow", _("Watch")
    RED = "red", _("Warning")


class SupplySide(models.TextChoices):
    BALANCED = "", _("Balanced")
    SURPLUS = "surplus", _("Supply exceeds demand")
    SHORTAGE = "shortage", _("Demand exceeds supply")


def _ratio_field(label, default, help_text):
    return models.DecimalField(
        label, max_digits=6, decimal_places=2, default=Decimal(default), help_text=help_text,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1000"))],
    )


class WarningThresholds(models.Model):
    """预警阈值: one row (pk 1), edited by the secretariat. Ratios are demand ÷ supply:
    below ``low_red`` red and below ``low_yellow`` yellow (supply exceeds demand); above
    ``high_yellow`` yellow and above ``high_red`` red (demand exceeds supply); green between."""

    low_red = _ratio_field(_("red below"), "0.50", _("Demand ÷ supply below this is red: far more graduates than places."))
    low_yellow = _ratio_field(_("yellow below"), "0.80", _("Demand ÷ supply below this is yellow: more graduates than places."))
    high_yellow = _ratio_field(_("yellow above"), "1.50", _("Demand ÷ supply above this is yellow: more places than graduates."))
    high_red = _ratio_field(_("red above"), "2.00", _("Demand ÷ supply above this is red: far more places than graduates."))
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = _("early-warning thresholds")
        verbose_name_plural = _("early-warning thresholds")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="warning_thresholds_singleton"),
            models.CheckConstraint(
                condition=Q(low_red__gt=0) & Q(low_red__lt=models.F("low_yellow"))
                & Q(low_yellow__lt=models.F("high_yellow")) & Q(high_yellow__lt=models.F("high_red")),
                name="warning_thresholds_ordered",
            ),
        ]

    def __str__(self):
        return str(_("Early-warning thresholds"))

    @classmethod
    def current(cls) -> "WarningThresholds":
        """The thresholds in force: the defaults (unsaved) until the secretariat first sets them."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    @classmethod
    def locked(cls) -> "WarningThresholds":
        """The row, made if need be and locked until the end of the transaction."""
        cls.objects.get_or_create(pk=1)
        return cls.objects.select_for_update().get(pk=1)

    def classify(self, ratio: Decimal | None, *, demand: int, supply: int) -> tuple[str, str]:
        """(level, side) of a figure. No supply and no demand is balanced; demand with no
        supply at all is red, demand exceeding supply."""
        if ratio is None:
            return (SupplyLevel.RED, SupplySide.SHORTAGE) if demand else (SupplyLevel.GREEN, SupplySide.BALANCED)
        if ratio < self.low_red:
            return SupplyLevel.RED, SupplySide.SURPLUS
        if ratio < self.low_yellow:
            return SupplyLevel.YELLOW, SupplySide.SURPLUS
        if ratio > self.high_red:
            return SupplyLevel.RED, SupplySide.SHORTAGE
        if ratio > self.high_yellow:
            return SupplyLevel.YELLOW, SupplySide.SHORTAGE
        return SupplyLevel.GREEN, SupplySide.BALANCED


class SupplyDemandSnapshotQuerySet(models.QuerySet):
    def families(self):
        return self.filter(major_code="")

    def majors(self):
        return self.exclude(major_code="")

    def latest_period(self):
        return self.order_by("-period").values_list("period", flat=True).first()


class SupplyDemandSnapshot(models.Model):
    """One month's figure for a family of majors (``major_code`` empty) or one major. The
    postings and cohorts behind it are kept as ids and counts, never as students."""

    period = models.DateField(_("month"), help_text=_("The first day of the month."))
    family_code = models.CharField(_("family of majors"), max_length=2)
    major_code = models.CharField(_("major"), max_length=6, blank=True, default="")
    demand = models.PositiveIntegerField(_("demand (open headcount)"), default=0)
    supply = models.PositiveIntegerField(_("supply (graduating within a year)"), default=0)
    matched = models.PositiveIntegerField(
        _("matched"), default=0, help_text=_("Graduating students among some posting's top candidates."))
    placed = models.PositiveIntegerField(_("placed"), default=0)
    ratio = models.DecimalField(_("demand ÷ supply"), max_digits=10, decimal_places=2, null=True, blank=True)
    level = models.CharField(_("level"), max_length=6, choices=SupplyLevel.choices, default=SupplyLevel.GREEN)
    side = models.CharField(_("side"), max_length=8, choices=SupplySide.choices, default="", blank=True)
    warning = models.BooleanField(
        _("warning"), default=False, help_text=_("Outside green on the same side this month and the month before."))
    # "industry|region" → headcount, for the page's filters (industry of the enterprise, region of the posting).
    demand_breakdown = models.JSONField(_("demand by industry and region"), default=dict, blank=True)
    posting_ids = models.JSONField(_("postings counted"), default=list, blank=True)
    # [[school id, graduation year, count], ...]
    cohorts = models.JSONField(_("cohorts counted"), default=list, blank=True)
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)
    backfilled = models.BooleanField(
        _("back-filled"), default=False, help_text=_("Written as history by the demo, not computed from records."))

    objects = SupplyDemandSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-period", "family_code", "major_code"]
        verbose_name = _("supply–demand figure")
        verbose_name_plural = _("supply–demand figures")
        constraints = [
            models.UniqueConstraint(fields=["period", "family_code", "major_code"], name="supply_snapshot_unique"),
        ]
        indexes = [models.Index(fields=["family_code", "major_code", "period"])]

    def __str__(self):
        return f"{self.period:%Y-%m} {self.major_code or self.family_code}"

    @property
    def code(self) -> str:
        return self.major_code or self.family_code
