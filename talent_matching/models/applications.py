"""求职申请: a student applies to a posting, or an enterprise invites a student it found; the
pipeline applied → shortlisted → interview → offer → accepted / declined / rejected → placed."""

from django.conf import settings
from core.fields import LimitedTextField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talent_matching.models.postings import Posting
from talent_matching.models.profiles import StudentProfile

__all__ = [
    "ApplicationStage", "ApplicationOrigin", "Application", "CLOSED_STAGES", "ApplicationEvent", "ApplicationMessage",
]


class ApplicationStage(models.TextChoices):
    INVITED = "invited", _("Invited")
    APPLIED = "applied", _("Applied")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    INTERVIEW = "interview", _("Interview")
    OFFER = "offer", _("Offer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    PLACED = "placed", _("Placed")


CLOSED_STAGES = frozenset({ApplicationStage.DECLINED, ApplicationStage.REJECTED, ApplicationStage.WITHDRAWN})


class ApplicationOrigin(models.TextChoices):
    APPLIED = "applied", _("The student applied")
    INVITED = "invited", _("The enterprise invited")


class Application(models.Model):
    posting = models.ForeignKey(Posting, verbose_name=_("posting"), on_delete=models.PROTECT, related_name="applications")
    profile = models.ForeignKey(
        StudentProfile, verbose_name=_("student profile"), on_delete=models.PROTECT, related_name="applications"
    )
    origin = models.CharField(_("origin"), max_length=10, choices=ApplicationOrigin.choices)
    stage = models.CharField(_("stage"), max_length=12, choices=ApplicationStage.choices)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    interview_at = models.DateTimeField(_("interview at"), null=True, blank=True)
    interview_place = models.CharField(_("interview place"), max_length=200, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [models.UniqueConstraint(fields=["posting", "profile"], name="application_once_per_posting")]
        indexes = [models.Index(fields=["profile", "stage"])]

    def __str__(self):
        return f"{self.profile} → {self.posting}"

    @property
    def is_open(self) -> bool:
        return self.stage not in CLOSED_STAGES

    @property
    def audit_organization_id(self) -> int | None:
        return self.posting.organization_id


# Applications through which a student has shown their profile to the posting's enterprise
# (for the 'only enterprises I apply to' choice): the student applied, or accepted an invitation.
SHARED_WITH_ENTERPRISE = Q(origin=ApplicationOrigin.APPLIED) | ~Q(stage=ApplicationStage.INVITED)


class ApplicationEvent(models.Model):
    """One step of an application (申请进程): who moved it from which stage to which, when, with
    a note. Both sides see the history; the other side is e-mailed once (``notified_at``), and the
    student's school's administrators at an offer and its answer (``school_notified_at``)."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="events"
    )
    stage_from = models.CharField(_("from stage"), max_length=12, choices=ApplicationStage.choices, blank=True)
    stage_to = models.CharField(_("to stage"), max_length=12, choices=ApplicationStage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    note = LimitedTextField(_("note"), max_length=2000, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)
    notified_at = models.DateTimeField(_("other side notified at"), null=True, blank=True)
    school_notified_at = models.DateTimeField(_("school notified at"), null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("job application step")
        verbose_name_plural = _("job application steps")

    def __str__(self):
        return f"{self.application_id}: {self.stage_from or '-'} → {self.stage_to}"

    @property
    def audit_organization_id(self) -> int | None:
        return self.application.posting.organization_id


class ApplicationMessage(models.Model):
    """A message on an application between the student and the enterprise; the student's school
    reads them too. The other side is e-mailed once (``notified_at``)."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    from_student = models.BooleanField(_("from the student"))
    body = LimitedTextField(_("message"), max_length=2000)
    at = models.DateTimeField(_("at"), default=timezone.now)
    notified_at = models.DateTimeField(_("other side notified at"), null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("job application message")
        verbose_name_plural = _("job application messages")

    def __str__(self):
        return f"{self.application_id}: {self.body[:30]}"

    @property
    def audit_organization_id(self) -> int | None:
        return self.application.posting.organization_id
