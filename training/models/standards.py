"""标准与能力: industry standards, technical norms and occupational skill standards, and the
competences they require. Kept by the organisation that publishes or adopts them (an enterprise,
an industry association, the secretariat). Each version of a standard is its own row; a new
version replaces the current one, and every course citing an earlier version is flagged for
review (``services.standards``)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import LimitedTextField
from members.models import Organization

__all__ = ["Competence", "Standard", "StandardKind", "StandardQuerySet"]


class StandardKind(models.TextChoices):
    NATIONAL = "national", _("National standard")
    INDUSTRY = "industry", _("Industry standard")
    LOCAL = "local", _("Local standard")
    ASSOCIATION = "association", _("Association standard")
    ENTERPRISE = "enterprise", _("Enterprise standard")
    TECHNICAL_NORM = "norm", _("Technical norm")
    OCCUPATIONAL = "occupational", _("Occupational skill standard")


class StandardQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)


class Standard(models.Model):
    """One version of a standard (GB/T 39116-2020 …). ``replaces`` links a version to the one
    before it; exactly one version of a code is current."""

    owner = models.ForeignKey(Organization, verbose_name=_("kept by"), on_delete=models.PROTECT,
                              related_name="training_standards")
    kind = models.CharField(_("kind"), max_length=16, choices=StandardKind.choices)
    code = models.CharField(_("code"), max_length=40, help_text=_("As printed on the standard, e.g. GB/T 39116."))
    title = models.CharField(_("title"), max_length=200)
    issuing_body = models.CharField(_("issuing body"), max_length=200)
    version = models.CharField(_("version"), max_length=20, help_text=_("The year or edition, e.g. 2020."))
    effective_on = models.DateField(_("effective date"))
    summary = LimitedTextField(_("summary"), max_length=2000, blank=True)
    replaces = models.OneToOneField("self", verbose_name=_("replaces"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="replaced_by")
    is_current = models.BooleanField(_("current version"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = StandardQuerySet.as_manager()

    class Meta:
        ordering = ["code", "-effective_on"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="training_standard_code_version"),
            models.UniqueConstraint(fields=["code"], condition=Q(is_current=True), name="training_standard_one_current"),
        ]

    def __str__(self):
        return f"{self.code}-{self.version} {self.title}"


class Competence(models.Model):
    """A competence a standard requires (能力要求), optionally tied to a skill of the vocabulary so
    that courses, postings and competitions meet on it."""

    standard = models.ForeignKey(Standard, verbose_name=_("standard"), on_delete=models.CASCADE,
                                 related_name="competences")
    code = models.CharField(_("code"), max_length=20, help_text=_("Its number in the standard, e.g. 4.2.1."))
    name = models.CharField(_("name"), max_length=200)
    description = LimitedTextField(_("description"), max_length=2000, blank=True)
    skill = models.ForeignKey("reference.Skill", verbose_name=_("skill"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="training_competences")

    class Meta:
        ordering = ["standard_id", "code"]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        constraints = [models.UniqueConstraint(fields=["standard", "code"], name="training_competence_code")]

    def __str__(self):
        return f"{self.code} {self.name}"
