"""共建课程: a course a school and one or more enterprises propose and co-author. The course row
holds what it is and where it stands; its outline, resources and loose-leaf textbook are kept
in versions (``CourseVersion`` …), every version kept. The course links to the posting skills it
serves, the competitions it prepares for and the certificates it leads to (岗课赛证)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import LimitedTextField
from members.models import Organization
from reference.models import EducationLevel


class CourseStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    IN_USE = "in_use", _("In use")
    RETIRED = "retired", _("Retired")


class Course(models.Model):
    school = models.ForeignKey(Organization, verbose_name=_("school"), on_delete=models.PROTECT,
                               related_name="training_courses")
    partners = models.ManyToManyField(Organization, verbose_name=_("partner enterprises"),
                                      related_name="training_partner_courses", blank=True)
    code = models.CharField(_("course code"), max_length=30, blank=True)
    title = models.CharField(_("title"), max_length=200)
    major = models.ForeignKey("reference.Major", verbose_name=_("major"), on_delete=models.PROTECT,
                              related_name="training_courses")
    level = models.PositiveSmallIntegerField(_("education level"), choices=EducationLevel.choices)
    hours = models.PositiveSmallIntegerField(_("hours"))
    credits = models.DecimalField(_("credits"), max_digits=4, decimal_places=1)
    summary = LimitedTextField(_("summary"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=CourseStatus.choices,
                              default=CourseStatus.PROPOSED, db_index=True)
    # Set when a standard the course cites gets a new version, cleared by the next approved version.
    needs_review = models.BooleanField(_("needs review"), default=False)
    review_reason = models.CharField(_("why it needs review"), max_length=300, blank=True)
    skills = models.ManyToManyField("reference.Skill", verbose_name=_("skills it serves"), blank=True,
                                    related_name="training_courses")
    competitions = models.ManyToManyField("training.Competition", verbose_name=_("competitions it prepares for"),
                                          blank=True, related_name="courses")
    certificates = models.ManyToManyField("credentials.Achievement", verbose_name=_("certificates it leads to"),
                                          blank=True, related_name="training_courses")
    created_by = models.ForeignKey("members.User", verbose_name=_("proposed by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        ordering = ["school_id", "title"]
        verbose_name = _("co-developed course")
        verbose_name_plural = _("co-developed courses")
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="training_course_hours"),
            models.CheckConstraint(condition=models.Q(credits__gte=0), name="training_course_credits"),
        ]

    def __str__(self):
        return self.title
