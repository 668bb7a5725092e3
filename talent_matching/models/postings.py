"""岗位需求: what an enterprise asks for — a job, an internship, an order class (订单班), an
apprenticeship (现代学徒制) or a 2+1 placement — with the skills, majors, level and certificates
it accepts."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import LimitedTextField
from members.models import Organization
from reference.models import EducationLevel, Major, Occupation, Region, Skill

__all__ = [
    "PostingKind", "PostingStatus", "SkillLevel", "Posting", "PostingSkill", "PostingCertificate",
]


class PostingKind(models.TextChoices):
    JOB = "job", _("Job")
    INTERNSHIP = "internship", _("Internship")
    ORDER_CLASS = "order_class", _("Order class (订单班)")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship (现代学徒制)")
    TWO_PLUS_ONE = "two_plus_one", _("2+1 placement")


# The kinds whose places are filled by a placement round (stable matching with capacities).
COHORT_KINDS = frozenset({PostingKind.INTERNSHIP, PostingKind.ORDER_CLASS, PostingKind.TWO_PLUS_ONE})


class PostingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class SkillLevel(models.IntegerChoices):
    """How well a skill is mastered (asked for by a posting, held by a student)."""

    BASIC = 1, _("Basic")
    INTERMEDIATE = 2, _("Intermediate")
    ADVANCED = 3, _("Advanced")
    EXPERT = 4, _("Expert")


class PostingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PostingStatus.PUBLISHED)

    def open(self, today=None):
        """Published and still taking applications."""
        today = today or timezone.localdate()
        return self.published().filter(Q(deadline__isnull=True) | Q(deadline__gte=today))


class Posting(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="postings"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PostingKind.choices, default=PostingKind.JOB)
    title = models.CharField(_("title"), max_length=100)
    description = LimitedTextField(_("description"), max_length=5000)
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    majors = models.ManyToManyField(
        Major, verbose_name=_("accepted majors"), blank=True, related_name="+",
        help_text=_("Majors, classes or families of majors; left empty, every major is accepted."),
    )
    min_level = models.PositiveSmallIntegerField(
        _("minimum school level"), choices=EducationLevel.choices, null=True, blank=True
    )
    headcount = models.PositiveIntegerField(
        _("headcount"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10000)],
        help_text=_("People sought, or the places of an order class or placement."),
    )
    location = models.ForeignKey(
        Region, verbose_name=_("location"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    salary_min = models.PositiveIntegerField(_("monthly pay from (¥)"), null=True, blank=True)
    salary_max = models.PositiveIntegerField(_("monthly pay up to (¥)"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    deadline = models.DateField(_("application deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=PostingStatus.choices, default=PostingStatus.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PostingQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        indexes = [models.Index(fields=["status", "deadline"]), models.Index(fields=["organization", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True) | Q(salary_max__isnull=True) | Q(salary_max__gte=models.F("salary_min")),
                name="posting_salary_range",
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="posting_period",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == PostingStatus.PUBLISHED and (
            self.deadline is None or self.deadline >= timezone.localdate()
        )


class PostingSkill(models.Model):
    """A skill a posting requires (must be held) or prefers, at a level and with a weight."""

    posting = models.ForeignKey(Posting, verbose_name=_("posting"), on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, verbose_name=_("skill"), on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), choices=SkillLevel.choices, default=SkillLevel.BASIC)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (nice to have) to 5 (essential)."),
    )
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        ordering = ["posting_id", "-required", "-weight", "skill__code"]
        verbose_name = _("posting skill")
        verbose_name_plural = _("posting skills")
        constraints = [models.UniqueConstraint(fields=["posting", "skill"], name="posting_skill_unique")]

    def __str__(self):
        return f"{self.skill} ({self.get_level_display()})"


class PostingCertificate(models.Model):
    """A certificate a posting requires or prefers, by the name (and level) of the achievement
    its credentials carry, e.g. 「Web 前端开发职业技能等级证书」 中级."""

    posting = models.ForeignKey(
        Posting, verbose_name=_("posting"), on_delete=models.CASCADE, related_name="certificates"
    )
    name = models.CharField(_("certificate"), max_length=100)
    level = models.CharField(_("level"), max_length=20, blank=True)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        ordering = ["posting_id", "-required", "name"]
        verbose_name = _("posting certificate")
        verbose_name_plural = _("posting certificates")
        constraints = [
            models.UniqueConstraint(fields=["posting", "name", "level"], name="posting_certificate_unique")
        ]

    def __str__(self):
        return f"{self.name} {self.level}".strip()
