"""Teachers' training records and 双师型 certification.

A teacher records enterprise practice (教师企业实践), training courses (national, provincial or
school level), workshops and industry projects, each with the member organisation that provided
it. The record goes draft → submitted → signed off, or back to the teacher (returned, with the
reason); only the PROVIDER organisation signs off. A signed-off record never changes again: the
services refuse it and PostgreSQL too (``SIGNED_OFF_LOCK_SQL``); two enterprise-practice periods
of one teacher never overlap (the services, and ``PRACTICE_NO_OVERLAP_SQL`` on PostgreSQL).

The five-year practice indicator (``practice_colour``): the signed-off enterprise-practice days
whose period ended within the last five years, against ``PRACTICE_DAYS_REQUIRED`` (six months ≈
180 days every five years for teachers of professional courses):

* green  — the requirement is met, and still met a year from now (the days ending in the last
  four years alone reach it);
* yellow — at least half of it is met, or it is met but falls short within a year as older
  practice leaves the window;
* red    — less than half.

A teacher certified 双师型 holds an approved ``DualTeacherApplication``; every application is kept.
"""

from datetime import date
from pathlib import PurePath
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.files import label_of

__all__ = [
    "DualLevel", "DualStatus", "DualTeacherApplication", "PRACTICE_DAYS_REQUIRED", "PRACTICE_NO_OVERLAP_SQL",
    "PRACTICE_NO_OVERLAP_REVERSE_SQL", "PRACTICE_WINDOW_YEARS", "PracticeColour", "SIGNED_OFF_LOCK_SQL",
    "SIGNED_OFF_UNLOCK_SQL", "TeacherTrainingEvidence", "TeacherTrainingRecord", "TrainingKind", "TrainingLevel",
    "TrainingRecordStatus", "practice_colour", "practice_window", "training_evidence_path",
]

# The national requirement (教师企业实践规定): at least six months of enterprise practice every five
# years for teachers of professional courses, counted as days.
PRACTICE_DAYS_REQUIRED = 180
PRACTICE_WINDOW_YEARS = 5
# Met, but short within this many days as older practice leaves the window: yellow.
PRACTICE_EXPIRY_NOTICE_YEARS = 1


class TrainingKind(models.TextChoices):
    PRACTICE = "practice", _("Enterprise practice (教师企业实践)")
    COURSE = "course", _("Training course")
    WORKSHOP = "workshop", _("Workshop")
    PROJECT = "project", _("Industry project")


class TrainingLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    SCHOOL = "school", _("School")


class TrainingRecordStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for sign-off")
    SIGNED_OFF = "signed_off", _("Signed off")
    RETURNED = "returned", _("Returned")


class PracticeColour(models.TextChoices):
    GREEN = "green", _("Met")
    YELLOW = "yellow", _("Attention")
    RED = "red", _("Short")


def _years_back(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def practice_window(today: date) -> tuple[date, date]:
    """The first day of the five-year window, and of the window as it will be a year from now:
    a record counts when its period ended on or after the first."""
    return (_years_back(today, PRACTICE_WINDOW_YEARS),
            _years_back(today, PRACTICE_WINDOW_YEARS - PRACTICE_EXPIRY_NOTICE_YEARS))


def practice_colour(days: int, lasting_days: int) -> str:
    """The indicator from the days in the window and those still in it a year from now."""
    if days >= PRACTICE_DAYS_REQUIRED and lasting_days >= PRACTICE_DAYS_REQUIRED:
        return PracticeColour.GREEN
    if days * 2 >= PRACTICE_DAYS_REQUIRED:
        return PracticeColour.YELLOW
    return PracticeColour.RED


class TeacherTrainingRecord(models.Model):
    teacher = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("teacher"), on_delete=models.PROTECT,
                                related_name="training_records")
    school = models.ForeignKey("members.Organization", verbose_name=_("school"), on_delete=models.PROTECT,
                               related_name="teacher_training_records")
    kind = models.CharField(_("kind"), max_length=20, choices=TrainingKind.choices)
    level = models.CharField(_("level"), max_length=20, choices=TrainingLevel.choices, blank=True)
    provider = models.ForeignKey("members.Organization", verbose_name=_("provider organisation"),
                                 on_delete=models.PROTECT, related_name="provided_teacher_training")
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    days = models.PositiveSmallIntegerField(_("days"), help_text=_("Days of practice or training in the period."))
    hours = models.PositiveSmallIntegerField(_("hours"))
    content = models.TextField(_("content"), max_length=5000)
    outcomes = models.TextField(_("outcomes"), max_length=5000, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=TrainingRecordStatus.choices,
                              default=TrainingRecordStatus.DRAFT)
    return_reason = models.TextField(_("reason for returning"), max_length=2000, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    signed_off_at = models.DateTimeField(_("signed off"), null=True, blank=True)
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("signed off by"), null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="+")
    credential = models.OneToOneField("credentials.Credential", verbose_name=_("certificate"), null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="teacher_training_record")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["teacher", "kind", "status", "ends_on"], name="training_teacher_practice"),
                   models.Index(fields=["provider", "status"], name="training_provider_queue")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                   name="training_record_ends_after_start"),
            models.CheckConstraint(condition=Q(hours__gt=0) & Q(days__gt=0), name="training_record_positive"),
            models.CheckConstraint(condition=Q(hours__lte=models.F("days") * 24),
                                   name="training_record_hours_plausible"),
            models.CheckConstraint(condition=Q(kind="course", level__gt="") | (~Q(kind="course") & Q(level="")),
                                   name="training_record_level_of_courses"),
            models.CheckConstraint(condition=~Q(status="signed_off") | Q(signed_off_at__isnull=False),
                                   name="training_record_signed_off_has_date"),
            models.CheckConstraint(condition=~Q(status="returned") | Q(return_reason__gt=""),
                                   name="training_record_returned_has_reason"),
        ]
        verbose_name = _("teacher training record")
        verbose_name_plural = _("teacher training records")

    def __str__(self):
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in (TrainingRecordStatus.DRAFT, TrainingRecordStatus.RETURNED)

    @property
    def period_days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


