"""Meetings of a body: the agenda, the seats invited, their answers and attendance."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Meeting held")
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
    # Added by the meetings part.
    description = models.TextField(_("notes"), max_length=2000, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    # RFC 5545 SEQUENCE: raised each time the time, place or status changes, so calendars update.
    sequence = models.PositiveIntegerField(_("revision"), default=0)

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
    # Added by the meetings part: the seat's voting weight when invited (quorum counts it), who answered.
    weight = models.PositiveSmallIntegerField(_("voting weight"), default=1)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "seat"], name="governance_invited_once")]
        verbose_name = _("invited seat")
        verbose_name_plural = _("invited seats")

    def __str__(self):
        return f"{self.meeting} · {self.seat}"


# --- added by the meetings part ---------------------------------------------------------------

def _document_path(instance, filename):
    # The stored name is the meeting's folder and a random name; the original name is kept in ``name``.
    import uuid

    return f"governance/meetings/{instance.meeting_id}/{uuid.uuid4().hex}"


class AgendaDocument(models.Model):
    """A document of a meeting: for one agenda item, or for the whole meeting when ``agenda_item`` is empty.
    Checked by its content on upload and handed out only through the meeting's download view."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="documents")
    agenda_item = models.ForeignKey(AgendaItem, verbose_name=_("agenda item"), null=True, blank=True,
                                    on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("file"), upload_to=_document_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("file size"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")

    def __str__(self):
        return self.name


class NotificationMode(models.TextChoices):
    IMMEDIATE = "immediate", _("An e-mail for each notification")
    DIGEST = "digest", _("One e-mail a day with what is new")


class NotificationPreference(models.Model):
    """How a person wants notifications e-mailed to them (no row: one e-mail each)."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE,
                                  related_name="governance_notification_preference")
    mode = models.CharField(_("e-mails"), max_length=20, choices=NotificationMode.choices,
                            default=NotificationMode.IMMEDIATE)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return f"{self.person} · {self.get_mode_display()}"


class Notification(models.Model):
    """A message to one person in the portal, e-mailed once (at once or in the daily digest)."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE,
                               related_name="governance_notifications")
    text = models.CharField(_("text"), max_length=500)
    link = models.CharField(_("link"), max_length=300, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    # Claimed by the e-mail that carries it (immediate or digest), so it is never e-mailed twice.
    mailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    mail_batch = models.UUIDField(_("mail batch"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["person", "-created_at"]),
                   models.Index(fields=["mailed_at"], condition=models.Q(mailed_at__isnull=True),
                                name="governance_notif_unmailed")]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return self.text


class CalendarFeed(models.Model):
    """The secret address of a person's meeting calendar, which calendar apps subscribe to without signing
    in. A new address replaces the old one."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE,
                                  related_name="governance_calendar_feed")
    token = models.CharField(_("secret address"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now=True)

    class Meta:
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")

    def __str__(self):
        return str(self.person)
