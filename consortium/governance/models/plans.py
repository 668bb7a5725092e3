"""Plans of the consortium: the annual work plan (年度工作计划) and the training plan (培训计划)
of a year, each a list of items with an owner organisation, a due date, a status and a
completion percent, linked to the resolution (and project) they carry out. A plan's
completion is the share of its items done, each weighing the same (dropped items do not
count), computed by the database (``PlanQuerySet.with_completion``)."""

from django.conf import settings
from django.db import models
from django.db.models import Count, ExpressionWrapper, F, IntegerField, Q
from django.db.models.functions import Greatest
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    WORK = "work", _("Annual work plan")  # 年度工作计划
    TRAINING = "training", _("Training plan")  # 培训计划


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")


class PlanItemStatus(models.TextChoices):
    PLANNED = "planned", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class PlanQuerySet(models.QuerySet):
    def with_completion(self):
        """``items_total`` (items that count: not dropped), ``items_done`` and ``completion``
        (0–100, rounded down; 0 for a plan without items), in the same query."""
        counted = ~Q(items__status=PlanItemStatus.DROPPED)
        return self.annotate(
            items_total=Count("items", filter=counted, distinct=True),
            items_done=Count("items", filter=Q(items__status=PlanItemStatus.DONE), distinct=True),
        ).annotate(completion=ExpressionWrapper(
            F("items_done") * 100 / Greatest(F("items_total"), 1), output_field=IntegerField()))


class Plan(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=PlanKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    resolution = models.ForeignKey("governance.Resolution", verbose_name=_("adopting resolution"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="plans")
    is_public = models.BooleanField(_("public"), default=False,
                                    help_text=_("Shown on the public disclosure pages without signing in."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["year", "kind"], name="governance_one_plan_per_year_and_kind"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="governance_plan_year_range"),
            models.CheckConstraint(condition=Q(status="draft") | Q(adopted_at__isnull=False),
                                   name="governance_adopted_plan_has_date"),
        ]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self):
        return self.title


class PlanItem(models.Model):
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey("members.Organization", verbose_name=_("owner organisation"),
                              on_delete=models.PROTECT, related_name="governance_plan_items")
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=PlanItemStatus.choices,
                              default=PlanItemStatus.PLANNED)
    percent = models.PositiveSmallIntegerField(_("completion"), default=0)
    resolution = models.ForeignKey("governance.Resolution", verbose_name=_("resolution"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="plan_items")
    project = models.ForeignKey("governance.Project", verbose_name=_("project"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="plan_items")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="governance_plan_item_position_once"),
            models.CheckConstraint(condition=Q(percent__lte=100), name="governance_plan_item_percent_range"),
            models.CheckConstraint(condition=~Q(status="done") | Q(percent=100),
                                   name="governance_plan_item_done_is_complete"),
        ]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")

    def __str__(self):
        return f"{self.position}. {self.title}"
