"""Action items (督办事项): what follows from a resolution — an owner organisation, a due date,
a status and the owner's progress notes. An item is overdue when its due date has passed
and it is neither done nor cancelled; its owners are reminded once a day
(``services.actions.reminders_send``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActionStatus(models.TextChoices):
    OPEN = "open", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# The statuses of an item still to be done (which can be overdue).
PENDING_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class ActionItemQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status__in=PENDING_STATUSES)

    def overdue(self, today=None):
        return self.pending().filter(due_on__lt=today or timezone.localdate())


class ActionItem(models.Model):
    resolution = models.ForeignKey("governance.Resolution", verbose_name=_("resolution"), on_delete=models.PROTECT,
                                   related_name="action_items")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what is to be done"), max_length=3000, blank=True)
    owner = models.ForeignKey("members.Organization", verbose_name=_("owner organisation"),
                              on_delete=models.PROTECT, related_name="governance_action_items")
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("responsible person"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="governance_action_items")
    due_on = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    # The day the owners were last reminded of the item being overdue (claimed before sending).
    last_reminded_on = models.DateField(_("owners last reminded"), null=True, blank=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"]), models.Index(fields=["owner", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="governance_action_progress_range"),
            models.CheckConstraint(condition=Q(status__in=ActionStatus.values),
                                   name="governance_action_status_known"),
            models.CheckConstraint(condition=Q(status="done", completed_at__isnull=False, progress=100)
                                   | (~Q(status="done") & Q(completed_at__isnull=True)),
                                   name="governance_action_done_has_completion"),
            models.CheckConstraint(condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                                   name="governance_action_cancel_has_reason"),
        ]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self):
        return self.title

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_pending and self.due_on < timezone.localdate()


class ActionNote(models.Model):
    """A progress note on an action item, by its owners (or the secretariat): never edited."""

    item = models.ForeignKey(ActionItem, verbose_name=_("action item"), on_delete=models.CASCADE,
                             related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("written by"), null=True,
                               on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("progress note"), max_length=3000)
    percent = models.PositiveSmallIntegerField(_("progress"), null=True, blank=True)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(percent__isnull=True) | Q(percent__lte=100),
                                              name="governance_action_note_percent_range")]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self):
        return f"{self.item} · {timezone.localtime(self.created_at):%Y-%m-%d}"
