"""学生求职档案: a student's profile (school, major, level, graduation year, skills, preferred
regions, availability), who the student lets see it (consent, recorded with its wording), and
every time an enterprise opened or downloaded it."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import LimitedTextField
from members.models import Organization
from reference.models import EducationLevel, Major, Region, Skill
from talent_matching.models.postings import SkillLevel

__all__ = [
    "Visibility", "StudentProfile", "ProfileSkill", "ConsentRecord", "ProfileAccessKind", "ProfileAccess", "TalentSettings",
]


class Visibility(models.TextChoices):
    """Who may see a student's profile: the student's choice, changed at any time."""

    NOBODY = "nobody", _("No one")
    CONSORTIUM = "consortium", _("Enterprises of the consortium")
    APPLIED = "applied", _("Only enterprises I apply to")


class StudentProfile(models.Model):
    student = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("student"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="talent_profile",
        help_text=_("Empty once the profile is de-identified."),
    )
    school = models.ForeignKey(
        Organization, verbose_name=_("school"), on_delete=models.PROTECT, related_name="student_profiles"
    )
    major = models.ForeignKey(Major, verbose_name=_("major"), on_delete=models.PROTECT, related_name="+")
    education_level = models.PositiveSmallIntegerField(_("level"), choices=EducationLevel.choices)
    graduation_year = models.PositiveSmallIntegerField(
        _("graduation year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    regions = models.ManyToManyField(
        Region, verbose_name=_("preferred regions"), blank=True, related_name="+",
        help_text=_("Cities or districts where you would like to work; left empty, anywhere."),
    )
    available_from = models.DateField(_("available from"), null=True, blank=True)
    kinds = models.JSONField(
        _("open to"), default=list, blank=True,
        help_text=_("The kinds of posting you are open to; left empty, every kind."),
    )
    summary = LimitedTextField(_("about me"), max_length=1000, blank=True)
    visibility = models.CharField(
        _("who may see my profile"), max_length=12, choices=Visibility.choices, default=Visibility.NOBODY
    )
    left_school_at = models.DateField(
        _("left school on"), null=True, blank=True,
        help_text=_("Set when the student leaves; the profile is de-identified after the retention period."),
    )
    deidentified_at = models.DateTimeField(_("de-identified at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["school_id", "graduation_year", "id"]
        verbose_name = _("student profile")
        verbose_name_plural = _("student profiles")
        indexes = [models.Index(fields=["visibility", "graduation_year"])]

    def __str__(self):
        if self.student_id is None:
            return str(_("De-identified profile %(id)s") % {"id": self.pk})
        return self.student.display_name if hasattr(self.student, "display_name") else str(self.student)


class ProfileSkill(models.Model):
    """A skill on a profile: self-declared, or backed by a credential the student holds (then it
    counts as verified while the credential verifies)."""

    profile = models.ForeignKey(
        StudentProfile, verbose_name=_("profile"), on_delete=models.CASCADE, related_name="skills"
    )
    skill = models.ForeignKey(Skill, verbose_name=_("skill"), on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), choices=SkillLevel.choices, default=SkillLevel.BASIC)
    credential = models.ForeignKey(
        "credentials.Credential", verbose_name=_("evidence"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("A credential you hold that shows the skill; without one the skill is self-declared."),
    )

    class Meta:
        ordering = ["profile_id", "skill__code"]
        verbose_name = _("profile skill")
        verbose_name_plural = _("profile skills")
        constraints = [models.UniqueConstraint(fields=["profile", "skill"], name="profile_skill_unique")]

    def __str__(self):
        return f"{self.skill} ({self.get_level_display()})"


class ConsentRecord(models.Model):
    """Each choice a student makes about who sees the profile, with the words shown at the time
    (个人信息保护法: consent is informed, recorded and can be withdrawn)."""

    profile = models.ForeignKey(
        StudentProfile, verbose_name=_("profile"), on_delete=models.CASCADE, related_name="consents"
    )
    visibility = models.CharField(_("choice"), max_length=12, choices=Visibility.choices)
    wording = LimitedTextField(_("wording shown"), max_length=4000)
    language = models.CharField(_("language"), max_length=10)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("given by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    given_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["profile_id", "-given_at"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self):
        return f"{self.get_visibility_display()} {self.given_at:%Y-%m-%d %H:%M}"


class ProfileAccessKind(models.TextChoices):
    VIEWED = "viewed", _("Viewed the profile")
    DOWNLOADED = "downloaded", _("Downloaded the profile")
    API = "api", _("Read through the API")


class ProfileAccess(models.Model):
    """查阅记录: an enterprise (or another organisation) opened or downloaded a student's profile.
    The student sees who looked and when."""

    profile = models.ForeignKey(
        StudentProfile, verbose_name=_("profile"), on_delete=models.CASCADE, related_name="accesses"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    kind = models.CharField(_("what"), max_length=12, choices=ProfileAccessKind.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("profile access")
        verbose_name_plural = _("profile accesses")
        indexes = [models.Index(fields=["profile", "-at"])]

    def __str__(self):
        return f"{self.organization} {self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class TalentSettings(models.Model):
    """The talent platform's settings the secretariat keeps (one row): how long a profile of a
    student who has left school is kept before it is de-identified."""

    retention_days = models.PositiveIntegerField(
        _("retention period (days)"), default=365, validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_("Days after a student leaves school before their profile is de-identified."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = _("talent platform settings")
        verbose_name_plural = _("talent platform settings")

    def __str__(self):
        return str(_("Retention: %(days)s days") % {"days": self.retention_days})

    @classmethod
    def current(cls) -> "TalentSettings":
        found, _created = cls.objects.get_or_create(pk=1)
        return found
