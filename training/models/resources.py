"""共享资源库: teaching resources shared across members — files and links, each with its licence
and the organisation that owns it. Courses attach them to their versions."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import LimitedTextField
from members.models import Organization

__all__ = ["Licence", "ResourceKind", "TeachingResource"]


class ResourceKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    SLIDES = "slides", _("Slides")
    VIDEO = "video", _("Video")
    CASE = "case", _("Teaching case")
    EXERCISE = "exercise", _("Exercise")
    LINK = "link", _("Link")


class Licence(models.TextChoices):
    CC_BY = "cc_by", _("CC BY 4.0")
    CC_BY_SA = "cc_by_sa", _("CC BY-SA 4.0")
    CC_BY_NC = "cc_by_nc", _("CC BY-NC 4.0")
    MEMBERS = "members", _("Members of the consortium only")
    OWNER = "owner", _("All rights reserved by the owner")


class TeachingResource(models.Model):
    owner = models.ForeignKey(Organization, verbose_name=_("owned by"), on_delete=models.PROTECT,
                              related_name="training_resources")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=ResourceKind.choices)
    description = LimitedTextField(_("description"), max_length=2000, blank=True)
    licence = models.CharField(_("licence"), max_length=12, choices=Licence.choices)
    # A file (checked by content, handed out by a view) or a link; one of the two.
    file = models.FileField(_("file"), upload_to="training/resources/", blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    url = models.URLField(_("link"), blank=True)
    major = models.ForeignKey("reference.Major", verbose_name=_("major"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="training_resources")
    skills = models.ManyToManyField("reference.Skill", verbose_name=_("skills"), blank=True,
                                    related_name="training_resources")
    is_shared = models.BooleanField(_("shared with members"), default=True)
    created_by = models.ForeignKey("members.User", verbose_name=_("added by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("teaching resource")
        verbose_name_plural = _("teaching resources")
        constraints = [
            models.CheckConstraint(condition=~models.Q(file="") | ~models.Q(url=""), name="training_resource_file_or_url"),
        ]

    def __str__(self):
        return self.title