def training_evidence_path(instance, filename: str) -> str:
    """A random name under training-evidence/, keeping only the (already checked) extension."""
    return f"training-evidence/{secrets.token_urlsafe(18)}{PurePath(filename).suffix.lower()}"


class TeacherTrainingEvidence(models.Model):
    record = models.ForeignKey(TeacherTrainingRecord, verbose_name=_("training record"), on_delete=models.PROTECT,
                               related_name="evidence")
    file = models.FileField(_("evidence"), upload_to=training_evidence_path, max_length=200)
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["record", "pk"]
        verbose_name = _("training evidence")
        verbose_name_plural = _("training evidence")

    def __str__(self):
        return self.name

    @property
    def kind_label(self) -> str:
        return label_of(self.content_type)


class DualLevel(models.TextChoices):
    JUNIOR = "junior", _("Junior")
    INTERMEDIATE = "intermediate", _("Intermediate")
    SENIOR = "senior", _("Senior")


class DualStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the committee")
    APPROVED = "approved", _("Certified")
    REJECTED = "rejected", _("Rejected")


class DualTeacherApplication(models.Model):
    """A 双师型 application: the level asked for, the evidence (signed-off records and
    qualifications), and the school committee's decision with its reasons."""

    teacher = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("teacher"), on_delete=models.PROTECT,
                                related_name="dual_teacher_applications")
    school = models.ForeignKey("members.Organization", verbose_name=_("school"), on_delete=models.PROTECT,
                               related_name="dual_teacher_applications")
    level = models.CharField(_("level applied for"), max_length=20, choices=DualLevel.choices)
    qualifications = models.TextField(_("qualifications"), max_length=5000,
                                      help_text=_("Certificates, titles and industry experience."))
    records = models.ManyToManyField(TeacherTrainingRecord, verbose_name=_("training records"),
                                     related_name="dual_teacher_applications")
    status = models.CharField(_("status"), max_length=20, choices=DualStatus.choices, default=DualStatus.PENDING)
    decided_level = models.CharField(_("level certified"), max_length=20, choices=DualLevel.choices, blank=True)
    reasons = models.TextField(_("reasons"), max_length=5000, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["teacher", "school"], condition=Q(status="pending"),
                                    name="training_dual_one_pending"),
            models.CheckConstraint(condition=Q(status="pending") | (Q(reasons__gt="") & Q(decided_at__isnull=False)),
                                   name="training_dual_decision_has_reasons"),
            models.CheckConstraint(condition=~Q(status="approved") | Q(decided_level__gt=""),
                                   name="training_dual_approved_has_level"),
        ]
        verbose_name = _("dual-qualified teacher application (双师型)")
        verbose_name_plural = _("dual-qualified teacher applications (双师型)")

    def __str__(self):
        return f"{self.teacher} · {self.get_level_display()}"


# PostgreSQL keeps a signed-off record as it was signed: no change, no deletion.
SIGNED_OFF_LOCK_SQL = """
CREATE OR REPLACE FUNCTION training_teacher_record_locked() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'signed_off' THEN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'a signed-off training record (%) cannot be deleted', OLD.id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF ROW(NEW.*) IS DISTINCT FROM ROW(OLD.*) THEN
            RAISE EXCEPTION 'a signed-off training record (%) is locked', OLD.id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS training_teacher_record_locked ON training_teachertrainingrecord;
CREATE TRIGGER training_teacher_record_locked BEFORE UPDATE OR DELETE ON training_teachertrainingrecord
    FOR EACH ROW EXECUTE FUNCTION training_teacher_record_locked();
"""
SIGNED_OFF_UNLOCK_SQL = """
DROP TRIGGER IF EXISTS training_teacher_record_locked ON training_teachertrainingrecord;
DROP FUNCTION IF EXISTS training_teacher_record_locked();
"""

# Two enterprise-practice periods of one teacher never overlap (whatever their status).
PRACTICE_NO_OVERLAP_SQL = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE training_teachertrainingrecord ADD CONSTRAINT training_practice_no_overlap
    EXCLUDE USING gist (teacher_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&)
    WHERE (kind = 'practice');
"""
PRACTICE_NO_OVERLAP_REVERSE_SQL = """
ALTER TABLE training_teachertrainingrecord DROP CONSTRAINT IF EXISTS training_practice_no_overlap;
"""
