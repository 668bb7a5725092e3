"""Meetings of a body: the agenda, the seats invited, their answers and attendance."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    body = models.ForeignKey("governance.Body", verbose_name=_("body"), on_delete=models.PROTECT,
                             related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=MeetingStatus.choices,
                              default=MeetingStatus.SCHEDULED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("scheduled by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["body", "-starts_at"])]
        constraints = [models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                              name="governance_meeting_ends_after_start")]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return self.title


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    presenter = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("presenter"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [models.UniqueConstraint(fields=["meeting", "position"], name="governance_agenda_position_once")]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return f"{self.position}. {self.title}"


class Rsvp(models.TextChoices):
    PENDING = "pending", _("No answer yet")
    ATTENDING = "attending", _("Will attend")
    ALTERNATE = "alternate", _("The alternate will attend")
    DECLINED = "declined", _("Will not attend")


class Attendance(models.TextChoices):
    UNKNOWN = "unknown", _("Not recorded")
    PRINCIPAL = "principal", _("Principal present")
    ALTERNATE = "alternate", _("Alternate present")
    ABSENT = "absent", _("Absent")


class MeetingSeat(models.Model):
    """A seat invited to a meeting, its answer and its attendance."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="invited")
    seat = models.ForeignKey("governance.Seat", verbose_name=_("seat"), on_delete=models.PROTECT,
                             related_name="meetings")
    rsvp = models.CharField(_("answer"), max_length=20, choices=Rsvp.choices, default=Rsvp.PENDING)
    attendance = models.CharField(_("attendance"), max_length=20, choices=Attendance.choices,
                                  default=Attendance.UNKNOWN)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "seat"], name="governance_invited_once")]
        verbose_name = _("invited seat")
        verbose_name_plural = _("invited seats")

    def __str__(self):
        return f"{self.meeting} · {self.seat}"
