"""The consortium as a whole: the secretariat's announcements (通知公告); its council and
governance to come."""

import secrets
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortium.attachments import kind_of
from core.fields import LimitedTextField


class AnnouncementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class AnnouncementQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=AnnouncementStatus.PUBLISHED)

    def in_public_order(self):
        """Pinned first, then the newest."""
        return self.order_by("-pinned", "-published_at", "-id")


class Announcement(models.Model):
    """通知公告: a notice of the secretariat to members and the public, written as a draft
    and published (or withdrawn) through ``consortium.services``."""

    TITLE_MAX = 100
    BODY_MAX = 10_000

    title = models.CharField(_("title"), max_length=TITLE_MAX)
    body = LimitedTextField(
        _("text"), max_length=BODY_MAX,
        help_text=_("Plain text; an empty line starts a new paragraph."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=AnnouncementStatus.choices, default=AnnouncementStatus.DRAFT
    )
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Pinned announcements are listed first, above newer ones.")
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        ordering = ["-pinned", "-published_at", "-id"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        indexes = [models.Index(fields=["status", "-pinned", "-published_at"], name="announcement_public_order")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="announcement_published_dated",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("announcements:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == AnnouncementStatus.PUBLISHED

    @property
    def was_withdrawn(self) -> bool:
        """A draft that was public once: it keeps the date it was last published."""
        return not self.is_published and self.published_at is not None


def attachment_path(instance, filename: str) -> str:
    """A random name under announcements/, keeping only the (already checked) extension:
    nothing a visitor typed reaches the file system."""
    return f"announcements/{secrets.token_urlsafe(18)}{PurePath(filename).suffix.lower()}"


class AnnouncementAttachment(models.Model):
    """An announcement's file (PDF, Word, Excel or an image), downloaded through the portal,
    never from the media folder."""

    announcement = models.ForeignKey(
        Announcement, verbose_name=_("announcement"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("announcements:attachment", args=[self.pk])

    @property
    def kind(self) -> str:
        """The kind of file as people name it: PDF, Word, Excel, JPG, PNG."""
        return kind_of(self.content_type)
