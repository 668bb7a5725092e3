"""Enterprise employee training (企业员工培训): a school offers a programme — pre-job (岗前),
on-the-job (在岗) or continuing education (继续教育) — with its hours, fee per person, capacity,
dates and sessions; member enterprises enrol their employees (up to the capacity); the school
records each session's attendance and the assessment. An enrolment is completed when the hours
attended reach the programme's required share of its hours and the assessment is passed; one
with a portal account may then be issued a credential (``credentials``)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

__all__ = ["ProgrammeKind", "ProgrammeStatus", "TrainingProgramme", "ProgrammeSession", "EnrolmentStatus",
           "EmployeeEnrolment", "SessionAttendance"]


class ProgrammeKind(models.TextChoices):
    PRE_JOB = "pre_job", _("Pre-job training")
    ON_THE_JOB = "on_the_job", _("On-the-job training")
    CONTINUING = "continuing", _("Continuing education")


class ProgrammeStatus(models.TextChoices):
    OPEN = "open", _("Open for enrolment")
    CLOSED = "closed", _("Enrolment closed")


class TrainingProgramme(models.Model):
    school = models.ForeignKey("members.Organization", verbose_name=_("school"), on_delete=models.PROTECT,
                               related_name="training_programmes")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeKind.choices)
    major = models.ForeignKey("reference.Major", verbose_name=_("major"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    skills = models.ManyToManyField("reference.Skill", verbose_name=_("skills"), blank=True, related_name="+")
    description = models.TextField(_("description"), max_length=5000, blank=True)
    hours = models.PositiveSmallIntegerField(_("hours"))
    required_share = models.PositiveSmallIntegerField(
        _("attendance required (%)"), default=80,
        help_text=_("The share of the programme's hours an employee must attend to complete it."))
    fee = models.DecimalField(_("fee per person (yuan)"), max_digits=10, decimal_places=2, default=0)
    capacity = models.PositiveIntegerField(_("capacity"))
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    status = models.CharField(_("status"), max_length=20, choices=ProgrammeStatus.choices,
                              default=ProgrammeStatus.OPEN)
    achievement = models.ForeignKey("credentials.Achievement", verbose_name=_("credential issued on completion"),
                                    null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="training_programme_dates"),
            models.CheckConstraint(condition=Q(hours__gt=0), name="training_programme_hours"),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="training_programme_capacity"),
            models.CheckConstraint(condition=Q(fee__gte=0), name="training_programme_fee"),
            models.CheckConstraint(condition=Q(required_share__gte=1, required_share__lte=100),
                                   name="training_programme_required_share"),
        ]
        verbose_name = _("employee training programme")
        verbose_name_plural = _("employee training programmes")

    def __str__(self):
        return self.title


class ProgrammeSession(models.Model):
    programme = models.ForeignKey(TrainingProgramme, verbose_name=_("programme"), on_delete=models.CASCADE,
                                  related_name="sessions")
    date = models.DateField(_("date"))
    hours = models.PositiveSmallIntegerField(_("hours"))
    topic = models.CharField(_("topic"), max_length=200)

    class Meta:
        ordering = ["programme", "date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0, hours__lte=24), name="training_session_hours"),
            models.UniqueConstraint(fields=["programme", "date", "topic"], name="training_session_once"),
        ]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.topic}"


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class EmployeeEnrolment(models.Model):
    programme = models.ForeignKey(TrainingProgramme, verbose_name=_("programme"), on_delete=models.PROTECT,
                                  related_name="enrolments")
    enterprise = models.ForeignKey("members.Organization", verbose_name=_("enterprise"), on_delete=models.PROTECT,
                                   related_name="training_enrolments")
    name = models.CharField(_("employee name"), max_length=50)
    employee_number = models.CharField(_("employee number"), max_length=40)
    account = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("portal account"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="training_enrolments")
    status = models.CharField(_("status"), max_length=20, choices=EnrolmentStatus.choices,
                              default=EnrolmentStatus.ENROLLED)
    score = models.DecimalField(_("assessment score"), max_digits=5, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField(_("assessment passed"), null=True, blank=True)
    attended_hours = models.PositiveIntegerField(_("hours attended"), default=0)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    credential = models.ForeignKey("credentials.Credential", verbose_name=_("credential"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    enrolled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("enrolled by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    enrolled_at = models.DateTimeField(_("enrolled on"), auto_now_add=True)

    class Meta:
        ordering = ["programme", "enterprise", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "enterprise", "employee_number"],
                                    condition=~Q(status="withdrawn"), name="training_enrolment_employee_once"),
            models.UniqueConstraint(fields=["programme", "account"],
                                    condition=Q(account__isnull=False) & ~Q(status="withdrawn"),
                                    name="training_enrolment_account_once"),
            models.CheckConstraint(condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                                   name="training_enrolment_score_range"),
            models.CheckConstraint(condition=~Q(status="completed") | (Q(completed_at__isnull=False) & Q(passed=True)),
                                   name="training_enrolment_completed_passed"),
        ]
        verbose_name = _("employee enrolment")
        verbose_name_plural = _("employee enrolments")

    def __str__(self):
        return f"{self.name} · {self.programme}"


class SessionAttendance(models.Model):
    """One employee present at one session (absent: no row)."""

    session = models.ForeignKey(ProgrammeSession, verbose_name=_("session"), on_delete=models.CASCADE,
                                related_name="attendance")
    enrolment = models.ForeignKey(EmployeeEnrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE,
                                  related_name="attendance")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["session", "enrolment"]
        constraints = [models.UniqueConstraint(fields=["session", "enrolment"], name="training_attendance_once")]
        verbose_name = _("session attendance")
        verbose_name_plural = _("session attendance")

    def __str__(self):
        return f"{self.enrolment.name} @ {self.session}"
